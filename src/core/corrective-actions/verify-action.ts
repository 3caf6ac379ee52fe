// The verification of effectiveness (clause 10.2 f): the auditor who raised the finding, or an
// audit lead, independent of the owner and the owner's team, says whether the implemented
// action worked. Effective closes it; not effective sends it back to the owner as planned, with
// the verifier's reason and a new due date. Every verdict is kept (`verifications`), so the
// corrective-action log shows each round.
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { requireWorkingDueDate } from '../shared/due-dates.js';
import { notifyPerson } from '../shared/notify.js';
import { activePerson, actionCase, authorize, coverDueStage, earlierSubmission, loadCase, recordSubmission, todayOf, type ActionCase } from './action-access.js';
import { ACTION_FIELDS as F } from './action-ids.js';
import { closedMessage, notEffectiveMessage } from './action-messages.js';
import { parseInput, VerifyActionInput } from './action-schema.js';
import { actionSubject, type VerificationRecord } from './types.js';
import type { Actor } from '../shared/actor.js';

export const ACTION_VERIFIED = 'action.verified';
export const ACTION_CLOSED = 'action.closed';

export interface VerifyActionResult {
  case: ActionCase;
  verification: VerificationRecord | null;
  repeated: boolean;
}

export function verifyAction(core: Core, actor: Actor, input: unknown, submissionKey?: string): VerifyActionResult {
  const data = parseInput(VerifyActionInput, input, 'The verification was not recorded.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'action.verify', submissionKey);
    if (earlier) return { case: actionCase(tx, earlier), verification: null, repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadCase(tx, person, data.actionId);
    authorize(before, person, 'verify');
    const today = todayOf(tx, core, before.owner);
    if (!data.effective && data.due !== undefined && data.due >= today) requireWorkingDueDate(tx, core, before.owner, data.due, F.due, 'The verification was not recorded:');
    if (!data.effective && data.due !== undefined && data.due < today) {
      throw validationError({ [F.due]: `${data.due} is in the past. Give the owner a new due date from today (${today}).` }, `The verification was not recorded: the new due date ${data.due} is in the past.`);
    }
    const now = core.clock.now().toISOString();
    const verification: VerificationRecord = { actionId: before.action.id, by: person.email, at: now, effective: data.effective, reason: data.reason };
    tx.actions.addVerification(verification);
    const action = data.effective
      ? tx.actions.update(before.action.id, { status: 'closed', closedAt: now })
      : tx.actions.update(before.action.id, { status: 'planned', due: data.due ?? before.action.due, target: null, implementedAt: null });
    const subject = actionSubject(action.id);
    const seq = tx.trail.append({
      actor: person.email,
      action: ACTION_VERIFIED,
      subject,
      before: { status: before.action.status, due: before.action.due },
      after: { status: action.status, due: action.due, effective: data.effective, reason: data.reason },
      channel: actor.channel,
    });
    if (data.effective) tx.trail.append({ actor: person.email, action: ACTION_CLOSED, subject, after: { status: action.status, closedAt: now }, channel: actor.channel });
    const c = actionCase(tx, action);
    if (!data.effective) coverDueStage(tx, core, action, c.owner);
    if (c.owner?.active) {
      const message = data.effective ? closedMessage(c, verification, person.name) : notEffectiveMessage(c, verification, person.name);
      notifyPerson(tx, core, c.owner, `action:${action.id}:verified:${seq}`, message);
    }
    recordSubmission(tx, 'action.verify', submissionKey, now, action.id);
    return { case: c, verification, repeated: false };
  });
}
