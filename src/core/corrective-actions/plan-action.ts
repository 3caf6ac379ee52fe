// The owner plans a corrective action: the correction already made, the root cause, the
// action plan and a target date on or before the due date. The target is the owner's and the
// due date the auditor's: planning never moves the due date (to go beyond it, the owner
// requests an extension with a reason). A planned action may be planned
// again: the new plan replaces the old one, and the trail keeps both. A repeated submission
// (Slack retry, double click) is answered as the first was.
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { formatDate } from '../shared/working-time.js';
import { activePerson, authorize, earlierSubmission, loadCase, recordSubmission, todayOf } from './action-access.js';
import { ACTION_FIELDS as F } from './action-ids.js';
import { parseInput, PlanActionInput } from './action-schema.js';
import { actionSubject, type CorrectiveActionRecord } from './types.js';
import type { Actor } from '../shared/actor.js';

export const ACTION_PLANNED = 'action.planned';

export interface PlanActionResult {
  action: CorrectiveActionRecord;
  repeated: boolean;
}

export function planAction(core: Core, actor: Actor, input: unknown, submissionKey?: string): PlanActionResult {
  const data = parseInput(PlanActionInput, input, 'The plan was not saved.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'action.plan', submissionKey);
    if (earlier) return { action: earlier, repeated: true };
    const person = activePerson(tx, actor.email);
    const c = loadCase(tx, person, data.actionId);
    authorize(c, person, 'plan');
    const today = todayOf(tx, core, person);
    // Keeping the current due date is always possible, even once it has passed: the plan is
    // recorded and the chase goes on; any other date must be today or later.
    if (data.due < today && data.due !== c.action.due && data.due !== c.action.target) {
      throw validationError({ [F.due]: `${data.due} is in the past. Choose today (${today}) or a later date.` }, `The plan was not saved: the target date ${data.due} is in the past.`);
    }
    if (data.due > c.action.due) {
      throw validationError(
        { [F.due]: `${formatDate(data.due)} is after the due date, ${formatDate(c.action.due)}. Choose a target date on or before it, or use Request extension, with the reason, to move the due date.` },
        `The plan was not saved: the target date ${data.due} is after the due date ${c.action.due}.`,
      );
    }
    const now = core.clock.now().toISOString();
    const before = c.action;
    const action = tx.actions.update(before.id, { status: 'planned', correction: data.correction, rootCause: data.rootCause, plan: data.plan, target: data.due, plannedAt: now });
    tx.trail.append({
      actor: person.email,
      action: ACTION_PLANNED,
      subject: actionSubject(action.id),
      before: { status: before.status, correction: before.correction, rootCause: before.rootCause, plan: before.plan, target: before.target, due: before.due },
      after: { status: action.status, correction: action.correction, rootCause: action.rootCause, plan: action.plan, target: action.target, due: action.due },
      channel: actor.channel,
    });
    recordSubmission(tx, 'action.plan', submissionKey, now, action.id);
    return { action, repeated: false };
  });
}
