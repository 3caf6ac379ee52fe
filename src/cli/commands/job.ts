import type { JobRun } from '../../core/jobs/ports.js';
import { buildJobs } from '../../scheduler/jobs.js';
import { createScheduler } from '../../scheduler/scheduler.js';
import { choice, UsageError, type CliIO, type CommandImplementation } from '../framework.js';
import { toJson, toTable } from '../format.js';

const durationOf = (run: JobRun): string => {
  if (!run.finishedAt) return '';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
};

const countsText = (counts: Record<string, number> | null): string =>
  counts && Object.keys(counts).length > 0 ? Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') : '';

export const jobRunCommand: CommandImplementation = {
  args: ['<name>'],
  options: {
    format: { type: 'string', description: 'text or json (the recorded run)', default: 'text', placeholder: '<text|json>' },
    deliver: { type: 'boolean', description: 'deliver the messages the run queued before exiting (those whose recipients are at work now)' },
  },
  details:
    'Jobs: nudges (evidence reminders), chase (corrective actions), digest (weekly summary), audit-starts (audits whose window opens). A job that is already running in this process is recorded as skipped. The messages it queues are delivered by the running bot (auditbot serve), each in its recipient\'s working hours, or now with --deliver.',
  async run({ positionals, values, io, app }) {
    if (positionals.length !== 1) throw new UsageError('Usage: auditbot job run <name>   (e.g. auditbot job run nudges)');
    const format = choice(values.format, 'format', ['text', 'json'] as const, 'text');
    const { core, config, logger } = app();
    const scheduler = createScheduler({ core, jobs: buildJobs(config), logger: logger.child({ component: 'scheduler' }) });
    const before = core.store.transaction((tx) => tx.outbox.lastId());
    const code = reportJobRun(await scheduler.runJob(positionals[0] as string, 'manual'), io, format);
    const queued = core.store.transaction((tx) => tx.outbox.listAfter(before));
    if (values.deliver === true && queued.length > 0) {
      const { deliverNow } = await import('../deliver-now.js');
      const result = await deliverNow(app(), queued, io.output);
      if (format === 'text') io.stdout(deliveryText(queued.length, result));
    } else if (format === 'text') {
      io.stdout(`messages: ${queued.length} queued${queued.length > 0 ? ' (delivered by the running bot, or now with --deliver)' : ''}`);
    }
    return code;
  },
};

/** `messages: 4 queued: 3 delivered now, 1 held for working hours (the first at …)`. */
function deliveryText(queued: number, r: { delivered: number; failed: number; held: number; firstHeldAt: string | null }): string {
  if (queued === 0) return 'messages: 0 queued';
  const parts = [`${r.delivered} delivered now`];
  if (r.held > 0) parts.push(`${r.held} held for the recipients' working hours (the first at ${r.firstHeldAt ?? '?'}; the running bot delivers them)`);
  if (r.failed > 0) parts.push(`${r.failed} failed and will be retried by the running bot (see auditbot outbox list)`);
  return `messages: ${queued} queued: ${parts.join(', ')}`;
}

/** Prints what a run did and how it was recorded; the exit code is 0 only for `ok`. */
export function reportJobRun(run: JobRun, io: Pick<CliIO, 'stdout' | 'stderr'>, format: 'text' | 'json'): number {
  if (format === 'json') {
    io.stdout(toJson(run));
    return run.outcome === 'ok' ? 0 : 1;
  }
  if (run.outcome === 'ok') {
    const counts = Object.entries(run.counts ?? {});
    io.stdout(`Job ${run.job} finished in ${durationOf(run)}.`);
    io.stdout(counts.length > 0 ? counts.map(([k, v]) => `  ${k}: ${v}`).join('\n') : '  (nothing to do)');
  } else if (run.outcome === 'failed') {
    io.stderr(`Job ${run.job} failed after ${durationOf(run)}: ${run.error ?? 'no reason recorded'}`);
  } else {
    io.stderr(`Job ${run.job} was not run: ${run.error ?? 'it was already running'}`);
  }
  io.stdout(`Recorded as run #${run.id}: trigger ${run.trigger}, scheduled for ${run.scheduledFor}, started ${run.startedAt}, finished ${run.finishedAt ?? '-'}, outcome ${run.outcome}.`);
  return run.outcome === 'ok' ? 0 : 1;
}

export const jobRunsCommand: CommandImplementation = {
  options: {
    job: { type: 'string', description: 'only this job', placeholder: '<name>' },
    limit: { type: 'string', description: 'how many runs', default: '20', placeholder: '<n>' },
    format: { type: 'string', description: 'table or json', default: 'table', placeholder: '<table|json>' },
  },
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['table', 'json'] as const, 'table');
    const limit = Number(values.limit ?? '20');
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1; got ${JSON.stringify(values.limit)}`);
    const job = typeof values.job === 'string' ? values.job : undefined;
    const { core } = app();
    const runs = core.store.transaction((tx) => tx.jobRuns.list({ ...(job ? { job } : {}), limit }));
    if (format === 'json') {
      io.stdout(toJson(runs));
      return 0;
    }
    if (runs.length === 0) {
      io.stdout(job ? `No runs of job ${job} are recorded.` : 'No job runs are recorded yet.');
      return 0;
    }
    io.stdout(
      toTable(
        ['id', 'job', 'trigger', 'scheduled for', 'started', 'took', 'outcome', 'counts', 'error'],
        runs.map((r) => [r.id, r.job, r.trigger, r.scheduledFor, r.startedAt, durationOf(r), r.outcome, countsText(r.counts), r.error]),
      ),
    );
    return 0;
  },
};
