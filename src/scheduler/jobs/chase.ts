// chase: reminds owners of corrective actions with no plan, due soon or overdue, and escalates
// what is long overdue (CHASE_CRON, 09:00 on working days by default). Each person is messaged
// only in their own working hours; every stage is recorded with its outbox row, so a repeated
// or caught-up run never sends a stage twice.
import type { Config } from '../../config.js';
import { runChase } from '../../core/corrective-actions/run-chase.js';
import type { Job } from '../job.js';

export function chaseJob(config: Config): Job {
  return {
    name: 'chase',
    cron: config.cron.chase,
    run({ core }) {
      const { messages, chased, escalated, open } = runChase(core);
      return { messages, chased, escalated, open };
    },
  };
}
