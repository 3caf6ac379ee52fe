// Evidence in typed commands (console, Slack DMs, Teams): the same use cases as the buttons.
import { notMineReply, reassignReply, reviewReply, snoozeReply, submitReply, withdrawReply } from '../../core/evidence/evidence-replies.js';
import { listMyEvidence } from '../../core/evidence/list-my-evidence.js';
import { markNotMine } from '../../core/evidence/mark-not-mine.js';
import { reassignEvidence } from '../../core/evidence/reassign-evidence.js';
import { reviewEvidence } from '../../core/evidence/review-evidence.js';
import { snoozeEvidence } from '../../core/evidence/snooze-evidence.js';
import { submitEvidence } from '../../core/evidence/submit-evidence.js';
import { withdrawEvidence } from '../../core/evidence/withdraw-evidence.js';
import type { ChatCommand } from '../types.js';
import { actorOf, isDate, privately as reply, usage } from '../replies.js';

/** A word that starts like a link (`https:`, `javascript:`, `ftp:`): links come before the note. */
const looksLikeLink = (word: string): boolean => /^[a-z][a-z0-9+.-]*:\S/i.test(word);

const evidenceUsage = 'evidence';

export const evidenceCommand: ChatCommand = {
  words: ['evidence'],
  usage: evidenceUsage,
  summary: 'the evidence you are asked for, and evidence waiting for your review',
  run(ctx) {
    return reply(listMyEvidence(ctx.core, actorOf(ctx)).message);
  },
};

const submitUsage = 'submit <request> <link> [more links] [note]';

export const submitCommand: ChatCommand = {
  words: ['submit'],
  usage: submitUsage,
  summary: 'submit evidence for a request: http(s) links, then an optional note',
  run(ctx, args) {
    const [request, ...rest] = args;
    if (!request) return usage(submitUsage);
    let count = 0;
    while (count < rest.length && looksLikeLink(rest[count] ?? '')) count++;
    const note = rest.slice(count).join(' ');
    const result = submitEvidence(ctx.core, actorOf(ctx), { requestId: request, links: rest.slice(0, count), note });
    return reply(submitReply(result));
  },
};

const snoozeUsage = 'snooze <request> <1-3 working days>';

export const snoozeCommand: ChatCommand = {
  words: ['snooze'],
  usage: snoozeUsage,
  summary: 'move a request\'s due date by 1 to 3 working days (twice at most)',
  run(ctx, args) {
    const [request, days] = args;
    if (!request || !days) return usage(snoozeUsage);
    return reply(snoozeReply(snoozeEvidence(ctx.core, actorOf(ctx), { requestId: request, days })));
  },
};

const notMineUsage = 'not-mine <request> <reason>';

export const notMineCommand: ChatCommand = {
  words: ['not-mine'],
  usage: notMineUsage,
  summary: 'tell the audit lead a request is not yours, and why',
  run(ctx, args) {
    const [request, ...reason] = args;
    if (!request) return usage(notMineUsage);
    return reply(notMineReply(markNotMine(ctx.core, actorOf(ctx), { requestId: request, reason: reason.join(' ') })));
  },
};

const evidenceReviewUsage = 'evidence review <request> accept | more [new due date] <comment>';

export const evidenceReviewCommand: ChatCommand = {
  words: ['evidence', 'review'],
  usage: evidenceReviewUsage,
  summary: 'as an auditor, accept submitted evidence or ask the owner for more',
  run(ctx, args) {
    const [request, decision, ...rest] = args;
    if (!request || (decision !== 'accept' && decision !== 'more')) return usage(evidenceReviewUsage);
    const due = decision === 'more' && isDate(rest[0]) ? rest.shift() : undefined;
    const result = reviewEvidence(ctx.core, actorOf(ctx), { requestId: request, decision, comment: rest.join(' '), due });
    return reply(reviewReply(result));
  },
};

const evidenceReassignUsage = 'evidence reassign <request> <e-mail> [due date]';

export const evidenceReassignCommand: ChatCommand = {
  words: ['evidence', 'reassign'],
  usage: evidenceReassignUsage,
  summary: 'pass an evidence request to another owner',
  leadOnly: true,
  run(ctx, args) {
    const [request, owner, due] = args;
    if (!request || !owner) return usage(evidenceReassignUsage);
    return reply(reassignReply(reassignEvidence(ctx.core, actorOf(ctx), { requestId: request, owner, due })));
  },
};

const evidenceWithdrawUsage = 'evidence withdraw <request> <reason>';

export const evidenceWithdrawCommand: ChatCommand = {
  words: ['evidence', 'withdraw'],
  usage: evidenceWithdrawUsage,
  summary: 'withdraw an evidence request that is no longer needed',
  leadOnly: true,
  run(ctx, args) {
    const [request, ...reason] = args;
    if (!request) return usage(evidenceWithdrawUsage);
    return reply(withdrawReply(withdrawEvidence(ctx.core, actorOf(ctx), { requestId: request, reason: reason.join(' ') })));
  },
};
