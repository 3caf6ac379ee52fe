// Queues the digest to the digest channel(s): the Slack channel configured for it
// (DIGEST_SLACK_CHANNEL, handed in by the caller: the core reads no environment), the Teams
// channel a lead chose with `audit digest here`, or the console when there is neither, so
// someone trying Auditbot in a terminal sees it too.
//
// The weekly post's outbox key is `digest:<ISO week>:<platform>:<channel>`: the week's digest
// is queued at most once per channel, however often the job runs (a retry, a catch-up after
// downtime, an operator's `job run digest`). `audit digest now` is a deliberate extra post, so
// its key carries the moment instead: `digest:now:<ISO instant>:<platform>:<channel>`.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import type { Tx } from '../ports.js';
import { requireLead } from '../shared/people.js';
import { localDateOf } from '../programme/programme-calendar.js';
import { readDigest, type Digest } from './build-digest.js';
import { digestMessage } from './digest-messages.js';
import { isoWeek } from './reporting-periods.js';
import type { Actor, Platform } from '../shared/actor.js';

/** The `settings` key holding the Teams conversation id chosen with `audit digest here`. */
export const DIGEST_TEAMS_SETTING = 'digest.teams.conversation';

/** The console's stand-in channel, printed as `#digest`. */
export const CONSOLE_DIGEST_CHANNEL = 'digest';

export interface DigestTarget {
  platform: Platform;
  /** The channel id on that platform (Slack channel id, Teams conversation id, `digest` on the console). */
  channel: string;
}

export const postDigestInput = z.object({
  mode: z.enum(['weekly', 'now']),
  /** The instant whose ISO week keys a weekly post (the cron slot it serves); now when left out. */
  slot: z.date().optional(),
  /** The Slack channel id of DIGEST_SLACK_CHANNEL, when Slack is configured. */
  slackChannel: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^\s:]+$/, 'a Slack channel id such as C0123ABCD')
    .optional(),
});

export interface PostDigestResult {
  /** The ISO week a weekly post is keyed by. */
  week: string;
  posts: { platform: Platform; channel: string; key: string; queued: boolean }[];
  digest: Digest;
}

/** Where the digest goes: the configured Slack channel, the chosen Teams channel, else the console. */
export function digestTargets(tx: Tx, core: Core, slackChannel: string | undefined): DigestTarget[] {
  const enabled = core.settings.enabledPlatforms;
  const targets: DigestTarget[] = [];
  if (slackChannel && enabled.includes('slack')) targets.push({ platform: 'slack', channel: slackChannel });
  const teams = tx.settings.get(DIGEST_TEAMS_SETTING);
  if (teams && enabled.includes('teams')) targets.push({ platform: 'teams', channel: teams.value });
  if (targets.length === 0) targets.push({ platform: 'console', channel: CONSOLE_DIGEST_CHANNEL });
  return targets;
}

export function postDigest(core: Core, input: z.input<typeof postDigestInput>, actor: Actor): PostDigestResult {
  const parsed = postDigestInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'mode'), i.message])));
  const { mode, slot, slackChannel } = parsed.data;
  const now = core.clock.now();
  return core.store.transaction((tx) => {
    if (mode === 'now') requireLead(tx, actor, 'post the digest now');
    const week = isoWeek(localDateOf((slot ?? now).toISOString(), core.settings.timezone));
    const digest = readDigest(tx, core, now);
    const message = digestMessage(digest);
    const posts = digestTargets(tx, core, slackChannel).map((t) => {
      const key = mode === 'weekly' ? `digest:${week}:${t.platform}:${t.channel}` : `digest:now:${now.toISOString()}:${t.platform}:${t.channel}`;
      const queued = tx.outbox.enqueue({ key, platform: t.platform, recipient: `channel:${t.channel}`, message });
      return { platform: t.platform, channel: t.channel, key, queued };
    });
    return { week, posts, digest };
  });
}
