// The registry of scheduled jobs. Each feature adds one factory line here; a factory reads its
// cron expression from the configuration (NUDGE_CRON, CHASE_CRON, DIGEST_CRON,
// AUDIT_STARTS_CRON).
import type { Config } from '../config.js';
import type { Job } from './job.js';
import { auditStartsJob } from './jobs/audit-starts.js';
import { digestJob } from './jobs/digest.js';
import { chaseJob } from './jobs/chase.js';
import { nudgesJob } from './jobs/nudges.js';
import { reviewActionsJob } from './jobs/review-actions.js';
import { reviewInputsJob } from './jobs/review-inputs.js';

type JobFactory = (config: Config) => Job;

const FACTORIES: readonly JobFactory[] = [auditStartsJob, nudgesJob, chaseJob, digestJob, reviewInputsJob, reviewActionsJob];

/** The jobs this version has, each with its cron expression from `config`. */
export function buildJobs(config: Config): Job[] {
  return FACTORIES.map((factory) => factory(config));
}
