// An auditor gives a checklist item its verdict. `not_audited` needs a reason; `nonconformity`
// and `ofi` need the finding that supports them (recording the finding sets them), so the
// checklist never says more than the findings show.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { isNonconformity } from '../shared/classification.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { loadAudit, requireAuditorOf, requireInScope, requireStatus } from './conduct-access.js';
import { VERDICTS, type ChecklistVerdictRecord } from './types.js';

export const MAX_NOTE = 4000;

export const RecordVerdictInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
  requirement: z.string().trim().min(1, 'a requirement in the audit scope, such as A.5.15').max(20),
  verdict: z.enum(VERDICTS, { message: 'one of conforming, nonconformity, ofi, not_audited or unassessed' }),
  reason: z.string().trim().max(MAX_NOTE, `at most ${MAX_NOTE} characters`).optional(),
  notes: z.string().trim().max(MAX_NOTE, `at most ${MAX_NOTE} characters`).optional(),
});

export function recordVerdict(core: Core, actor: Actor, input: unknown): ChecklistVerdictRecord {
  const data = parseInput(RecordVerdictInput, input, 'The verdict was not recorded.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = requireAuditorOf(tx, actor, audit, 'record checklist verdicts');
    requireStatus(audit, ['in_progress'], 'record checklist verdicts');
    requireInScope(audit, data.requirement);
    const reason = data.reason && data.reason !== '' ? data.reason : null;
    if (data.verdict === 'not_audited' && !reason) {
      throw new AuditbotError('validation_failed', `Say why ${data.requirement} was not audited (e.g. the system was being replaced); the reason goes into the report. Nothing was changed.`, { reason: 'Say why it was not audited.' });
    }
    const findings = tx.findings.list({ auditId: audit.id }).filter((f) => f.requirement === data.requirement && f.status === 'open');
    if (data.verdict === 'nonconformity' && !findings.some((f) => isNonconformity(f.classification))) {
      throw new AuditbotError('validation_failed', `No nonconformity is recorded against ${data.requirement} in ${audit.id}. Record the finding from the checklist item (audit finding ${audit.id} ${data.requirement}): it sets the verdict. Nothing was changed.`, { verdict: 'Record the finding first.' });
    }
    if (data.verdict === 'ofi' && !findings.some((f) => f.classification === 'ofi')) {
      throw new AuditbotError('validation_failed', `No opportunity for improvement is recorded against ${data.requirement} in ${audit.id}. Record it as a finding from the checklist item (audit finding ${audit.id} ${data.requirement}): it sets the verdict. Nothing was changed.`, { verdict: 'Record the finding first.' });
    }
    if (data.verdict === 'conforming' && findings.some((f) => isNonconformity(f.classification))) {
      throw new AuditbotError('validation_failed', `${data.requirement} has a nonconformity recorded in ${audit.id} (${findings.filter((f) => isNonconformity(f.classification)).map((f) => f.id).join(', ')}), so it cannot be conforming. Nothing was changed.`, { verdict: 'A nonconformity is recorded against it.' });
    }
    const before = tx.conduct.getVerdict(audit.id, data.requirement);
    const record: ChecklistVerdictRecord = {
      auditId: audit.id,
      requirement: data.requirement,
      verdict: data.verdict,
      reason: data.verdict === 'not_audited' ? reason : null,
      notes: data.notes !== undefined ? data.notes || null : (before?.notes ?? null),
      updatedBy: person.email,
      updatedAt: core.clock.now().toISOString(),
    };
    tx.conduct.saveVerdict(record);
    tx.trail.append({
      actor: person.email,
      channel: actor.channel,
      action: 'audit.checklist_verdict',
      subject: `audit:${audit.id}`,
      before: { requirement: data.requirement, verdict: before?.verdict ?? 'unassessed', reason: before?.reason ?? null },
      after: { requirement: data.requirement, verdict: record.verdict, reason: record.reason, notes: record.notes, findings: findings.map((f) => f.id) },
    });
    return record;
  });
}
