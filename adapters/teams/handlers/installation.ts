// The app added to (or removed from) a personal chat, a group chat or a team. Teams sends
// `conversationUpdate` with the bot among `membersAdded`/`membersRemoved`, and, for newer
// clients, `installationUpdate` with `action` add or remove. Either way the conversation
// reference is stored at once, so proactive messages work before anyone types a word.
import type { TurnContext } from 'botbuilder';
import type { Core } from '../../../src/core/context.js';
import type { Message } from '../../../src/core/message.js';
import type { Identity } from '../../../src/chat/types.js';
import { forgetConversation, isPersonal, rememberTurn } from '../conversations.js';
import { renderMessage } from '../render.js';

export type InstallChange = 'added' | 'removed' | 'none';

/** Whether this activity installs or removes the bot here (other member changes are ignored). */
export function installChange(context: TurnContext): InstallChange {
  const a = context.activity;
  const bot = a.recipient?.id;
  if (a.type === 'installationUpdate') {
    const action = String(a.action ?? '');
    if (action.startsWith('add')) return 'added';
    if (action.startsWith('remove')) return 'removed';
    return 'none';
  }
  if (a.membersAdded?.some((m) => m.id === bot)) return 'added';
  if (a.membersRemoved?.some((m) => m.id === bot)) return 'removed';
  return 'none';
}

/** `help` is the command list the person is welcomed with in a personal chat. */
export async function handleInstallation(context: TurnContext, core: Core, identity: Identity, help: Message): Promise<void> {
  const change = installChange(context);
  const person = identity.kind === 'person' ? identity.person : null;
  if (change === 'removed') {
    forgetConversation(context, core, person);
    return;
  }
  if (change !== 'added') return;
  rememberTurn(context, core, person);
  // Teams may send both activities for one install; only conversationUpdate brings the welcome.
  if (context.activity.type !== 'conversationUpdate') return;
  if (!isPersonal(context)) {
    const text = 'Auditbot is here to run the ISO/IEC 27001 internal audit. Mention me with "help" to see what I can do.';
    await context.sendActivity(renderMessage({ summary: text, blocks: [{ type: 'text', text }] }));
    return;
  }
  await context.sendActivity(renderMessage(identity.kind === 'person' ? help : identity.answer));
}
