// The owner submits evidence: one or more http(s) links and an optional note. The request
// moves to `submitted` (which stops the reminders) and the audit's auditors are told, with
// buttons to accept it or ask for more. A repeated submission (Slack retry, double click,
// re-sent card) is answered as the first was and writes nothing.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { auditorsOf, earlierSubmission, isAuditorOf, leadsOf, loadAudit, loadRequest, requireOpenAudit, recordSubmission, requireOwner, statusSentence } from './evidence-access.js';
import { submittedMessage } from './evidence-messages.js';
import { SubmitEvidenceInput } from './evidence-schema.js';
import { EVIDENCE_SUBMITTED, evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import { type PersonRecord, activePerson } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export interface SubmitEvidenceResult {
  request: EvidenceRequestRecord;
  /** True when evidence had been submitted before and was replaced. */
  update: boolean;
  /** Auditors told, by e-mail. */
  told: string[];
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export { EVIDENCE_SUBMITTED };

export function submitEvidence(core: Core, actor: Actor, input: unknown, submissionKey?: string): SubmitEvidenceResult {
  const data = parseInput(SubmitEvidenceInput, input, 'The evidence was not saved.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.submit', submissionKey);
    if (earlier) return { request: earlier, update: false, told: [], repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    requireOwner(person, before);
    if (isAuditorOf(tx, person.email, before.auditId)) {
      throw new AuditbotError(
        'not_independent',
        `You audit ${before.auditId}, so you cannot provide its evidence: evidence comes from people independent of the audit. Ask an audit lead to pass ${requestLabel(before.id)} to the person responsible for ${before.requirement}.`,
      );
    }
    const audit = loadAudit(tx, before.auditId);
    requireOpenAudit(audit);
    if (before.status === 'accepted' || before.status === 'withdrawn') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)}, so no more evidence is needed. Thank you.`);
    }
    const now = core.clock.now().toISOString();
    const request = tx.evidence.update(before.id, { status: 'submitted', links: data.links, note: data.note ?? null, submittedAt: now, notMineReason: null });
    tx.evidence.addSubmission(request.id, person.email, now);
    const seq = tx.trail.append({
      actor: person.email,
      action: EVIDENCE_SUBMITTED,
      subject: evidenceSubject(request.id),
      before: { status: before.status, links: before.links, note: before.note },
      after: { status: request.status, links: request.links, note: request.note },
      channel: actor.channel,
    });
    const update = before.status === 'submitted';
    const assigned = auditorsOf(tx, request.auditId)
      .map((a) => tx.organisation.getPerson(a.email))
      .filter((p): p is PersonRecord => p?.active === true && p.email !== person.email);
    // An audit without auditors yet still has someone to look: the audit leads.
    const auditors = assigned.length > 0 ? assigned : leadsOf(tx, request.auditId, [person.email]);
    for (const auditor of auditors) {
      notifyPerson(tx, core, auditor, `evidence:submitted:${request.id}:${seq}:${auditor.email}`, submittedMessage({ request, ownerName: person.name, auditorName: auditor.name, update }));
    }
    recordSubmission(tx, 'evidence.submit', submissionKey, now, request.id);
    return { request, update, told: auditors.map((a) => a.email), repeated: false };
  });
}
