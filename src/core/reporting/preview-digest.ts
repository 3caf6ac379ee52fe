// `audit digest preview`: this week's digest, shown only to the lead who asks. The reply is
// private; where a platform has no private replies in a shared conversation (a Teams
// channel), its adapter sends it to the lead's personal chat instead.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import { requireDigestReader } from '../shared/read-policy.js';
import { readDigest } from './build-digest.js';
import { digestMessage } from './digest-messages.js';
import type { Actor } from '../shared/actor.js';

export function previewDigest(core: Core, actor: Actor): Message {
  const now = core.clock.now();
  return core.store.transaction((tx) => {
    requireDigestReader(tx, actor);
    const message = digestMessage(readDigest(tx, core, now));
    return { ...message, summary: `Preview: ${message.summary}` };
  });
}
