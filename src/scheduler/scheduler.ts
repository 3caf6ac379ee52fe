// Runs the jobs on node-cron in the organisation's time zone. Every run is recorded in
// job_runs (slot, trigger, start, end, outcome, counts, error); a job never overlaps itself (a
// trigger while it runs is recorded as skipped); a slot missed while the process was down is
// run once at start ("catch-up"), however many slots were missed.
import { createTask, type Logger as CronLogger, type ScheduledTask, type TaskContext } from 'node-cron';
import type { Core } from '../core/context.js';
import { AuditbotError } from '../core/errors.js';
import type { JobRun, JobTrigger } from '../core/jobs/ports.js';
import type { Logger } from '../logger.js';
import { nextSlot, parseCron, previousSlot, type CronSchedule } from './cron-slots.js';
import { PLANNED_JOBS, type Job, type JobCounts } from './job.js';

export interface SchedulerOptions {
  core: Core;
  jobs: readonly Job[];
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Defaults to the organisation's time zone (`core.settings.timezone`). */
  timezone?: string;
}

export interface JobStatus {
  name: string;
  cron: string;
  timezone: string;
  running: boolean;
  nextRun: string | null;
  lastRun: JobRun | null;
}

export interface Scheduler {
  readonly jobs: readonly Job[];
  readonly timezone: string;
  /**
   * Arms every job's cron task, then runs the catch-ups; resolves with the catch-up runs once
   * they have finished. Runs left `running` by a previous process are first marked failed.
   */
  start(): Promise<JobRun[]>;
  /** Stops the cron tasks and waits for runs in progress. */
  stop(): Promise<void>;
  /** Runs each job whose latest slot is newer than its last run, once, for that slot. */
  catchUp(): Promise<JobRun[]>;
  /**
   * Runs a job now and resolves with its recorded run (`skipped` if it was already running).
   * `scheduledFor` is the slot served; a manual run serves its own start time.
   */
  runJob(name: string, trigger?: JobTrigger, scheduledFor?: Date): Promise<JobRun>;
  /** For /healthz and logs: whether cron is armed, and each job's next slot and latest run. */
  status(): SchedulerStatus;
}

export interface SchedulerStatus {
  running: boolean;
  timezone: string;
  jobs: JobStatus[];
}

export const INTERRUPTED = 'interrupted: the process stopped before this run finished';

/** The refusal for a job name that does not exist or whose feature is not built yet. */
export function unknownJobError(name: string, available: readonly string[]): AuditbotError {
  const list = available.length > 0 ? `Available jobs: ${available.join(', ')}.` : 'No jobs are available in this version yet.';
  const planned = (PLANNED_JOBS as readonly string[]).includes(name);
  return new AuditbotError(
    'not_found',
    planned ? `The ${name} job is not available in this version yet. ${list}` : `There is no job "${name}". ${list}`,
  );
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function checkedCounts(job: string, counts: JobCounts): JobCounts {
  if (counts === null || typeof counts !== 'object') throw new Error(`job ${job} returned ${String(counts)} instead of its counts`);
  for (const [k, v] of Object.entries(counts)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`job ${job} returned a count "${k}" that is not a number: ${String(v)}`);
  }
  return { ...counts };
}

