// A scheduled job: what it is called, when it runs, and the work. Each feature adds its job to
// `buildJobs` (jobs.ts); the scheduler runs it on cron, catches it up after downtime, keeps it
// from overlapping itself and records every run.
import type { Core } from '../core/context.js';
import type { JobTrigger } from '../core/jobs/ports.js';

export type { JobTrigger };

/** The names docs/operations.md documents for `auditbot job run`. */
export const PLANNED_JOBS = ['nudges', 'chase', 'digest', 'audit-starts'] as const;

export interface JobContext {
  core: Core;
  /** The clock's time when the run started. */
  now: Date;
  trigger: JobTrigger;
  /** The cron slot this run serves; for a manual run, its start time. */
  scheduledFor: Date;
}

/** What a run did, e.g. `{ reminded: 4, escalated: 1 }`; shown by `job run` and recorded. */
export type JobCounts = Record<string, number>;

export interface Job {
  name: (typeof PLANNED_JOBS)[number] | (string & {});
  /** Five-field cron expression, read in the organisation's time zone. */
  cron: string;
  run(ctx: JobContext): Promise<JobCounts> | JobCounts;
}
