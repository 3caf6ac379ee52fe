// A typed message: the same commands as Slack and the console (`finding`, `audit mine`, …).
import { TurnContext } from 'botbuilder';
import type { Inbound } from '../../../src/chat/types.js';

/** The command text without the bot's @mention (channels) and Teams' non-breaking spaces. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return withoutMention
    .replace(/^\s*<at>[^<]*<\/at>/i, '')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .trim();
}

export const messageInbound = (context: TurnContext): Inbound => ({ kind: 'command', text: commandText(context) });
