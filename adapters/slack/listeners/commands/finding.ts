// `/finding [what you saw]`: acknowledges at once, then opens the finding modal with the
// trigger (valid for 3 s). A person the database already knows gets the form straight away;
// for someone Slack must first be asked about, a loading modal opens within the budget and is
// replaced by the form (or the answer) once the lookup is done.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runChatText } from '../../../../src/chat/dispatch.js';
import { commandTooLong } from '../../../../src/chat/limits.js';
import type { ShownReply } from '../../../../src/chat/dispatch.js';
import { chatContext, unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import type { SlackIdentity } from '../../identity.js';
import { presentReply } from '../../reply.js';
import { renderForm, renderMessage, renderMessageModal } from '../../render.js';

const LOADING = renderMessageModal('Record a finding', { summary: 'Loading…', blocks: [{ type: 'text', text: 'Loading your audits…' }] });

export function registerFindingCommand(app: App, deps: SlackDeps): void {
  app.command(
    '/finding',
    guard<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(deps.sink, async ({ ack, command, client, respond }) => {
      await ack();
      const text = unescapeSlack(command.text ?? '');
      // What was typed is bounded before anything else is done with it (no modal opens for it).
      const tooLong = commandTooLong(text.trim());
      if (tooLong) {
        await respond({ response_type: 'ephemeral', ...renderMessage(tooLong) });
        return;
      }
      const replyFor = async (who: Extract<SlackIdentity, { kind: 'person' }>): Promise<ShownReply> =>
        runChatText(chatContext(deps, who.person, command.channel_id), `finding ${text}`);

      let identity = deps.identity.known(command.user_id);
      if (!identity) {
        const lookup = deps.identity.resolve(command.user_id);
        const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), deps.identityBudgetMs).unref());
        identity = await Promise.race([lookup, timer]);
        if (!identity) {
          // Slack is slow to answer: hold the trigger with a loading modal, then fill it in.
          const opened = await client.views.open({ trigger_id: command.trigger_id, view: LOADING });
          const viewId = opened.view?.id as string;
          let view;
          try {
            const late = await lookup;
            const reply = late.kind === 'person' ? await replyFor(late) : ({ kind: 'message', message: late.answer } as const);
            view = reply.kind === 'form' ? renderForm(reply.form, reply.instance) : renderMessageModal('Record a finding', reply.kind === 'message' ? reply.message : { summary: '', blocks: [] });
          } catch (e) {
            // The modal is already open, so the failure is told there rather than in the channel.
            const reference = deps.sink.log(e, '/finding');
            view = renderMessageModal('Record a finding', {
              summary: 'Something went wrong',
              blocks: [
                { type: 'text', text: 'Sorry, the finding form could not be opened because of a problem on our side. Please try again in a minute.' },
                { type: 'context', text: `Reference: ${reference}` },
              ],
            });
          }
          await client.views.update({ view_id: viewId, view });
          return;
        }
      }
      if (identity.kind === 'outsider') {
        await respond({ response_type: 'ephemeral', ...renderMessage(identity.answer) });
        return;
      }
      await presentReply(await replyFor(identity), { client, triggerId: command.trigger_id, respond });
    }),
  );
}
