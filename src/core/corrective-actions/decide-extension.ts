// An audit lead decides an owner's extension request (issue 14.5): approves it, with the date
// asked for or another later one, or refuses it with a reason. Only then does the due date move.
// The owner, and anyone in the owner's team, cannot decide (action-policy.ts), so nobody
// approves their own request.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { requireWorkingDueDate } from '../shared/due-dates.js';
import { notifyPerson } from '../shared/notify.js';
import { parseInput } from '../shared/input-schema.js';
import { formatDate } from '../shared/working-time.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, actionCase, authorize, coverDueStage, loadCase } from './action-access.js';
import { extensionDecidedMessage } from './action-messages.js';
import { ACTION_EXTENDED } from './request-extension.js';
import { actionSubject, parseActionId, type CorrectiveActionRecord, type ExtensionRequestRecord } from './types.js';

export const ACTION_EXTENSION_DECIDED = 'action.extension_decided';

export const DecideExtensionInput = z
  .object({
    actionId: z.string().transform((s, ctx) => parseActionId(s) ?? (ctx.addIssue({ code: 'custom', message: `"${s}" is not a corrective action number, e.g. CA-2027-0031.` }), z.NEVER)),
    approve: z.boolean(),
    due: z.iso.date({ error: 'Give the new due date as a calendar date, e.g. 2027-03-31.' }).optional(),
    reason: z.string().trim().max(3000, 'Please shorten the reason: the limit is 3,000 characters.').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the request is refused; the owner is told.' });
  });

export interface DecideExtensionResult {
  action: CorrectiveActionRecord;
  request: ExtensionRequestRecord;
}

export function decideExtension(core: Core, actor: Actor, input: unknown): DecideExtensionResult {
  const data = parseInput(DecideExtensionInput, input, 'The extension request was not decided.');
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    const c = loadCase(tx, person, data.actionId);
    const role = authorize(c, person, 'extend');
    if (role !== 'lead') throw new AuditbotError('forbidden', `Only an audit lead other than the owner decides a request to move the due date of ${c.action.id}.`);
    const request = tx.actions.pendingExtensionRequest(c.action.id);
    if (!request) throw new AuditbotError('illegal_transition', `There is no extension request of ${c.action.id} waiting for a decision.`);
    const now = core.clock.now().toISOString();
    const from = c.action.due;
    let action = c.action;
    if (data.approve) {
      const due = data.due ?? request.due;
      if (due <= from) throw validationError({ due: `${formatDate(due)} is not after the current due date, ${formatDate(from)}.` });
      if (data.due !== undefined) requireWorkingDueDate(tx, core, c.owner, due, 'due', 'The due date was not changed:');
      action = tx.actions.update(c.action.id, { due });
      tx.actions.addExtension({ actionId: action.id, by: person.email, at: now, from, to: due, reason: request.reason });
      tx.trail.append({ actor: person.email, channel: actor.channel, action: ACTION_EXTENDED, subject: actionSubject(action.id), before: { due: from }, after: { due, reason: request.reason } });
      coverDueStage(tx, core, action, c.owner);
    }
    const status: 'approved' | 'refused' = data.approve ? 'approved' : 'refused';
    const decided: ExtensionRequestRecord = { ...request, status, decidedBy: person.email, decidedAt: now, decision: data.reason ?? null };
    tx.actions.decideExtensionRequest(request.id, { status: decided.status, decidedBy: decided.decidedBy, decidedAt: decided.decidedAt, decision: decided.decision });
    tx.trail.append({
      actor: person.email,
      channel: actor.channel,
      action: ACTION_EXTENSION_DECIDED,
      subject: actionSubject(action.id),
      after: { request: request.id, status, due: action.due, ...(decided.decision ? { reason: decided.decision } : {}) },
    });
    const after = actionCase(tx, action);
    if (after.owner?.active) notifyPerson(tx, core, after.owner, `action:${action.id}:extension-decided:${request.id}`, extensionDecidedMessage(after, decided, person.name));
    return { action, request: decided };
  });
}
