// Corrective actions in typed commands (console, Slack DMs and `/audit`, Teams): the same use
// cases as the buttons. Without their values the step commands open the form; with them they
// act at once, e.g. `action implemented CA-2027-0031 https://tickets.example/SEC-7`.
import { markImplementedForm, planActionForm, requestExtensionForm, verifyActionForm } from '../../core/corrective-actions/action-forms.js';
import { extendedReply, extensionRequestedReply, implementedReply, openedReply, verifiedReply } from '../../core/corrective-actions/action-messages.js';
import { decideExtension } from '../../core/corrective-actions/decide-extension.js';
import { formatDate } from '../../core/shared/working-time.js';
import { myActions, showAction } from '../../core/corrective-actions/list-actions.js';
import { markImplemented } from '../../core/corrective-actions/mark-implemented.js';
import { openActionByChoice } from '../../core/corrective-actions/open-action-by-choice.js';
import { requestExtension } from '../../core/corrective-actions/request-extension.js';
import { parseActionId } from '../../core/corrective-actions/types.js';
import { verifyAction } from '../../core/corrective-actions/verify-action.js';
import { AuditbotError } from '../../core/errors.js';
import type { ChatCommand } from '../types.js';
import { actorOf, formOrMessage as asReply, isDate, privately as reply, say, usage } from '../replies.js';

/** The action id argument, or a usage error naming the command. */
function actionArg(word: string | undefined, text: string): string {
  if (!word) return usage(text);
  const id = parseActionId(word);
  if (id === null) throw new AuditbotError('validation_failed', `"${word}" is not a corrective action number, e.g. CA-2027-0031. Usage: ${text}`);
  return id;
}

export const actionsCommand: ChatCommand = {
  words: ['actions'],
  usage: 'actions',
  summary: 'your open corrective actions, and those waiting for your verification',
  run(ctx) {
    return reply(myActions(ctx.core, actorOf(ctx)));
  },
};

const showUsage = 'action <id>';

export const actionCommand: ChatCommand = {
  words: ['action'],
  usage: showUsage,
  summary: 'one corrective action: its plan, verifications and history, with what you can do',
  run(ctx, args) {
    return reply(showAction(ctx.core, actorOf(ctx), actionArg(args[0], showUsage)));
  },
};

const planUsage = 'action plan <id>';

export const actionPlanCommand: ChatCommand = {
  words: ['action', 'plan'],
  usage: planUsage,
  summary: 'as its owner, plan an action: correction, root cause, action plan, target date',
  run(ctx, args) {
    return asReply(planActionForm(ctx.core, actorOf(ctx), actionArg(args[0], planUsage)));
  },
};

const implementedUsage = 'action implemented <id> [link ...]';

export const actionImplementedCommand: ChatCommand = {
  words: ['action', 'implemented'],
  usage: implementedUsage,
  summary: 'as its owner, mark an action implemented with http(s) links to the evidence',
  run(ctx, args) {
    const [word, ...links] = args;
    const id = actionArg(word, implementedUsage);
    if (links.length === 0) return asReply(markImplementedForm(ctx.core, actorOf(ctx), id));
    const result = markImplemented(ctx.core, actorOf(ctx), { actionId: id, links });
    return reply(implementedReply(result.action, result.verifiers, result.repeated));
  },
};

const extendUsage = 'action extend <id> [new due date] [reason]';

export const actionExtendCommand: ChatCommand = {
  words: ['action', 'extend'],
  usage: extendUsage,
  summary: 'move an action\'s due date later, with the reason (kept in the audit trail)',
  run(ctx, args) {
    const [word, date, ...reason] = args;
    const id = actionArg(word, extendUsage);
    if (date === undefined) return asReply(requestExtensionForm(ctx.core, actorOf(ctx), id));
    if (!isDate(date)) return usage(extendUsage);
    const result = requestExtension(ctx.core, actorOf(ctx), { actionId: id, due: date, reason: reason.join(' ') });
    return reply(result.pending && !result.repeated ? extensionRequestedReply(result.action, date, result.told) : extendedReply(result.action, result.from, result.told, result.repeated));
  },
};

const approveUsage = 'action extension approve <id> [new due date] [note]';

export const actionExtensionApproveCommand: ChatCommand = {
  words: ['action', 'extension', 'approve'],
  usage: approveUsage,
  summary: 'as an audit lead, approve an owner\'s request for a later due date (the date asked for, or another)',
  leadOnly: true,
  run(ctx, args) {
    const [word, ...rest] = args;
    const id = actionArg(word, approveUsage);
    const due = isDate(rest[0]) ? rest.shift() : undefined;
    const result = decideExtension(ctx.core, actorOf(ctx), { actionId: id, approve: true, due, reason: rest.join(' ') || undefined });
    return say(`Approved: ${result.action.id} is now due ${formatDate(result.action.due)}. The owner has been told.`);
  },
};

const refuseUsage = 'action extension refuse <id> <reason>';

export const actionExtensionRefuseCommand: ChatCommand = {
  words: ['action', 'extension', 'refuse'],
  usage: refuseUsage,
  summary: 'as an audit lead, refuse an owner\'s request for a later due date, with the reason',
  leadOnly: true,
  run(ctx, args) {
    const [word, ...reason] = args;
    const id = actionArg(word, refuseUsage);
    if (reason.length === 0) return usage(refuseUsage);
    const result = decideExtension(ctx.core, actorOf(ctx), { actionId: id, approve: false, reason: reason.join(' ') });
    return say(`Refused: ${result.action.id} stays due ${formatDate(result.action.due)}. The owner has been told why.`);
  },
};

const verifyUsage = 'action verify <id> [effective | not-effective [new due date]] [what you checked]';

export const actionVerifyCommand: ChatCommand = {
  words: ['action', 'verify'],
  usage: verifyUsage,
  summary: 'as the auditor or an audit lead, say whether an implemented action worked',
  run(ctx, args) {
    const [word, verdict, ...rest] = args;
    const id = actionArg(word, verifyUsage);
    if (verdict === undefined) return asReply(verifyActionForm(ctx.core, actorOf(ctx), id));
    const v = verdict.toLowerCase();
    if (v !== 'effective' && v !== 'not-effective') return usage(verifyUsage);
    const due = v === 'not-effective' && isDate(rest[0]) ? rest.shift() : undefined;
    const result = verifyAction(ctx.core, actorOf(ctx), { actionId: id, effective: v === 'effective', reason: rest.join(' '), due });
    return reply(verifiedReply(result.case, result.case.action.status === 'closed', result.repeated));
  },
};

const openUsage = 'action open <finding> [due date]';

export const actionOpenCommand: ChatCommand = {
  words: ['action', 'open'],
  usage: openUsage,
  summary: 'open a corrective action on an opportunity for improvement, by choice',
  run(ctx, args) {
    const [finding, due] = args;
    if (!finding || (due !== undefined && !isDate(due))) return usage(openUsage);
    const result = openActionByChoice(ctx.core, actorOf(ctx), { findingId: finding, due });
    return reply(openedReply(result.case, !result.created));
  },
};
