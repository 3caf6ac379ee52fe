import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, emptyDatabase, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { buildJobs } from '../../src/scheduler/jobs.js';
import { loadConfig } from '../../src/config.js';
import { reportJobRun } from '../../src/cli/commands/job.js';
import { createLogger } from '../../src/logger.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';

describe('auditbot job', () => {
  it('job run with an unknown or not-yet-available name lists the available jobs and records nothing', async () => {
    const file = emptyDatabase();
    const available = buildJobs(loadConfig({})).map((j) => j.name);
    const list = available.length > 0 ? `Available jobs: ${available.join(', ')}.` : 'No jobs are available in this version yet.';

    const unknown = await cli(['job', 'run', 'reports'], { AUDITBOT_DB: file });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`Error [not_found]: There is no job "reports". ${list}`);

    for (const planned of ['nudges', 'chase', 'digest', 'audit-starts'].filter((n) => !available.includes(n))) {
      const res = await cli(['job', 'run', planned], { AUDITBOT_DB: file });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`The ${planned} job is not available in this version yet. ${list}`);
    }

    const runs = await cli(['job', 'runs', '--format', 'json'], { AUDITBOT_DB: file });
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout)).toEqual([]);
  });

  it('job run needs exactly one name', async () => {
    const res = await cli(['job', 'run'], { AUDITBOT_DB: join(tempDir(), 'auditbot.db') });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: auditbot job run <name>');
  });

  it('job runs lists recorded runs, newest first, as a table or JSON', async () => {
    const file = join(tempDir(), 'auditbot.db');
    const { core, db } = makeTestCore('2027-01-04T09:00:00Z', { file });
    core.store.transaction((tx) => {
      const a = tx.jobRuns.begin({ job: 'digest', scheduledFor: '2027-01-04T09:00:00.000Z', trigger: 'cron', startedAt: '2027-01-04T09:00:00.000Z' });
      tx.jobRuns.finish(a.id, { finishedAt: '2027-01-04T09:00:00.250Z', outcome: 'ok', counts: { sent: 3 }, error: null });
      tx.jobRuns.skipped({ job: 'digest', scheduledFor: '2027-01-04T09:00:00.000Z', trigger: 'manual', at: '2027-01-04T09:00:00.100Z', reason: 'still running: run #1' });
    });
    db.$client.close();
    const json = await cli(['job', 'runs', '--format', 'json'], { AUDITBOT_DB: file });
    expect((JSON.parse(json.stdout) as { outcome: string; counts: unknown }[]).map((r) => [r.outcome, r.counts])).toEqual([
      ['skipped', null],
      ['ok', { sent: 3 }],
    ]);
    const table = await cli(['job', 'runs', '--job', 'digest'], { AUDITBOT_DB: file });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/digest\s+cron\s+2027-01-04T09:00:00.000Z\s+2027-01-04T09:00:00.000Z\s+250 ms\s+ok\s+sent 3/);
  });

  it('job run prints what the job did and the recorded run', async () => {
    const { core, clock } = makeTestCore('2027-01-04T09:00:00Z');
    const scheduler = createScheduler({
      core,
      logger: createLogger('silent'),
      jobs: [
        {
          name: 'nudges',
          cron: '*/15 * * * *',
          run: () => {
            clock.advance(42);
            return { reminded: 4, escalated: 1 };
          },
        },
      ],
    });
    let out = '';
    const io = { stdout: (t: string) => (out += `${t}\n`), stderr: (t: string) => (out += `ERR ${t}\n`) };
    const code = reportJobRun(await scheduler.runJob('nudges', 'manual'), io, 'text');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Job nudges finished in 42 ms.',
        '  reminded: 4',
        '  escalated: 1',
        'Recorded as run #1: trigger manual, scheduled for 2027-01-04T09:00:00.000Z, started 2027-01-04T09:00:00.000Z, finished 2027-01-04T09:00:00.042Z, outcome ok.',
        '',
      ].join('\n'),
    );
  });
});
