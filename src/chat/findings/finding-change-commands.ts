// Recorded findings in typed commands (issue 14.1): list them, show one, amend one (the form, or
// at once with a field and its new value), withdraw one with a reason.
import { amendFinding, amendFindingForm } from '../../core/findings/amend-finding.js';
import { changeReply } from '../../core/findings/finding-change-messages.js';
import { listVisibleFindings, showFinding } from '../../core/findings/show-finding.js';
import { withdrawFinding } from '../../core/findings/withdraw-finding.js';
import { parseFindingId } from '../../core/corrective-actions/types.js';
import { AuditbotError } from '../../core/errors.js';
import type { ChatCommand } from '../types.js';
import { actorOf, privately as reply, say, usage } from '../replies.js';
import { raiseToMajor } from '../../core/findings/raise-to-major.js';
import { acknowledgeFinding, disputeFinding, upholdFinding } from '../../core/findings/respond-to-finding.js';

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

const acknowledgeUsage = 'finding acknowledge <id>';

export const findingAcknowledgeCommand: ChatCommand = {
  words: ['finding', 'acknowledge'],
  usage: acknowledgeUsage,
  summary: 'as its owner, acknowledge a finding',
  run(ctx, args) {
    const result = acknowledgeFinding(ctx.core, actorOf(ctx), { findingId: findingArg(args[0], acknowledgeUsage) });
    return say(`Thank you. Finding ${result.finding.id} is acknowledged${result.seq === null ? ' (it already was)' : ''}.`);
  },
};

const disputeUsage = 'finding dispute <id> <reason>';

export const findingDisputeCommand: ChatCommand = {
  words: ['finding', 'dispute'],
  usage: disputeUsage,
  summary: 'as its owner, dispute a finding with your reason; the audit lead decides',
  run(ctx, args) {
    const [word, ...reason] = args;
    const id = findingArg(word, disputeUsage);
    if (reason.length === 0) return usage(disputeUsage);
    const result = disputeFinding(ctx.core, actorOf(ctx), { findingId: id, reason: reason.join(' ') });
    return say(`Finding ${result.finding.id} is disputed. ${result.deciders.length > 0 ? `${result.deciders.join(', ')} will decide` : 'An audit lead will decide'} whether it stands, and you will be told.`);
  },
};

const upholdUsage = 'finding uphold <id> <reason>';

export const findingUpholdCommand: ChatCommand = {
  words: ['finding', 'uphold'],
  usage: upholdUsage,
  summary: 'as the audit lead, uphold a disputed finding with the reason (or amend or withdraw it)',
  run(ctx, args) {
    const [word, ...reason] = args;
    const id = findingArg(word, upholdUsage);
    if (reason.length === 0) return usage(upholdUsage);
    const result = upholdFinding(ctx.core, actorOf(ctx), { findingId: id, reason: reason.join(' ') });
    return say(`Finding ${result.finding.id} is upheld: it stands as recorded. The owner has been told.`);
  },
};

const raiseUsage = 'finding raise-major <id of one of the minors> <reason>';

export const findingRaiseMajorCommand: ChatCommand = {
  words: ['finding', 'raise-major'],
  usage: raiseUsage,
  summary: 'as an audit lead, raise repeated minors against one requirement to one major nonconformity',
  leadOnly: true,
  run(ctx, args) {
    const [word, ...reason] = args;
    const id = findingArg(word, raiseUsage);
    if (reason.length === 0) return usage(raiseUsage);
    const result = raiseToMajor(ctx.core, actorOf(ctx), { findingId: id, reason: reason.join(' ') });
    return say(`Raised ${result.minors.join(', ')} to the major nonconformity ${result.major.id}, with corrective action ${result.actionId}. The minors show as superseded; the owner has been told.`);
  },
};
