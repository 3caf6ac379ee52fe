// `audit digest preview|now|here`: the weekly digest on demand, for audit leads. The core
// refuses anyone else with the same words on Slack, Teams and the console.
import type { Message } from '../../core/message.js';
import { postDigest } from '../../core/reporting/post-digest.js';
import { previewDigest } from '../../core/reporting/preview-digest.js';
import { setDigestChannel } from '../../core/reporting/set-digest-channel.js';
import type { ChatCommand } from '../types.js';
import { actorOf, say } from '../replies.js';
import type { Platform } from '../../core/shared/actor.js';

const PLATFORM_NAME: Record<Platform, string> = { slack: 'Slack', teams: 'Teams', console: 'the console' };

const USAGE =
  'audit digest preview: see this week\'s digest, only you. audit digest now: post it to the digest channel at once. audit digest here (Teams): post the weekly digest in this channel from now on.';

export const auditDigestCommand: ChatCommand = {
  words: ['audit', 'digest'],
  usage: 'audit digest <preview|now|here>',
  summary: 'the weekly digest of open nonconformities, overdue actions and programme progress',
  leadOnly: true,
  run: () => say(USAGE),
};

export const auditDigestPreviewCommand: ChatCommand = {
  words: ['audit', 'digest', 'preview'],
  usage: 'audit digest preview',
  summary: "see this week's digest before it is posted (only you see it)",
  leadOnly: true,
  run(ctx) {
    return { kind: 'message', visibility: 'private', message: previewDigest(ctx.core, actorOf(ctx)) };
  },
};

export const auditDigestNowCommand: ChatCommand = {
  words: ['audit', 'digest', 'now'],
  usage: 'audit digest now',
  summary: 'post the digest to the digest channel now, besides the weekly post',
  leadOnly: true,
  run(ctx) {
    const slackChannel = ctx.core.settings.digestSlackChannel;
    const result = postDigest(ctx.core, { mode: 'now', ...(slackChannel ? { slackChannel } : {}) }, actorOf(ctx));
    const where = result.posts.map((p) => (p.platform === 'console' ? 'the console (#digest)' : `${PLATFORM_NAME[p.platform]} channel ${p.channel}`));
    const queued = result.posts.some((p) => p.queued);
    const message: Message = {
      summary: queued ? `The digest is on its way to ${where.join(' and ')}.` : 'The digest was posted a moment ago already.',
      blocks: [
        {
          type: 'text',
          text: queued
            ? `The digest is on its way to ${where.join(' and ')}. The weekly post still goes out as scheduled.`
            : 'The digest was posted a moment ago already; nothing was sent twice.',
        },
      ],
    };
    return { kind: 'message', visibility: 'private', message };
  },
};

export const auditDigestHereCommand: ChatCommand = {
  words: ['audit', 'digest', 'here'],
  usage: 'audit digest here',
  summary: 'Teams: post the weekly digest in this channel from now on',
  leadOnly: true,
  run(ctx) {
    const result = setDigestChannel(ctx.core, actorOf(ctx), { platform: ctx.platform, conversationId: ctx.conversationId });
    if (!result.changed) return say('The weekly digest is already posted in this channel. Type "audit digest preview" to see this week\'s.');
    return say(
      `From now on the weekly digest is posted in this channel${result.previous ? ' instead of the one chosen before' : ''}. ${ctx.actor.name} chose it; type "audit digest preview" to see this week's first.`,
      'conversation',
    );
  },
};
