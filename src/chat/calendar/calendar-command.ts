import { randomBytes } from 'node:crypto';
import { calendarLink } from '../../core/calendar/feed-links.js';
import type { ChatCommand, ChatContext, ChatReply } from '../types.js';
import { actorOf, say } from '../replies.js';

/**
 * Where others read and no answer is private (a Teams channel), the link would have to be queued
 * to the person's personal chat and would rest in the outbox in clear until delivered: it is
 * made and given only where it can be answered privately at once.
 */
const ASK_PRIVATELY = 'Your calendar link is private, so I give it only in our personal chat: send "calendar" to me there.';

/** The token is made here, with the operating system's cryptographic generator, and only its hash is stored. */
const run = (ctx: ChatContext, args: string[]): ChatReply =>
  ctx.shared
    ? say(ASK_PRIVATELY, 'conversation')
    : {
        kind: 'message',
        // The link opens the person's calendar: it goes to them alone, never to a channel.
        visibility: 'private',
        message: calendarLink(ctx.core, actorOf(ctx), { token: randomBytes(32).toString('hex'), renew: args[0]?.toLowerCase() === 'new' }),
      };

export const calendarCommand: ChatCommand = {
  words: ['calendar'],
  usage: 'calendar [new]',
  summary: 'your private calendar link (audits, meetings, due dates) for Outlook, Google or Apple Calendar; `new` replaces it',
  run,
};

/** Slack's `/audit calendar` arrives as "audit calendar". */
export const auditCalendarCommand: ChatCommand = { ...calendarCommand, words: ['audit', 'calendar'], usage: 'audit calendar [new]' };
