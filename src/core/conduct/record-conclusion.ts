// The lead auditor's conclusion: whether the audited part of the ISMS conforms, a summary and
// the strengths observed. It can be revised until the audit closes.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { isNonconformity } from '../shared/classification.js';
import { parseInput } from '../shared/input-schema.js';
import { loadAudit, requireLeadAuditorOf, requireStatus } from './conduct-access.js';
import { CONCLUSIONS, type ConclusionRecord } from './types.js';

export const MAX_CONCLUSION_TEXT = 4000;

export const CONCLUSION_FIELDS = { auditId: 'auditId', conclusion: 'conclusion', summary: 'summary', strengths: 'strengths' } as const;

export const RecordConclusionInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1, 'an audit id such as IA-2027-07').max(40),
  conclusion: z.enum(CONCLUSIONS, { message: 'choose conforms, conforms_with_minor_nonconformities or does_not_conform' }),
  summary: z.string({ message: 'write a short summary' }).trim().min(1, 'write a short summary').max(MAX_CONCLUSION_TEXT, `at most ${MAX_CONCLUSION_TEXT} characters`),
  strengths: z.string().trim().max(MAX_CONCLUSION_TEXT, `at most ${MAX_CONCLUSION_TEXT} characters`).optional(),
});

export function recordConclusion(core: Core, actor: Actor, input: unknown): ConclusionRecord {
  const data = parseInput(RecordConclusionInput, input, 'The conclusion was not recorded.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'record its conclusion');
    requireStatus(audit, ['in_progress', 'reporting'], 'record its conclusion');
    const findings = tx.findings.list({ auditId: audit.id, status: 'open' });
    const majors = findings.filter((f) => f.classification === 'major').length;
    const ncs = findings.filter((f) => isNonconformity(f.classification)).length;
    if (data.conclusion === 'conforms' && ncs > 0) {
      throw new AuditbotError('validation_failed', `${audit.id} has ${ncs} nonconformit${ncs === 1 ? 'y' : 'ies'} recorded, so it cannot simply conform. Nothing was changed.`, { conclusion: 'Nonconformities are recorded: choose another conclusion.' });
    }
    if (data.conclusion === 'conforms_with_minor_nonconformities' && majors > 0) {
      throw new AuditbotError('validation_failed', `${audit.id} has ${majors} major nonconformit${majors === 1 ? 'y' : 'ies'} recorded, so it does not conform. Nothing was changed.`, { conclusion: 'A major nonconformity is recorded: it does not conform.' });
    }
    const record: ConclusionRecord = { auditId: audit.id, conclusion: data.conclusion, summary: data.summary, strengths: data.strengths ?? '', recordedBy: person.email, recordedAt: core.clock.now().toISOString() };
    tx.conduct.saveConclusion(record);
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.concluded', subject: `audit:${audit.id}`, after: { conclusion: record.conclusion, summary: record.summary, strengths: record.strengths } });
    return record;
  });
}
