// `audit digest preview`: this week's digest, shown only to the lead who asks. Typed in a
// shared conversation that has no private replies (a Teams channel or group chat, which the
// bot remembers as `channel:<id>`), the preview is sent to the lead personally instead, so the
// channel never sees a draft.
import type { Actor, Core } from '../context.js';
import type { Message } from '../message.js';
import { notifyPerson } from '../notify.js';
import { requireLead } from '../programme/leads.js';
import { readDigest } from './build-digest.js';
import { digestMessage } from './digest-message.js';

export type PreviewDigestResult =
  /** Answer in place, privately (Slack ephemeral, a personal chat, the console). */
  | { delivery: 'reply'; message: Message }
  /** Queued to the lead personally because the conversation is shared. */
  | { delivery: 'direct'; queued: boolean };

export function previewDigest(core: Core, actor: Actor, where: { conversationId?: string | undefined } = {}): PreviewDigestResult {
  const now = core.clock.now();
  return core.store.transaction((tx) => {
    const lead = requireLead(tx, actor, 'preview the digest');
    const message = digestMessage(readDigest(tx, core, now));
    const shared = where.conversationId ? tx.conversationRefs.get(`channel:${where.conversationId}`) !== null : false;
    if (!shared) return { delivery: 'reply', message };
    const queued = notifyPerson(tx, core, lead, `digest:preview:${lead.email}:${now.toISOString()}`, { ...message, summary: `Preview, only for you. ${message.summary}` });
    return { delivery: 'direct', queued };
  });
}
