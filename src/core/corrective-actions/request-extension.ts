// A later due date for an open or planned corrective action, with a reason (issue 14.5). The
// owner asks: the request goes to the audit leads (never to the owner themself), and nothing
// changes until a lead approves it (decide-extension.ts); a second request while one is pending
// is refused. An audit lead independent of the owner's team may set it directly, which also
// approves a pending request; the owner is then told.
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { requireWorkingDueDate } from '../shared/due-dates.js';
import { formatDate } from '../shared/working-time.js';
import { notifyPerson } from '../shared/notify.js';
import { activeLeads, activePerson, actionCase, authorize, coverDueStage, earlierSubmission, loadCase, recordSubmission, todayOf } from './action-access.js';
import { ACTION_FIELDS as F } from './action-ids.js';
import { extendedMessage, extensionRequestedMessage } from './action-messages.js';
import { parseInput, RequestExtensionInput } from './action-schema.js';
import { actionSubject, type CorrectiveActionRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import type { PersonRecord } from '../shared/people.js';

export const ACTION_EXTENDED = 'action.extended';

export interface RequestExtensionResult {
  action: CorrectiveActionRecord;
  /** The due date before. */
  from: string;
  /** Names of the people told. */
  told: string[];
  repeated: boolean;
  /** True when this was the owner's request, waiting for a lead; the due date did not move. */
  pending: boolean;
}

export const ACTION_EXTENSION_REQUESTED = 'action.extension_requested';

export function requestExtension(core: Core, actor: Actor, input: unknown, submissionKey?: string): RequestExtensionResult {
  const data = parseInput(RequestExtensionInput, input, 'The due date was not changed.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'action.extend', submissionKey);
    if (earlier) return { action: earlier, from: earlier.due, told: [], repeated: true, pending: tx.actions.pendingExtensionRequest(earlier.id) !== null };
    const person = activePerson(tx, actor.email);
    const before = loadCase(tx, person, data.actionId);
    const role = authorize(before, person, 'extend');
    const today = todayOf(tx, core, person);
    const from = before.action.due;
    if (data.due <= from) {
      throw validationError(
        { [F.due]: `${formatDate(data.due)} is not after the current due date, ${formatDate(from)}. An extension moves the due date later; to finish earlier, give the earlier target date in the plan.` },
        `The due date was not changed: ${data.due} is not after ${from}.`,
      );
    }
    if (data.due < today) {
      throw validationError({ [F.due]: `${data.due} is in the past. Choose a date after today (${today}).` }, `The due date was not changed: ${data.due} is in the past.`);
    }
    const now = core.clock.now().toISOString();
    requireWorkingDueDate(tx, core, before.owner, data.due, F.due, 'The due date was not changed:');
    const pendingRequest = tx.actions.pendingExtensionRequest(before.action.id);
    if (role === 'owner') {
      if (pendingRequest) {
        throw new AuditbotError('conflict', `Your request to move ${before.action.id} to ${formatDate(pendingRequest.due)} is still waiting for an audit lead's decision. You can ask again once it is decided.`);
      }
      const request = tx.actions.addExtensionRequest({ actionId: before.action.id, by: person.email, at: now, due: data.due, reason: data.reason });
      const seq = tx.trail.append({ actor: person.email, action: ACTION_EXTENSION_REQUESTED, subject: actionSubject(before.action.id), before: { due: from }, after: { due: data.due, reason: data.reason, request: request.id }, channel: actor.channel });
      const deciders = activeLeads(tx).filter((l) => l.email !== person.email);
      for (const p of deciders) notifyPerson(tx, core, p, `action:${before.action.id}:extension-requested:${seq}:${p.email}`, extensionRequestedMessage(before, request, person.name));
      recordSubmission(tx, 'action.extend', submissionKey, now, before.action.id);
      return { action: before.action, from, told: deciders.map((p) => p.name), repeated: false, pending: true };
    }
    if (pendingRequest) tx.actions.decideExtensionRequest(pendingRequest.id, { status: 'approved', decidedBy: person.email, decidedAt: now, decision: `set to ${data.due}: ${data.reason}` });
    const action = tx.actions.update(before.action.id, { due: data.due });
    tx.actions.addExtension({ actionId: action.id, by: person.email, at: now, from, to: action.due, reason: data.reason });
    const seq = tx.trail.append({
      actor: person.email,
      action: ACTION_EXTENDED,
      subject: actionSubject(action.id),
      before: { due: from },
      after: { due: action.due, reason: data.reason },
      channel: actor.channel,
    });
    const c = actionCase(tx, action);
    coverDueStage(tx, core, action, c.owner);
    const told: PersonRecord[] = c.owner?.active && c.owner.email !== person.email ? [c.owner] : [];
    for (const p of told) {
      notifyPerson(tx, core, p, `action:${action.id}:extended:${seq}:${p.email}`, extendedMessage(c, from, data.reason, person.name, p.email === action.owner));
    }
    recordSubmission(tx, 'action.extend', submissionKey, now, action.id);
    return { action, from, told: told.map((p) => p.name), repeated: false, pending: false };
  });
}