interface Entry {
  job: Job;
  schedule: CronSchedule;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { core, logger } = options;
  const timezone = options.timezone ?? core.settings.timezone;
  const entries = new Map<string, Entry>();
  for (const job of options.jobs) {
    if (entries.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    try {
      entries.set(job.name, { job, schedule: parseCron(job.cron) });
    } catch (e) {
      throw new AuditbotError('config_invalid', `Job "${job.name}": ${errorText(e)}`);
    }
  }
  const running = new Map<string, { run: JobRun; done: Promise<JobRun> }>();
  let tasks: ScheduledTask[] = [];
  let started = false;
  const iso = (d: Date) => d.toISOString();

  function execute(job: Job, trigger: JobTrigger, slot?: Date): Promise<JobRun> {
    const now = core.clock.now();
    const scheduledFor = slot ?? now;
    const current = running.get(job.name);
    if (current) {
      const reason = `still running: run #${current.run.id} (${current.run.trigger}, started ${current.run.startedAt})`;
      const skipped = core.store.transaction((tx) =>
        tx.jobRuns.skipped({ job: job.name, scheduledFor: iso(scheduledFor), trigger, at: iso(now), reason }),
      );
      logger.warn({ job: job.name, trigger, scheduledFor: skipped.scheduledFor, runId: skipped.id }, `job ${job.name} skipped: ${reason}`);
      return Promise.resolve(skipped);
    }
    const run = core.store.transaction((tx) => tx.jobRuns.begin({ job: job.name, scheduledFor: iso(scheduledFor), trigger, startedAt: iso(now) }));
    logger.info({ job: job.name, trigger, scheduledFor: run.scheduledFor, runId: run.id }, `job ${job.name} started`);
    // The work starts on a later microtask, after the run is registered as running, so even a
    // job that re-enters the scheduler synchronously cannot overlap itself.
    const done = Promise.resolve()
      .then(() => job.run({ core, now, trigger, scheduledFor }))
      .then(
        (counts) => ({ outcome: 'ok' as const, counts: checkedCounts(job.name, counts), error: null }),
        (e: unknown) => {
          logger.error({ job: job.name, runId: run.id, err: e }, `job ${job.name} failed`);
          return { outcome: 'failed' as const, counts: null, error: errorText(e) };
        },
      )
      .then((result) => {
        const finished = core.store.transaction((tx) => tx.jobRuns.finish(run.id, { finishedAt: iso(core.clock.now()), ...result }));
        if (result.outcome === 'ok') logger.info({ job: job.name, runId: run.id, counts: result.counts }, `job ${job.name} finished`);
        return finished;
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, { run, done });
    return done;
  }

  /** Starts the catch-up run for `entry` if its latest slot was not served; null otherwise. */
  function catchUpJob(entry: Entry, now: Date): Promise<JobRun> | null {
    const last = core.store.transaction((tx) => tx.jobRuns.lastServed(entry.job.name));
    // A job that never ran has nothing to catch up: on a brand-new database, slots before the
    // first start are not owed (and a first start must not send a burst of messages).
    if (!last) return null;
    const slot = previousSlot(entry.schedule, now, timezone);
    if (!slot || slot.getTime() <= Date.parse(last.scheduledFor)) return null;
    return execute(entry.job, 'catch-up', slot);
  }

  const logged = (name: string, p: Promise<JobRun>): Promise<JobRun | null> =>
    p.catch((e: unknown) => {
      logger.error({ job: name, err: e }, `job ${name} could not be recorded`);
      return null;
    });

  function cronLogger(name: string): CronLogger {
    const text = (m: string | Error) => (typeof m === 'string' ? m : m.message);
    return {
      info: (m) => logger.debug({ job: name }, `node-cron: ${m}`),
      debug: (m) => logger.debug({ job: name }, `node-cron: ${text(m)}`),
      warn: (m) => logger.debug({ job: name }, `node-cron: ${m}`),
      error: (m, err) => logger.error({ job: name, err: err ?? m }, `node-cron: ${text(m)}`),
    };
  }

  function catchUp(): Promise<JobRun[]> {
    const now = core.clock.now();
    // Every decision (and its `running` row) is made before any job starts working.
    const started = [...entries.values()].flatMap((e) => {
      const p = catchUpJob(e, now);
      return p ? [logged(e.job.name, p)] : [];
    });
    return Promise.all(started).then((runs) => runs.filter((r): r is JobRun => r !== null));
  }

  return {
    jobs: [...entries.values()].map((e) => e.job),
    timezone,
    async start() {
      if (started) return [];
      started = true;
      const now = core.clock.now();
      const interrupted = core.store.transaction((tx) => tx.jobRuns.markInterrupted(iso(now), INTERRUPTED));
      if (interrupted > 0) logger.warn({ count: interrupted }, `${interrupted} job run(s) were interrupted when the process last stopped; marked failed`);
      for (const entry of entries.values()) {
        const name = entry.job.name;
        const task = createTask(entry.job.cron, (ctx: TaskContext) => logged(name, execute(entry.job, 'cron', ctx.date)), {
          name: `auditbot:${name}`,
          timezone,
          noOverlap: true,
          logger: cronLogger(name),
        });
        // node-cron's own overlap guard drops the trigger without calling us: record it.
        task.on('execution:overlap', (ctx) => {
          const current = running.get(name)?.run;
          const reason = current ? `still running: run #${current.id} (${current.trigger}, started ${current.startedAt})` : 'the previous cron run was still running';
          core.store.transaction((tx) => tx.jobRuns.skipped({ job: name, scheduledFor: iso(ctx.date), trigger: 'cron', at: iso(core.clock.now()), reason }));
        });
        // A slot node-cron missed (event loop blocked, machine asleep) is caught up like one
        // missed while the process was down; deferred so a slot it does run is recorded first.
        task.on('execution:missed', () => {
          setImmediate(() => {
            const p = catchUpJob(entry, core.clock.now());
            if (p) void logged(name, p);
          });
        });
        await task.start();
        tasks.push(task);
      }
      return catchUp();
    },
    async stop() {
      const stopping = tasks;
      tasks = [];
      started = false;
      for (const task of stopping) await task.destroy();
      while (running.size > 0) await Promise.allSettled([...running.values()].map((r) => r.done));
    },
    catchUp,
    runJob(name, trigger = 'manual', scheduledFor) {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(unknownJobError(name, [...entries.keys()]));
      return execute(entry.job, trigger, scheduledFor);
    },
    status() {
      const now = core.clock.now();
      const jobs = [...entries.values()].map((e) => ({
        name: e.job.name,
        cron: e.job.cron,
        timezone,
        running: running.has(e.job.name),
        nextRun: nextSlot(e.schedule, now, timezone)?.toISOString() ?? null,
        lastRun: core.store.transaction((tx) => tx.jobRuns.list({ job: e.job.name, limit: 1 })[0] ?? null),
      }));
      return { running: started, timezone, jobs };
    },
  };
}
