// `auditbot job run nudges`: the nudges job is registered with the scheduler and runs once from the CLI.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildJobs } from '../../src/scheduler/jobs.js';
import { cli, emptyDatabase } from '../helpers/cli.js';

describe('the nudges job', () => {
  it('is scheduled every 15 minutes by default, and NUDGE_CRON changes it', () => {
    expect(buildJobs(loadConfig({})).find((j) => j.name === 'nudges')?.cron).toBe('*/15 * * * *');
    expect(buildJobs(loadConfig({ NUDGE_CRON: '0,30 8-18 * * 1-5' })).find((j) => j.name === 'nudges')?.cron).toBe('0,30 8-18 * * 1-5');
  });

  it('runs once from the CLI and records the run with its counts', async () => {
    const file = emptyDatabase();
    const run = await cli(['job', 'run', 'nudges'], { AUDITBOT_DB: file });
    expect(run.code).toBe(0);
    const runs = await cli(['job', 'runs', '--format', 'json'], { AUDITBOT_DB: file });
    const recorded = JSON.parse(runs.stdout) as { job: string; outcome: string; counts: Record<string, number> }[];
    expect(recorded.map((r) => [r.job, r.outcome, r.counts])).toEqual([['nudges', 'ok', { messages: 0, reminded: 0, escalated: 0, open: 0 }]]);
  });

  it('reads WORKING_HOURS and WORKING_DAYS, and refuses malformed ones', () => {
    expect(loadConfig({ WORKING_HOURS: '08:30-16:30', WORKING_DAYS: 'sun-thu' }).workingHours).toEqual({ start: 510, end: 990, days: [1, 2, 3, 4, 7] });
    expect(loadConfig({}).workingHours).toBeUndefined();
    expect(() => loadConfig({ WORKING_HOURS: '17:00-09:00', WORKING_DAYS: 'weekdays' })).toThrow(/WORKING_HOURS: expected working hours such as 09:00-17:00.*\n.*WORKING_DAYS: expected working days such as mon-fri/);
  });
});
