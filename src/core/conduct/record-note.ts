// A free note on a checklist item.
import { z } from 'zod';
import type { Core } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { insertPaper, openForPapers } from './paper-access.js';
import type { WorkingPaperRecord } from './types.js';

export const RecordNoteInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  requirement: z.string().trim().toUpperCase().min(1).max(20),
  text: z.string({ message: 'the note' }).trim().min(1, 'the note').max(4000, 'at most 4000 characters'),
});

export function recordNote(core: Core, actor: Actor, input: unknown): WorkingPaperRecord {
  const data = parseInput(RecordNoteInput, input, 'The note was not recorded.');
  return core.store.transaction((tx) => {
    const { audit, person } = openForPapers(tx, actor, data.auditId, data.requirement);
    return insertPaper(tx, core, actor, person, audit, data.requirement, { kind: 'note', text: data.text });
  });
}
