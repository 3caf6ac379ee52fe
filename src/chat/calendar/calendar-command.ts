import { randomBytes } from 'node:crypto';
import { calendarLink } from '../../core/calendar/feed-links.js';
import type { ChatCommand, ChatContext, ChatReply } from '../types.js';
import { actorOf } from '../replies.js';

/** The token is made here, with the operating system's cryptographic generator, and only its hash is stored. */
const run = (ctx: ChatContext, args: string[]): ChatReply => ({
  kind: 'message',
  // The link opens the person's calendar: it goes to them alone, never to a channel.
  visibility: 'private',
  message: calendarLink(ctx.core, actorOf(ctx), { token: randomBytes(32).toString('base64url'), renew: args[0]?.toLowerCase() === 'new' }),
});

export const calendarCommand: ChatCommand = {
  words: ['calendar'],
  usage: 'calendar [new]',
  summary: 'your private calendar link (audits, meetings, due dates) for Outlook, Google or Apple Calendar; `new` replaces it',
  run,
};

/** Slack's `/audit calendar` arrives as "audit calendar". */
export const auditCalendarCommand: ChatCommand = { ...calendarCommand, words: ['audit', 'calendar'], usage: 'audit calendar [new]' };
