// Messages typed to the bot in its Messages tab: the same chat commands as everywhere
// (`help`, `mine`, `finding …`). A form cannot open from a message (Slack gives no trigger),
// so it is offered as a button.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { runChatText } from '../../../../src/chat/dispatch.js';
import { commandTooLong } from '../../../../src/chat/limits.js';
import { chatContext, unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { presentReply } from '../../reply.js';

export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event(
    'message',
    guard<SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs>(deps.sink, async ({ event, client }) => {
      // Only what a person types in the DM: no edits, joins, bot posts or thread broadcasts.
      if (event.channel_type !== 'im' || event.subtype !== undefined || !('user' in event) || !event.user || 'bot_id' in event && event.bot_id) return;
      const target = { client, channel: event.channel };
      const text = unescapeSlack(event.text ?? '').trim().replace(/^\//, '');
      // What was typed is bounded before anything else is done with it.
      const tooLong = commandTooLong(text);
      if (tooLong) {
        await presentReply({ kind: 'message', message: tooLong }, target);
        return;
      }
      const identity = await deps.identity.resolve(event.user);
      if (identity.kind === 'outsider') {
        await presentReply({ kind: 'message', message: identity.answer }, target);
        return;
      }
      const reply = await runChatText(chatContext(deps, identity.person, event.channel), text);
      await presentReply(reply, { ...target, rerun: text });
      deps.changed();
    }),
  );
}
