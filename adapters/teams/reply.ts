// Sends what a chat handler answered: a message as a card, a form as a card carrying its stored
// instance id (which also makes a double click record once), or nothing.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Core } from '../../src/core/context.js';
import { searchCatalogue } from '../../src/core/catalogue/search-catalogue.js';
import { searchPeople } from '../../src/core/organisation/search-people.js';
import type { ShownReply } from '../../src/chat/dispatch.js';
import type { ChatContext } from '../../src/chat/types.js';
import { replyPrivately } from '../../src/core/conversations/reply-privately.js';
import { isPersonal } from './conversations.js';
import { MAX_SEARCH_CHOICES, renderForm, renderMessage, type CardActivity, type ChoiceSource } from './render.js';

/** Every clause and control for a requirement picker; active people for a person picker. */
export function choicesFrom(core: Core): ChoiceSource {
  return (source) =>
    source === 'requirement'
      ? searchCatalogue('', 1000).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))
      : searchPeople(core, '', MAX_SEARCH_CHOICES + 1).map((p) => ({ value: p.email, label: p.label }));
}

export function replyActivity(core: Core, reply: ShownReply): CardActivity | null {
  switch (reply.kind) {
    case 'message':
      return renderMessage(reply.message);
    case 'form':
      return renderForm(reply.form, { instance: reply.instance, choices: choicesFrom(core) });
    case 'none':
      return null;
  }
}

/**
 * Sends the answer in the conversation, except an answer meant only for the person who asked,
 * in a channel or group chat: Teams has no private replies there, so it goes to their personal
 * chat (through the outbox) and the conversation is only told where it went.
 */
export async function sendReply(context: TurnContext, chat: ChatContext, reply: ShownReply): Promise<void> {
  if (reply.kind === 'message' && reply.visibility === 'private' && !isPersonal(context)) {
    replyPrivately(chat.core, chat.actor.email, 'teams', context.activity.id ?? randomUUID(), reply.message);
    await context.sendActivity(renderMessage(sentPrivately));
    return;
  }
  const activity = replyActivity(chat.core, reply);
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
