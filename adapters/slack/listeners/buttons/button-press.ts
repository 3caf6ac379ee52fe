// Buttons of rendered messages and views: a neutral button (evidence.submit, action.verify, …)
// goes to its handler, the adapter's own `slack.run` runs its value as typed text; either way
// with the click's trigger, so a form opens as a modal, and the reply goes back where the
// button was.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { answer, buttonInbound } from '../../inbound.js';
import { ACTION_ID_SEPARATOR } from '../../render.js';

/** Every rendered button: its action id ends in `@<n>`. */
const pattern = new RegExp(`^.+${ACTION_ID_SEPARATOR}\\d+$`);

export function registerButtonPress(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    pattern,
    guard<SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs>(deps.sink, async ({ ack, body, action, client, respond }) => {
      await ack();
      await answer(
        deps,
        { userId: body.user.id, inbound: buttonInbound(action.action_id, action.value), ...(body.channel?.id ? { conversationId: body.channel.id } : {}) },
        { client, triggerId: body.trigger_id, userId: body.user.id, ...(body.container.type === 'message' ? { respond } : {}) },
      );
    }),
  );
}
