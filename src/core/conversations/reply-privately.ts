// An answer meant for one person, asked for in a conversation others can read (a Teams channel
// or group chat has no private replies): the answer goes to the person's own chat on the same
// platform, through the outbox like every other message.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { Platform } from '../shared/actor.js';

/**
 * Queues `message` to `email` on `platform`. `requestKey` identifies the request (e.g. the
 * platform's activity id), so a redelivered request queues nothing twice. False when it was
 * queued before.
 */
export function replyPrivately(core: Core, email: string, platform: Platform, requestKey: string, message: Message): boolean {
  return core.store.transaction((tx) =>
    tx.outbox.enqueue({
      key: `reply:${platform}:${requestKey}`,
      platform,
      recipient: email,
      message: { ...message, summary: `Only for you: ${message.summary}` },
    }),
  );
}
