import { listMyWork } from '../../core/my-work/list-my-work.js';
import { mineMessage } from '../../core/my-work/my-work-messages.js';
import type { ChatCommand, ChatContext, ChatReply } from '../types.js';
import { actorOf } from '../replies.js';

const run = (ctx: ChatContext): ChatReply => ({
  kind: 'message',
  visibility: 'private',
  message: mineMessage(listMyWork(ctx.core, actorOf(ctx)), ctx.core.settings.timezone),
});

export const mineCommand: ChatCommand = {
  words: ['mine'],
  usage: 'mine',
  summary: 'your work: the audits you are lead or second auditor of, and your open corrective actions',
  run,
};

/** Slack's `/audit mine` arrives as "audit mine". */
export const auditMineCommand: ChatCommand = { ...mineCommand, words: ['audit', 'mine'], usage: 'audit mine' };
