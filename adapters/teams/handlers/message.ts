// A typed message: the same commands as Slack and the console (`finding`, `audit mine`, …).
import { TurnContext } from 'botbuilder';
import { runChatText } from '../../../src/chat/dispatch.js';
import type { ChatContext } from '../../../src/chat/types.js';
import { sendReply } from '../reply.js';

/** The command text without the bot's @mention (channels) and Teams' non-breaking spaces. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return withoutMention
    .replace(/^\s*<at>[^<]*<\/at>/i, '')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .trim();
}

export async function handleMessage(context: TurnContext, chat: ChatContext): Promise<void> {
  const reply = await runChatText(chat, commandText(context));
  await sendReply(context, chat, reply);
}
