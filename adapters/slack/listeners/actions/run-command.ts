// The adapter's own button (`slack.run`): runs its value as chat text with the click's trigger,
// so a form offered in the App Home or in a DM ("Record a finding") opens as a modal.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runChatText } from '../../../../src/chat/dispatch.js';
import { chatContext, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { RUN_ACTION_ID } from '../../home.js';
import { presentReply } from '../../reply.js';
import { ACTION_ID_SEPARATOR } from '../../render.js';

const pattern = new RegExp(`^${RUN_ACTION_ID.replace('.', '\\.')}${ACTION_ID_SEPARATOR}\\d+$`);

export function registerRunCommandAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    pattern,
    guard<SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs>(deps.sink, async ({ ack, body, action, client, respond }) => {
      await ack();
      const identity = await deps.identity.resolve(body.user.id);
      if (identity.kind === 'outsider') {
        await presentReply({ kind: 'message', message: identity.answer }, { client, userId: body.user.id, ...(body.container.type === 'message' ? { respond } : {}) });
        return;
      }
      const reply = await runChatText(chatContext(deps, identity.person, body.channel?.id), action.value ?? 'help');
      await presentReply(reply, { client, triggerId: body.trigger_id, userId: body.user.id, ...(body.container.type === 'message' ? { respond } : {}) });
      deps.changed();
    }),
  );
}
