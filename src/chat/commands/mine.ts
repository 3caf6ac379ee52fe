import { withMyActions } from '../../core/corrective-actions/list-actions.js';
import { listMyAudits } from '../../core/programme/list-my-audits.js';
import { myAuditsMessage } from '../../core/programme/programme-messages.js';
import type { ChatCommand, ChatContext, ChatReply } from '../types.js';

const run = (ctx: ChatContext): ChatReply => ({
  kind: 'message',
  visibility: 'private',
  message: withMyActions(myAuditsMessage(listMyAudits(ctx.core, { email: ctx.actor.email }), ctx.core.settings.timezone), ctx.core, ctx.actor.email),
});

export const mineCommand: ChatCommand = {
  words: ['mine'],
  usage: 'mine',
  summary: 'your work: the audits you are lead or second auditor of, and your open corrective actions',
  run,
};

/** Slack's `/audit mine` arrives as "audit mine". */
export const auditMineCommand: ChatCommand = { ...mineCommand, words: ['audit', 'mine'], usage: 'audit mine' };
