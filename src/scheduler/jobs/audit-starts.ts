// audit-starts: starts every planned audit whose window has opened (AUDIT_STARTS_CRON, daily
// shortly after midnight by default). Catch-up runs start what a missed night left planned.
import type { Config } from '../../config.js';
import { startDueAudits } from '../../core/programme/start-due-audits.js';
import type { Job } from '../job.js';

export function auditStartsJob(config: Config): Job {
  return {
    name: 'audit-starts',
    cron: config.cron.auditStarts,
    run({ core, now }) {
      const { started, waitingForAuditor } = startDueAudits(core, { now: now.toISOString() });
      return { started, waitingForAuditor };
    },
  };
}
