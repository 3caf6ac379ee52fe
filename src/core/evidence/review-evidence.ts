// An auditor of the audit reviews submitted evidence: Accept (who and when is recorded), or
// Request more with a comment and a new due date, which sends the request back to the owner
// with a fresh reminder cadence.
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { auditorsOf, coverCurrentStage, earlierSubmission, loadAudit, loadRequest, recordSubmission, requireOpenAudit, statusSentence, submittedBy } from './evidence-access.js';
import { acceptedMessage, moreRequestedMessage } from './evidence-messages.js';
import { ReviewEvidenceInput } from './evidence-schema.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import { requireWorkingDueDate } from '../shared/due-dates.js';
import { addWorkingDays } from '../shared/working-time.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, todayFor, workingHoursFor } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export const EVIDENCE_ACCEPTED = 'evidence.accepted';
export const EVIDENCE_MORE_REQUESTED = 'evidence.more_requested';

/** Working days the owner gets to add more, when the auditor gives no date. */
export const MORE_DEFAULT_WORKING_DAYS = 5;

export interface ReviewEvidenceResult {
  request: EvidenceRequestRecord;
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export function reviewEvidence(core: Core, actor: Actor, input: unknown, submissionKey?: string): ReviewEvidenceResult {
  const data = parseInput(ReviewEvidenceInput, input, 'The review was not saved.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.review', submissionKey);
    if (earlier) return { request: earlier, repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    const auditors = auditorsOf(tx, before.auditId);
    if (!auditors.some((a) => a.email === person.email)) {
      const names = auditors.map((a) => a.email).join(', ');
      throw new AuditbotError('forbidden', `Only the auditors of ${before.auditId}${names ? ` (${names})` : ''} can review its evidence.`);
    }
    if (person.email === before.owner) throw new AuditbotError('not_independent', `You own ${requestLabel(before.id)}, so another auditor of ${before.auditId} must review it.`);
    // Whoever provided evidence cannot judge it, even once the request has passed to someone else.
    if (submittedBy(tx, before, person.email)) {
      throw new AuditbotError('not_independent', `You submitted evidence for ${requestLabel(before.id)}, so you cannot review it: another auditor of ${before.auditId}, or an audit lead, reviews it.`);
    }
    requireOpenAudit(loadAudit(tx, before.auditId));
    if (before.status !== 'submitted') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)}, so there is nothing to review.`);
    }
    const now = core.clock.now().toISOString();
    const owner = tx.organisation.getPerson(before.owner);
    if (data.decision === 'accept') {
      const request = tx.evidence.update(before.id, { status: 'accepted', acceptedBy: person.email, acceptedAt: now });
      const seq = tx.trail.append({
        actor: person.email,
        action: EVIDENCE_ACCEPTED,
        subject: evidenceSubject(request.id),
        before: { status: before.status },
        after: { status: request.status, acceptedBy: request.acceptedBy, acceptedAt: request.acceptedAt, links: request.links },
        channel: actor.channel,
      });
      if (owner?.active) notifyPerson(tx, core, owner, `evidence:accepted:${request.id}:${seq}`, acceptedMessage(request, person.name));
      recordSubmission(tx, 'evidence.review', submissionKey, now, request.id);
      return { request, repeated: false };
    }
    const today = todayFor(tx, core, owner);
    if (data.due !== undefined && data.due <= today) throw validationError({ due: `Choose a due date after today (${today}), so the owner has time to add it.` });
    if (data.due !== undefined) requireWorkingDueDate(tx, core, owner, data.due, 'due', 'The review was not recorded:');
    const due = data.due ?? addWorkingDays(today, MORE_DEFAULT_WORKING_DAYS, workingHoursFor(tx, core, owner));
    const request = tx.evidence.update(before.id, { status: 'more_requested', comment: data.comment ?? null, due });
    const seq = tx.trail.append({
      actor: person.email,
      action: EVIDENCE_MORE_REQUESTED,
      subject: evidenceSubject(request.id),
      before: { status: before.status, due: before.due },
      after: { status: request.status, due: request.due, comment: request.comment },
      channel: actor.channel,
    });
    if (owner) coverCurrentStage(tx, core, request, owner);
    if (owner?.active) notifyPerson(tx, core, owner, `evidence:more:${request.id}:${seq}`, moreRequestedMessage(request, person.name));
    recordSubmission(tx, 'evidence.review', submissionKey, now, request.id);
    return { request, repeated: false };
  });
}
