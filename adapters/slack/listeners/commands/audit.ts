// `/audit [help|mine|status|plan|assign|start|explain …]`: the chat commands of the audit
// programme, typed after `/audit`. Leads' commands are refused by the core for everyone else,
// with the same words as on every platform. Answers are ephemeral unless a command says a
// reply belongs to the conversation.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { findCommand, runChatText } from '../../../../src/chat/dispatch.js';
import { commandTooLong } from '../../../../src/chat/limits.js';
import { chatContext, unescapeSlack, type SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { presentReply } from '../../reply.js';
import { renderMessage } from '../../render.js';

/**
 * The chat text for what followed `/audit`: `help` for nothing, an `audit …` subcommand when one
 * exists (`/audit plan …` → `audit plan …`), a command of its own as typed (`/audit mine`),
 * and anything else as an audit id (`/audit IA-2027-07`).
 */
export function chatText(typed: string): string {
  if (typed === '' || /^(help|\?)$/i.test(typed)) return 'help';
  const sub = findCommand(`audit ${typed}`);
  if (sub && sub.command.words.length > 1) return `audit ${typed}`;
  const own = findCommand(typed);
  if (own && own.command.words[0] !== 'audit') return typed;
  return `audit ${typed}`;
}

export function registerAuditCommand(app: App, deps: SlackDeps): void {
  app.command(
    '/audit',
    guard<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(deps.sink, async ({ ack, command, client, respond }) => {
      await ack();
      // What was typed is bounded before anything else is done with it.
      const typed = unescapeSlack(command.text ?? '').trim();
      const tooLong = commandTooLong(typed);
      if (tooLong) {
        await respond({ response_type: 'ephemeral', ...renderMessage(tooLong) });
        return;
      }
      const identity = await deps.identity.resolve(command.user_id);
      if (identity.kind === 'outsider') {
        await respond({ response_type: 'ephemeral', ...renderMessage(identity.answer) });
        return;
      }
      const text = chatText(typed);
      const reply = await runChatText(chatContext(deps, identity.person, command.channel_id), text);
      await presentReply(reply, { client, triggerId: command.trigger_id, respond, rerun: text });
      deps.changed();
    }),
  );
}
