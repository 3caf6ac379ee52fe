// An audit lead passes a request to another owner (after "Not mine", or when an owner has
// left). The new owner gets the request with its buttons and a fresh reminder cadence; the
// previous owner is told nothing more is needed from them.
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { coverCurrentStage, earlierSubmission, isAuditorOf, isLeadFor, loadAudit, loadRequest, recordSubmission, requireOpenAudit, statusSentence } from './evidence-access.js';
import { reassignedAwayMessage, reassignedToMessage } from './evidence-messages.js';
import { ReassignEvidenceInput } from './evidence-schema.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import { requireWorkingDueDate } from '../shared/due-dates.js';
import { addWorkingDays } from '../shared/working-time.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, todayFor, workingHoursFor } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export interface ReassignEvidenceResult {
  request: EvidenceRequestRecord;
  previousOwner: string;
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export const EVIDENCE_REASSIGNED = 'evidence.reassigned';

/** Working days a new owner gets at least, when the lead gives no due date. */
export const REASSIGN_MIN_WORKING_DAYS = 3;

export function reassignEvidence(core: Core, actor: Actor, input: unknown, submissionKey?: string): ReassignEvidenceResult {
  const data = parseInput(ReassignEvidenceInput, input, 'The request was not reassigned.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.reassign', submissionKey);
    if (earlier) return { request: earlier, previousOwner: earlier.owner, repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    if (!isLeadFor(tx, person, before.auditId)) {
      throw new AuditbotError('forbidden', `Only an audit lead can reassign evidence requests. Ask the lead auditor of ${before.auditId} to reassign ${requestLabel(before.id)}.`);
    }
    requireOpenAudit(loadAudit(tx, before.auditId));
    if (before.status !== 'requested' && before.status !== 'more_requested') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)}, so it cannot be reassigned.`);
    }
    const owner = tx.organisation.getPerson(data.owner);
    if (!owner?.active) throw validationError({ owner: `Nobody with the e-mail ${data.owner} is active in the organisation file. Choose the new owner from the list.` });
    if (owner.email === before.owner) throw validationError({ owner: `${requestLabel(before.id)} is already with ${owner.name}. Choose someone else.` });
    if (isAuditorOf(tx, owner.email, before.auditId)) {
      const why = `${owner.name} audits ${before.auditId}, so cannot provide its evidence: evidence comes from people independent of the audit. Choose the person responsible for ${before.requirement}.`;
      throw new AuditbotError('not_independent', why, { owner: why });
    }
    const today = todayFor(tx, core, owner);
    const soonest = addWorkingDays(today, REASSIGN_MIN_WORKING_DAYS, workingHoursFor(tx, core, owner));
    if (data.due !== undefined && data.due <= today) throw validationError({ due: `Choose a due date after today (${today}) for ${owner.name}.` });
    if (data.due !== undefined) requireWorkingDueDate(tx, core, owner, data.due, 'due', 'The request was not reassigned:');
    const due = data.due ?? (before.due >= soonest ? before.due : soonest);
    const request = tx.evidence.update(before.id, { owner: owner.email, due, notMineReason: null });
    const seq = tx.trail.append({
      actor: person.email,
      action: EVIDENCE_REASSIGNED,
      subject: evidenceSubject(request.id),
      before: { owner: before.owner, due: before.due, notMineReason: before.notMineReason },
      after: { owner: request.owner, due: request.due },
      channel: actor.channel,
    });
    coverCurrentStage(tx, core, request, owner);
    notifyPerson(tx, core, owner, `evidence:reassigned:${request.id}:${seq}:to`, reassignedToMessage(request, owner.name, person.name));
    const previous = tx.organisation.getPerson(before.owner);
    if (previous?.active && previous.email !== person.email) {
      notifyPerson(tx, core, previous, `evidence:reassigned:${request.id}:${seq}:from`, reassignedAwayMessage(request, owner.name));
    }
    recordSubmission(tx, 'evidence.reassign', submissionKey, core.clock.now().toISOString(), request.id);
    return { request, previousOwner: before.owner, repeated: false };
  });
}
