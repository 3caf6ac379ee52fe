// The owner asks for a little longer: the due date moves by 1 to 3 working days (counted from
// today when the request is already overdue), at most twice per request. The reminders then
// follow the new date.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { coverCurrentStage, earlierSubmission, loadAudit, loadRequest, requireOpenAudit, recordSubmission, requireOwner, statusSentence } from './evidence-access.js';
import { MAX_SNOOZES, SnoozeEvidenceInput } from './evidence-schema.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';
import { addWorkingDays } from '../shared/working-time.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, todayFor, workingHoursFor } from '../shared/people.js';
import { parseInput } from '../shared/input-schema.js';

export interface SnoozeEvidenceResult {
  request: EvidenceRequestRecord;
  previousDue: string;
  /** Snoozes still allowed on this request. */
  snoozesLeft: number;
  /** True when this submission had been handled before and nothing was written now. */
  repeated: boolean;
}

export const EVIDENCE_SNOOZED = 'evidence.snoozed';

export function snoozeEvidence(core: Core, actor: Actor, input: unknown, submissionKey?: string): SnoozeEvidenceResult {
  const data = parseInput(SnoozeEvidenceInput, input, 'The request was not snoozed.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'evidence.snooze', submissionKey);
    if (earlier) return { request: earlier, previousDue: earlier.due, snoozesLeft: Math.max(0, MAX_SNOOZES - earlier.snoozeCount), repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadRequest(tx, person, data.requestId);
    requireOwner(person, before);
    requireOpenAudit(loadAudit(tx, before.auditId));
    if (before.status !== 'requested' && before.status !== 'more_requested') {
      throw new AuditbotError('illegal_transition', `${statusSentence(before)}, so there is nothing to snooze.`);
    }
    if (before.snoozeCount >= MAX_SNOOZES) {
      const message = `${requestLabel(before.id)} has been snoozed ${MAX_SNOOZES} times already, the most allowed. Please share what you have now (you can add more later), or tell the auditors what is holding it up.`;
      throw new AuditbotError('conflict', message, { days: message });
    }
    const today = todayFor(tx, core, person);
    const from = before.due > today ? before.due : today;
    const due = addWorkingDays(from, data.days, workingHoursFor(tx, core, person));
    const request = tx.evidence.update(before.id, { due, snoozeCount: before.snoozeCount + 1 });
    tx.trail.append({
      actor: person.email,
      action: EVIDENCE_SNOOZED,
      subject: evidenceSubject(request.id),
      before: { due: before.due, snoozeCount: before.snoozeCount },
      after: { due: request.due, snoozeCount: request.snoozeCount, days: data.days },
      channel: actor.channel,
    });
    coverCurrentStage(tx, core, request, person);
    recordSubmission(tx, 'evidence.snooze', submissionKey, core.clock.now().toISOString(), request.id);
    return { request, previousDue: before.due, snoozesLeft: MAX_SNOOZES - request.snoozeCount, repeated: false };
  });
}
