// The record of scheduled work: every run of a job (nudges, chase, digest, audit starts) is a
// row, so an operator and the certification auditor can see what ran, when, and what it did.

/** What started a run: its cron slot, the catch-up after downtime, or an operator. */
export type JobTrigger = 'cron' | 'catch-up' | 'manual';

/** `running` until the run ends; `skipped` when the job was already running at the trigger. */
export type JobOutcome = 'running' | 'ok' | 'failed' | 'skipped';

export interface JobRun {
  id: number;
  job: string;
  /** The cron slot the run serves (ISO 8601 UTC); a manual run uses its start time. */
  scheduledFor: string;
  trigger: JobTrigger;
  startedAt: string;
  finishedAt: string | null;
  outcome: JobOutcome;
  /** What the job did, e.g. `{ reminded: 4, escalated: 1 }`. */
  counts: Record<string, number> | null;
  error: string | null;
}

export interface JobRunRepository {
  /** Records a run as `running`; `finish` completes it. */
  begin(run: { job: string; scheduledFor: string; trigger: JobTrigger; startedAt: string }): JobRun;
  finish(id: number, result: { finishedAt: string; outcome: 'ok' | 'failed'; counts: Record<string, number> | null; error: string | null }): JobRun;
  /** Records a trigger that found the job still running: it did nothing. */
  skipped(run: { job: string; scheduledFor: string; trigger: JobTrigger; at: string; reason: string }): JobRun;
  /** The run with the latest `scheduledFor` that actually ran (any outcome but `skipped`). */
  lastServed(job: string): JobRun | null;
  /** Runs newest first; `job` filters to one job. */
  list(filter?: { job?: string; limit?: number }): JobRun[];
  get(id: number): JobRun | null;
  /** Marks runs left `running` by a process that stopped as `failed` with `reason`; returns how many. */
  markInterrupted(at: string, reason: string): number;
}
