// Small helpers every chat handler shares: who is acting, and the shapes of a reply.
import { AuditbotError } from '../core/errors.js';
import { isForm, type Form, type Message } from '../core/message.js';
import type { ChatContext, ChatReply } from './types.js';
import type { Actor } from '../core/shared/actor.js';

export const actorOf = (ctx: ChatContext): Actor => ({ email: ctx.actor.email, channel: ctx.channel });

/** A reply only the person who asked sees (ephemeral on Slack). */
export const privately = (message: Message): ChatReply => ({ kind: 'message', visibility: 'private', message });

/** A one-line answer. */
export const say = (text: string, visibility: 'private' | 'conversation' = 'private'): ChatReply => ({
  kind: 'message',
  visibility,
  message: { summary: text, blocks: [{ type: 'text', text }] },
});

/** A form to fill in, or the message the core answered with instead (e.g. a refusal). */
export const formOrMessage = (r: Form | Message): ChatReply => (isForm(r) ? { kind: 'form', form: r } : privately(r));

/** Refuses a command typed wrongly, with how to type it. */
export const usage = (text: string): never => {
  throw new AuditbotError('validation_failed', `Usage: ${text}`);
};

export const isDate = (word: string | undefined): word is string => word !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(word);
