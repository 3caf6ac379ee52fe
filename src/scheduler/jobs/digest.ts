// digest: the weekly digest to the digest channel(s) (DIGEST_CRON, Mondays at 09:00 in the
// organisation's time zone by default). The post is keyed by the ISO week of the slot it
// serves, so running the job again in the same week (by hand, or a catch-up after downtime)
// queues nothing new, and a week missed while the bot was down is posted once when it starts.
import type { Config } from '../../config.js';
import { postDigest } from '../../core/reporting/post-digest.js';
import type { Job } from '../job.js';
import { SYSTEM_ACTOR } from '../../core/shared/actor.js';

export function digestJob(config: Config): Job {
  const slackChannel = config.slack?.digestChannel;
  return {
    name: 'digest',
    cron: config.cron.digest,
    run({ core, scheduledFor }) {
      const result = postDigest(core, { mode: 'weekly', slot: scheduledFor, ...(slackChannel ? { slackChannel } : {}) }, { email: SYSTEM_ACTOR, channel: 'scheduler' });
      const d = result.digest;
      return {
        queued: result.posts.filter((p) => p.queued).length,
        alreadyPosted: result.posts.filter((p) => !p.queued).length,
        openNonconformities: d.open.total,
        overdueActions: d.overdueActions.total,
        newFindings: d.newFindings.total,
        overdueEvidence: d.overdueEvidence.total,
      };
    },
  };
}
