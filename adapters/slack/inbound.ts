// The Slack half of the one inbound path: what a listener parsed goes to the pipeline with the
// sender's Slack id (identified by identity.ts, only once the input is within its bounds), and
// the reply goes back where the person asked. Every listener that answers a command, a button
// or a DM ends here.
import type { Inbound } from '../../src/chat/types.js';
import type { SlackDeps } from './deps.js';
import { buttonIdOf } from './render.js';
import { presentReply, type ReplyTarget } from './reply.js';

/** The adapter's own button: its value is chat text, run with the click's trigger (so a form can open). */
export const RUN_BUTTON_ID = 'slack.run';

/** A pressed button as the pipeline takes it: the adapter's own runs its value as typed text. */
export function buttonInbound(actionId: string, value: string | undefined): Inbound {
  const id = buttonIdOf(actionId);
  return id === RUN_BUTTON_ID ? { kind: 'command', text: value ?? 'help' } : { kind: 'button', id, value: value ?? '' };
}

export interface SlackInbound {
  /** The Slack user who sent it. */
  userId: string;
  inbound: Inbound;
  /** The channel or DM it came from. */
  conversationId?: string;
}

export async function answer(deps: SlackDeps, request: SlackInbound, target: ReplyTarget): Promise<void> {
  const reply = await deps.chat.handle({
    inbound: request.inbound,
    platform: 'slack',
    identify: () => deps.identity.resolve(request.userId),
    ...(request.conversationId ? { conversationId: request.conversationId } : {}),
  });
  await presentReply(reply, target);
  deps.changed();
}
