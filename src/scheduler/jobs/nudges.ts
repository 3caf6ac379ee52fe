// nudges: reminds control owners about evidence they owe and escalates what is long overdue
// (NUDGE_CRON, every 15 minutes by default). Each person is messaged only in their own
// working hours; every stage is recorded with its outbox row, so a repeated or caught-up run
// never sends a stage twice.
import type { Config } from '../../config.js';
import { runNudges } from '../../core/evidence/run-nudges.js';
import type { Job } from '../job.js';

export function nudgesJob(config: Config): Job {
  return {
    name: 'nudges',
    cron: config.cron.nudges,
    run({ core }) {
      const { messages, reminded, escalated, open } = runNudges(core);
      return { messages, reminded, escalated, open };
    },
  };
}
