// Conversation references, persisted on install and on every message (never only in memory),
// so that a notification can reach a person or a channel after a restart. A personal chat is
// stored under the person's e-mail; a team channel or group chat under `channel:<id>`.
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Core } from '../../src/core/context.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

/** A reply in a channel thread carries `;messageid=…`; posts to the channel must not. */
export const baseConversationId = (id: string): string => id.split(';')[0] ?? id;

export const channelOwner = (conversationId: string): string => `channel:${baseConversationId(conversationId)}`;

export const isPersonal = (context: TurnContext): boolean => {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
};

/** The reference to reach this conversation again; for a channel, the channel itself, not the thread. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(context.activity);
  delete reference.activityId;
  if (!isPersonal(context) && reference.conversation) {
    reference.conversation = { ...reference.conversation, id: baseConversationId(reference.conversation.id) };
  }
  return reference;
}

export const ownerOf = (context: TurnContext, person: PersonRecord | null): string | null =>
  isPersonal(context) ? (person ? person.email : null) : channelOwner(context.activity.conversation.id);

/** Stores where this turn came from, so a notification can reach the person or channel later. */
export function rememberTurn(context: TurnContext, core: Core, person: PersonRecord | null): void {
  const owner = ownerOf(context, person);
  if (owner) core.store.transaction((tx) => tx.conversationRefs.save(owner, referenceOf(context) as unknown as Record<string, unknown>));
}

/** The app was removed from this conversation: its reference would only fail from now on. */
export function forgetConversation(context: TurnContext, core: Core, person: PersonRecord | null): void {
  const owner = ownerOf(context, person);
  if (owner) core.store.transaction((tx) => tx.conversationRefs.remove(owner));
}
