// The owner says a request is not theirs, with a reason. The reminders to them stop and the
// audit leads are asked to pass it to its owner (`reassign-evidence.ts`).
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { earlierSubmission, leadsOf, loadAudit, loadRequest, requireOpenAudit, recordSubmission, requireOwner, statusSentence } from './evidence-access.js';
import { notMineMessage } from './evidence-messages.js';
import { NotMineInput } from './evidence-schema.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import { activePerson } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export interface NotMineResult {
  request: EvidenceRequestRecord;
  /** Leads told, by e-mail. */
  told: string[];
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export const EVIDENCE_NOT_MINE = 'evidence.not_mine';

export function markNotMine(core: Core, actor: Actor, input: unknown, submissionKey?: string): NotMineResult {
  const data = parseInput(NotMineInput, input, 'Nothing was sent.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.not_mine', submissionKey);
    if (earlier) return { request: earlier, told: [], repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    requireOwner(person, before);
    requireOpenAudit(loadAudit(tx, before.auditId));
    if (before.status !== 'requested' && before.status !== 'more_requested') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)}, so it cannot be handed back now. Tell the auditors if something is wrong.`);
    }
    if (before.notMineReason !== null) {
      throw new AuditbotError('conflict', `You already told the audit lead that ${requestLabel(before.id)} is not yours ("${before.notMineReason}"). They will reassign it.`);
    }
    const request = tx.evidence.update(before.id, { notMineReason: data.reason });
    const seq = tx.trail.append({
      actor: person.email,
      action: EVIDENCE_NOT_MINE,
      subject: evidenceSubject(request.id),
      before: { notMineReason: null },
      after: { notMineReason: data.reason },
      channel: actor.channel,
    });
    const leads = leadsOf(tx, request.auditId, [person.email]);
    for (const lead of leads) notifyPerson(tx, core, lead, `evidence:not-mine:${request.id}:${seq}:${lead.email}`, notMineMessage(request, person.name, data.reason));
    recordSubmission(tx, 'evidence.not_mine', submissionKey, core.clock.now().toISOString(), request.id);
    return { request, told: leads.map((l) => l.email), repeated: false };
  });
}
