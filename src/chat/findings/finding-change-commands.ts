// Recorded findings in typed commands (issue 14.1): list them, show one, amend one (the form, or
// at once with a field and its new value), withdraw one with a reason.
import { amendFinding, amendFindingForm } from '../../core/findings/amend-finding.js';
import { changeReply } from '../../core/findings/finding-change-messages.js';
import { listVisibleFindings, showFinding } from '../../core/findings/show-finding.js';
import { withdrawFinding } from '../../core/findings/withdraw-finding.js';
import { parseFindingId } from '../../core/corrective-actions/types.js';
import { AuditbotError } from '../../core/errors.js';
import type { ChatCommand } from '../types.js';
import { actorOf, privately as reply, usage } from '../replies.js';

/** The finding id argument, or a usage error naming the command. */
export function findingArg(word: string | undefined, text: string): string {
  if (!word) return usage(text);
  const id = parseFindingId(word);
  if (id === null) throw new AuditbotError('validation_failed', `"${word}" is not a finding number, e.g. F-2027-0012. Usage: ${text}`);
  return id;
}

export const findingsCommand: ChatCommand = {
  words: ['findings'],
  usage: 'findings [audit id | area | open | withdrawn]',
  summary: 'the findings you may see, newest first; narrow them by audit, area or status',
  run(ctx, args) {
    return reply(listVisibleFindings(ctx.core, actorOf(ctx), args[0]));
  },
};

const showUsage = 'finding show <id>';

export const findingShowCommand: ChatCommand = {
  words: ['finding', 'show'],
  usage: showUsage,
  summary: 'one finding: statement, requirement, evidence, classification, owner, action and history',
  run(ctx, args) {
    return reply(showFinding(ctx.core, actorOf(ctx), findingArg(args[0], showUsage)));
  },
};

const amendUsage = 'finding amend <id> [classification|requirement|statement|evidence <new value>]';
const FIELDS = ['classification', 'requirement', 'statement', 'evidence'] as const;

export const findingAmendCommand: ChatCommand = {
  words: ['finding', 'amend'],
  usage: amendUsage,
  summary: 'as an auditor of its audit, correct a finding or reclassify it (the owner is told)',
  run(ctx, args) {
    const [word, field, ...rest] = args;
    const id = findingArg(word, amendUsage);
    if (field === undefined) return { kind: 'form', form: amendFindingForm(ctx.core, actorOf(ctx), id) };
    const key = FIELDS.find((f) => f === field.toLowerCase());
    if (!key || rest.length === 0) return usage(amendUsage);
    const result = amendFinding(ctx.core, actorOf(ctx), { findingId: id, [key]: rest.join(' ') });
    return reply(changeReply(result, [result.openedAction ? `Corrective action ${result.openedAction} is open for its owner.` : '', result.ownerTold ? 'The owner has been told.' : ''].filter(Boolean)));
  },
};

const withdrawUsage = 'finding withdraw <id> <reason>';

export const findingWithdrawCommand: ChatCommand = {
  words: ['finding', 'withdraw'],
  usage: withdrawUsage,
  summary: 'as an auditor of its audit, withdraw a finding with the reason (kept in the trail)',
  run(ctx, args) {
    const [word, ...reason] = args;
    const id = findingArg(word, withdrawUsage);
    if (reason.length === 0) return usage(withdrawUsage);
    const result = withdrawFinding(ctx.core, actorOf(ctx), { findingId: id, reason: reason.join(' ') });
    return reply(changeReply(result, [result.withdrawnAction ? `Its corrective action ${result.withdrawnAction} is withdrawn with it.` : '', 'The owner has been told.']));
  },
};
