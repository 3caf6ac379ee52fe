// Messages typed to the bot in its Messages tab: the same chat commands as everywhere
// (`help`, `mine`, `finding …`). A form cannot open from a message (Slack gives no trigger),
// so it is offered as a button that runs the same text with the click's trigger.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { answer } from '../../inbound.js';

export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event(
    'message',
    guard<SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs>(deps.sink, async ({ event, client }) => {
      // Only what a person types in the DM: no edits, joins, bot posts or thread broadcasts.
      if (event.channel_type !== 'im' || event.subtype !== undefined || !('user' in event) || !event.user || ('bot_id' in event && event.bot_id)) return;
      // `/audit mine` typed as a message is `audit mine`.
      const text = unescapeSlack(event.text ?? '').trim().replace(/^\//, '');
      await answer(deps, { userId: event.user, inbound: { kind: 'command', text }, conversationId: event.channel }, { client, channel: event.channel, rerun: text });
    }),
  );
}
