// Sends what the pipeline answered: a message as a card, a form as a card carrying its stored
// instance id (which also makes a double click record once), or nothing.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { noticeMessage } from '../../src/chat/faults.js';
import type { Chat } from '../../src/chat/pipeline.js';
import type { Reply } from '../../src/chat/types.js';
import { replyPrivately } from '../../src/core/conversations/reply-privately.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { isPersonal } from './conversations.js';
import { MAX_SEARCH_CHOICES, renderForm, renderMessage, type CardActivity, type ChoiceSource } from './render.js';

/** Every clause and control for a requirement picker; active people for a person picker (the registry's searches). */
export function choicesFrom(chat: Chat): ChoiceSource {
  return (source) => chat.registry.search(chat.core, source, '', source === 'requirement' ? 1000 : MAX_SEARCH_CHOICES + 1);
}

export function replyActivity(choices: ChoiceSource, reply: Reply): CardActivity | null {
  switch (reply.kind) {
    case 'message':
      return renderMessage(reply.message);
    case 'form':
      return renderForm(reply.form, { instance: reply.instance, choices });
    case 'invalid':
      // Only a form submission is refused this way, and its card shows it (handlers/card-submit.ts).
      return renderMessage(noticeMessage(Object.values(reply.errors).join(' ')));
    case 'none':
      return null;
  }
}

/**
 * Sends the answer in the conversation, except an answer meant only for the person who asked,
 * in a channel or group chat: Teams has no private replies there, so it goes to their personal
 * chat (through the outbox) and the conversation is only told where it went.
 */
export async function sendReply(context: TurnContext, chat: Chat, person: PersonRecord | null, reply: Reply): Promise<void> {
  if (reply.kind === 'message' && reply.visibility === 'private' && person && !isPersonal(context)) {
    replyPrivately(chat.core, person.email, 'teams', context.activity.id ?? randomUUID(), reply.message);
    await context.sendActivity(renderMessage(sentPrivately));
    return;
  }
  const activity = replyActivity(choicesFrom(chat), reply);
  if (activity) await context.sendActivity(activity);
}

const sentPrivately = {
  summary: "Everyone here would see my answer, so I've sent it to you in our personal chat.",
  blocks: [{ type: 'text' as const, text: "Everyone here would see my answer, so I've sent it to you in our personal chat." }],
};

/**
 * Replaces the card the person acted on (so a form that was answered cannot be sent again,
 * and a form with errors keeps what was typed); sends a new message when there is none to replace.
 */
export async function replaceCard(context: TurnContext, activity: CardActivity): Promise<void> {
  const cardId = context.activity.replyToId;
  if (cardId) {
    try {
      await context.updateActivity({ ...activity, id: cardId });
      return;
    } catch {
      // Teams refuses to update some older or foreign messages; a new message still answers.
    }
  }
  await context.sendActivity(activity);
}
