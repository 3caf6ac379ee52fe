// review-inputs: asks each provider named in the organisation file (management_review.inputs)
// for their input two weeks before a management review, reminds them once it is overdue and
// tells the chair (on NUDGE_CRON, every 15 minutes by default, so each person is reached early
// in their own working hours). Every stage is recorded with its outbox row, so a repeated or
// caught-up run never sends a stage twice.
import type { Config } from '../../config.js';
import { runInputRequests } from '../../core/review/run-input-requests.js';
import type { Job } from '../job.js';

export function reviewInputsJob(config: Config): Job {
  return {
    name: 'review-inputs',
    cron: config.cron.nudges,
    run({ core }) {
      const { messages, reminded, escalated, open } = runInputRequests(core);
      return { messages, reminded, escalated, open };
    },
  };
}
