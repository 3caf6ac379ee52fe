// A document the auditor reviewed for a checklist item, by its link (checked as evidence links are).
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { linkProblem, MAX_LINK } from '../shared/links-schema.js';
import { insertPaper, openForPapers } from './paper-access.js';
import type { WorkingPaperRecord } from './types.js';

export const RecordDocumentInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  requirement: z.string().trim().toUpperCase().min(1).max(20),
  link: z.string({ message: 'a link to the document' }).trim().min(1, 'a link to the document').max(MAX_LINK + 1),
  title: z.string().trim().max(300, 'at most 300 characters').optional(),
});

export function recordDocument(core: Core, actor: Actor, input: unknown): WorkingPaperRecord {
  const data = parseInput(RecordDocumentInput, input, 'The document was not recorded.');
  const problem = linkProblem(data.link);
  if (problem) throw new AuditbotError('validation_failed', `${problem} Nothing was changed.`, { link: problem });
  return core.store.transaction((tx) => {
    const { audit, person } = openForPapers(tx, actor, data.auditId, data.requirement);
    return insertPaper(tx, core, actor, person, audit, data.requirement, { kind: 'document', link: data.link, title: data.title || data.link });
  });
}
