// An audit lead withdraws a request that is no longer needed (the requirement left the scope,
// or the evidence came another way). The reminders stop and the owner is told; the request
// stays in the register with its reason in the trail.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { earlierSubmission, isLeadFor, loadAudit, loadRequest, recordSubmission, requireOpenAudit, statusSentence } from './evidence-access.js';
import { withdrawnMessage } from './evidence-messages.js';
import { WithdrawEvidenceInput } from './evidence-schema.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import { activePerson } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export const EVIDENCE_WITHDRAWN = 'evidence.withdrawn';

export interface WithdrawEvidenceResult {
  request: EvidenceRequestRecord;
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export function withdrawEvidence(core: Core, actor: Actor, input: unknown, submissionKey?: string): WithdrawEvidenceResult {
  const data = parseInput(WithdrawEvidenceInput, input, 'The request was not withdrawn.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.withdraw', submissionKey);
    if (earlier) return { request: earlier, repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    if (!isLeadFor(tx, person, before.auditId)) {
      throw new AuditbotError('forbidden', `Only an audit lead can withdraw evidence requests. Ask the lead auditor of ${before.auditId} about ${requestLabel(before.id)}.`);
    }
    requireOpenAudit(loadAudit(tx, before.auditId));
    if (before.status === 'accepted' || before.status === 'withdrawn') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)} already.`);
    }
    const request = tx.evidence.update(before.id, { status: 'withdrawn' });
    const seq = tx.trail.append({
      actor: person.email,
      action: EVIDENCE_WITHDRAWN,
      subject: evidenceSubject(request.id),
      before: { status: before.status },
      after: { status: request.status, reason: data.reason },
      channel: actor.channel,
    });
    const owner = tx.organisation.getPerson(request.owner);
    if (owner?.active && owner.email !== person.email) {
      notifyPerson(tx, core, owner, `evidence:withdrawn:${request.id}:${seq}`, withdrawnMessage(request, person.name, data.reason));
    }
    recordSubmission(tx, 'evidence.withdraw', submissionKey, core.clock.now().toISOString(), request.id);
    return { request, repeated: false };
  });
}
