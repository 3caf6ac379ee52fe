// `audit digest here` (Teams): a lead picks the channel the weekly digest is posted to. The
// choice is a setting changed from chat, so it is recorded in the trail with who made it.
// Slack's digest channel is configuration (DIGEST_SLACK_CHANNEL), not a chat choice.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { requireLead } from '../shared/people.js';
import { DIGEST_TEAMS_SETTING } from './post-digest.js';
import type { Actor, Platform } from '../shared/actor.js';

export const DIGEST_CHANNEL_SET = 'settings.digest_channel_set';

export interface SetDigestChannelResult {
  conversationId: string;
  previous: string | null;
  changed: boolean;
}

export function setDigestChannel(core: Core, actor: Actor, where: { platform: Platform; conversationId?: string | undefined }): SetDigestChannelResult {
  return core.store.transaction((tx) => {
    const lead = requireLead(tx, actor, 'choose the digest channel');
    if (where.platform === 'slack') {
      const current = core.settings.digestSlackChannel;
      throw new AuditbotError(
        'validation_failed',
        `On Slack the digest goes to the channel set in DIGEST_SLACK_CHANNEL${current ? ` (now ${current})` : ' (not set yet)'}. Ask whoever runs Auditbot to change it there. "audit digest here" is for Teams.`,
      );
    }
    if (where.platform !== 'teams' || !where.conversationId) {
      throw new AuditbotError('validation_failed', 'The console has no channels. Type "audit digest here" in the Teams channel where the weekly digest should be posted.');
    }
    const id = where.conversationId;
    if (!tx.conversationRefs.get(`channel:${id}`)) {
      throw new AuditbotError(
        'validation_failed',
        'This is our personal chat, so the digest would reach only you. Type "audit digest here" in the Teams channel where the weekly digest should be posted (mention Auditbot there).',
      );
    }
    const previous = tx.settings.get(DIGEST_TEAMS_SETTING)?.value ?? null;
    if (previous === id) return { conversationId: id, previous, changed: false };
    tx.settings.set(DIGEST_TEAMS_SETTING, id, lead.email);
    tx.trail.append({ actor: lead.email, action: DIGEST_CHANNEL_SET, subject: `setting:${DIGEST_TEAMS_SETTING}`, ...(previous === null ? {} : { before: { conversationId: previous } }), after: { conversationId: id }, channel: actor.channel });
    return { conversationId: id, previous, changed: true };
  });
}
