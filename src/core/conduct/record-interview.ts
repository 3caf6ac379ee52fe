// An interview held for the audit: who (a person of the organisation or a named outsider), their
// role, when, the requirements discussed and a summary. It is filed under the first requirement.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { scopeOf } from './conduct-access.js';
import { insertPaper, openForPapers } from './paper-access.js';
import type { WorkingPaperRecord } from './types.js';

export const INTERVIEW_FIELDS = { who: 'who', role: 'role', when: 'when', requirements: 'requirements', summary: 'summary' } as const;

export const RecordInterviewInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  who: z.string({ message: 'who was interviewed' }).trim().min(1, 'who was interviewed: an e-mail of the organisation or a name').max(200),
  role: z.string({ message: 'their role' }).trim().min(1, 'their role').max(200),
  when: z.string({ message: 'the date, YYYY-MM-DD' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'the date, YYYY-MM-DD'),
  requirements: z.string({ message: 'the requirements discussed' }).trim().min(1, 'the requirements discussed, e.g. A.5.15, A.5.18').max(1000),
  summary: z.string({ message: 'a summary' }).trim().min(1, 'a summary of what was said').max(4000, 'at most 4000 characters'),
});

export function recordInterview(core: Core, actor: Actor, input: unknown): WorkingPaperRecord {
  const data = parseInput(RecordInterviewInput, input, 'The interview was not recorded.');
  const requirements = [...new Set(data.requirements.split(/[\s,;]+/).map((r) => r.trim().toUpperCase()).filter(Boolean))];
  return core.store.transaction((tx) => {
    const first = requirements[0] ?? '';
    const { audit, person } = openForPapers(tx, actor, data.auditId, first);
    const outside = requirements.filter((r) => !scopeOf(audit).includes(r));
    if (outside.length > 0) throw new AuditbotError('validation_failed', `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the scope of ${audit.id}. Nothing was changed.`, { [INTERVIEW_FIELDS.requirements]: `Not in scope: ${outside.join(', ')}.` });
    const who = /^[^\s@]+@[^\s@]+$/.test(data.who) ? data.who.toLowerCase() : data.who;
    if (who.includes('@') && !tx.organisation.getPerson(who)) {
      throw new AuditbotError('validation_failed', `${who} is not in the organisation file; write an outsider's name instead. Nothing was changed.`, { [INTERVIEW_FIELDS.who]: `${who} is not in the organisation file.` });
    }
    return insertPaper(tx, core, actor, person, audit, first, { kind: 'interview', who, role: data.role, when: data.when, requirements, summary: data.summary });
  });
}
