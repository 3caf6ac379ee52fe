// `/finding [what you saw]`: acknowledges at once, then opens the finding modal with the
// trigger (valid for 3 s). A person the database already knows gets the form straight away;
// for someone Slack must first be asked about, a loading modal opens within the budget and is
// replaced by the form (or the answer) once the lookup is done.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Identity, Reply } from '../../../../src/chat/types.js';
import { unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { presentReply } from '../../reply.js';
import { renderForm, renderMessageModal } from '../../render.js';

const TITLE = 'Record a finding';
const LOADING = renderMessageModal(TITLE, { summary: 'Loading…', blocks: [{ type: 'text', text: 'Loading your audits…' }] });

/** The modal a reply becomes once the loading modal is open. */
const modalFor = (reply: Reply) =>
  reply.kind === 'form'
    ? renderForm(reply.form, reply.instance)
    : renderMessageModal(TITLE, reply.kind === 'message' ? reply.message : { summary: '', blocks: [] });

export function registerFindingCommand(app: App, deps: SlackDeps): void {
  app.command(
    '/finding',
    guard<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(deps.sink, async ({ ack, command, client, respond }) => {
      await ack();
      // Set when Slack is slow to say who this is: the trigger is held with a loading modal.
      let loadingView: string | null = null;
      const identify = async (): Promise<Identity> => {
        const known = deps.identity.known(command.user_id);
        if (known) return known;
        const lookup = deps.identity.resolve(command.user_id);
        const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), deps.identityBudgetMs).unref());
        const first = await Promise.race([lookup, timer]);
        if (first) return first;
        const opened = await client.views.open({ trigger_id: command.trigger_id, view: LOADING });
        loadingView = opened.view?.id ?? null;
        return lookup;
      };
      const reply = await deps.chat.handle({
        inbound: { kind: 'command', text: unescapeSlack(command.text ?? ''), slash: 'finding' },
        platform: 'slack',
        identify,
        conversationId: command.channel_id,
      });
      // A modal already open is filled in, whatever the answer (a fault too: it is told there).
      if (loadingView) await client.views.update({ view_id: loadingView, view: modalFor(reply) });
      else await presentReply(reply, { client, triggerId: command.trigger_id, respond });
    }),
  );
}
