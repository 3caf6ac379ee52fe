// audit-starts: starts every planned audit whose window has opened (AUDIT_STARTS_CRON, daily
// shortly after midnight by default). Catch-up runs start what a missed night left planned.
// Audits whose window ended are reported to the leads as missed; two months before a cycle ends
// the leads hear which requirements are not yet assessed.
import type { Config } from '../../config.js';
import { notifyUnassessedBeforeCycleEnd } from '../../core/conduct/notify-unassessed-before-cycle-end.js';
import { startDueAudits } from '../../core/programme/start-due-audits.js';
import type { Job } from '../job.js';

export function auditStartsJob(config: Config): Job {
  return {
    name: 'audit-starts',
    cron: config.cron.auditStarts,
    run({ core, now }) {
      const { started, waitingForAuditor, missed } = startDueAudits(core, { now: now.toISOString() });
      // The same daily run tells the leads, two months before a cycle ends, what is not yet assessed.
      const { told } = notifyUnassessedBeforeCycleEnd(core);
      return { started, waitingForAuditor, missed, coverageNotices: told };
    },
  };
}
