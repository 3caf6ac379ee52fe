// review-actions: reminds owners of actions decided at a management review as their due date
// comes and once overdue, and tells the review's chair of one long overdue (CHASE_CRON, 09:00
// on working days by default), like the corrective-action chase. Every stage is recorded with
// its outbox row, so a repeated or caught-up run never sends a stage twice.
import type { Config } from '../../config.js';
import { runReviewActionChase } from '../../core/review/run-review-action-chase.js';
import type { Job } from '../job.js';

export function reviewActionsJob(config: Config): Job {
  return {
    name: 'review-actions',
    cron: config.cron.chase,
    run({ core }) {
      const { messages, reminded, escalated, open } = runReviewActionChase(core);
      return { messages, reminded, escalated, open };
    },
  };
}
