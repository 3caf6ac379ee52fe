// Buttons of rendered messages (evidence.submit, verify, snooze, …): routed by the neutral
// action id to the chat action handlers, whose reply goes back where the button was.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runAction } from '../../../../src/chat/dispatch.js';
import { chatContext, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { RUN_ACTION_ID } from '../../home.js';
import { presentReply } from '../../reply.js';
import { ACTION_ID_SEPARATOR, buttonIdOf } from '../../render.js';

/** Every rendered button except the adapter's own `slack.run`. */
const pattern = new RegExp(`^(?!${RUN_ACTION_ID.replace('.', '\\.')}${ACTION_ID_SEPARATOR}).+${ACTION_ID_SEPARATOR}\\d+$`);

export function registerMessageActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    pattern,
    guard<SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs>(deps.sink, async ({ ack, body, action, client, respond }) => {
      await ack();
      const target = { client, triggerId: body.trigger_id, userId: body.user.id, ...(body.container.type === 'message' ? { respond } : {}) };
      const identity = await deps.identity.resolve(body.user.id);
      if (identity.kind === 'outsider') {
        await presentReply({ kind: 'message', message: identity.answer }, target);
        return;
      }
      const reply = await runAction(chatContext(deps, identity.person, body.channel?.id), buttonIdOf(action.action_id), action.value ?? '');
      if (!reply) {
        const text = 'This button is from an older message and no longer does anything. Type /audit help to see what you can do now.';
        await presentReply({ kind: 'message', message: { summary: text, blocks: [{ type: 'text', text }] } }, target);
        return;
      }
      await presentReply(reply, target);
      deps.changed();
    }),
  );
}
