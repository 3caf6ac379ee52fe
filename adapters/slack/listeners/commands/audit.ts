// `/audit [help|mine|status|plan|assign|start|explain …]`: the chat commands of the audit
// programme, typed after `/audit` (the registry resolves what follows: src/chat/registry.ts).
// Leads' commands are refused by the core for everyone else, with the same words as on every
// platform. Answers are ephemeral unless a command says a reply belongs to the conversation.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { answer } from '../../inbound.js';

export function registerAuditCommand(app: App, deps: SlackDeps): void {
  app.command(
    '/audit',
    guard<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(deps.sink, async ({ ack, command, client, respond }) => {
      await ack();
      await answer(
        deps,
        { userId: command.user_id, inbound: { kind: 'command', text: unescapeSlack(command.text ?? ''), slash: 'audit' }, conversationId: command.channel_id },
        { client, triggerId: command.trigger_id, respond },
      );
    }),
  );
}
