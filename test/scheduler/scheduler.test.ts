import { afterEach, describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../src/core/errors.js';
import type { JobRun } from '../../src/core/jobs/ports.js';
import { createLogger } from '../../src/logger.js';
import type { Job, JobContext } from '../../src/scheduler/job.js';
import { createScheduler, INTERRUPTED, type Scheduler } from '../../src/scheduler/scheduler.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';

const logger = createLogger('silent');
const LONDON = 'Europe/London';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A job that records each call; `work` decides what a run does. */
function recordingJob(name: string, cron: string, work: (ctx: JobContext) => Promise<Record<string, number>> | Record<string, number> = () => ({ done: 1 })) {
  const calls: JobContext[] = [];
  const job: Job = {
    name,
    cron,
    run(ctx) {
      calls.push(ctx);
      return work(ctx);
    },
  };
  return { job, calls };
}

const runsOf = (t: TestCore, job?: string): JobRun[] => t.core.store.transaction((tx) => tx.jobRuns.list(job ? { job } : {})).reverse();

const schedulers: Scheduler[] = [];
const make = (t: TestCore, jobs: Job[]) => {
  const s = createScheduler({ core: t.core, jobs, logger, timezone: LONDON });
  schedulers.push(s);
  return s;
};
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
});

describe('scheduler: recorded runs', () => {
  it('records every run with its slot, trigger, times, outcome and counts', async () => {
    const t = makeTestCore('2027-01-04T09:00:00Z', { timezone: LONDON });
    let n = 0;
    const { job } = recordingJob('nudges', '*/15 * * * *', () => {
      n += 1;
      t.clock.advance(1500);
      if (n === 2) throw new Error('the evidence table is locked');
      return { reminded: 3, escalated: 1 };
    });
    const s = make(t, [job]);

    const ok = await s.runJob('nudges', 'cron', new Date('2027-01-04T09:00:00Z'));
    const failed = await s.runJob('nudges', 'cron', new Date('2027-01-04T09:15:00Z'));
    t.clock.set('2027-01-04T09:20:00Z');
    const manual = await s.runJob('nudges');

    expect(ok).toMatchObject({
      job: 'nudges',
      trigger: 'cron',
      scheduledFor: '2027-01-04T09:00:00.000Z',
      startedAt: '2027-01-04T09:00:00.000Z',
      finishedAt: '2027-01-04T09:00:01.500Z',
      outcome: 'ok',
      counts: { reminded: 3, escalated: 1 },
      error: null,
    });
    expect(failed).toMatchObject({ trigger: 'cron', scheduledFor: '2027-01-04T09:15:00.000Z', outcome: 'failed', counts: null, error: 'the evidence table is locked' });
    expect(manual).toMatchObject({ trigger: 'manual', scheduledFor: '2027-01-04T09:20:00.000Z', startedAt: '2027-01-04T09:20:00.000Z', outcome: 'ok' });
    expect(runsOf(t).map((r) => [r.id, r.outcome])).toEqual([
      [ok.id, 'ok'],
      [failed.id, 'failed'],
      [manual.id, 'ok'],
    ]);
  });

  it('never overlaps a job with itself: a second trigger while it runs is recorded as skipped', async () => {
    const t = makeTestCore('2027-01-04T09:00:00Z', { timezone: LONDON });
    const gate = deferred();
    const { job, calls } = recordingJob('digest', '0 9 * * 1', async () => {
      await gate.promise;
      return { sent: 12 };
    });
    const s = make(t, [job]);

    const first = s.runJob('digest', 'cron', new Date('2027-01-04T09:00:00Z'));
    const second = await s.runJob('digest', 'manual');
    expect(second).toMatchObject({ job: 'digest', trigger: 'manual', outcome: 'skipped', counts: null });
    expect(second.error).toMatch(/^still running: run #\d+ \(cron, started 2027-01-04T09:00:00.000Z\)$/);
    expect(s.status().jobs[0]?.running).toBe(true);

    gate.resolve();
    const done = await first;
    expect(done).toMatchObject({ outcome: 'ok', counts: { sent: 12 } });
    expect(calls).toHaveLength(1);
    expect(runsOf(t, 'digest').map((r) => r.outcome)).toEqual(['ok', 'skipped']);
    // Once the run has ended the job can run again.
    expect((await s.runJob('digest', 'manual')).outcome).toBe('ok');
    expect(calls).toHaveLength(2);
  });

  it('stop() waits for a run in progress', async () => {
    const t = makeTestCore('2027-01-04T09:00:00Z', { timezone: LONDON });
    const gate = deferred();
    const { job } = recordingJob('chase', '0 9 * * 1-5', async () => {
      await gate.promise;
      return { chased: 2 };
    });
    const s = make(t, [job]);
    const run = s.runJob('chase', 'cron', new Date('2027-01-04T09:00:00Z'));
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    expect(runsOf(t, 'chase')[0]?.outcome).toBe('running');
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    expect((await run).outcome).toBe('ok');
  });

  it('names the available jobs for an unknown or not-yet-built job, and refuses a bad cron', async () => {
    const t = makeTestCore();
    const s = make(t, [recordingJob('nudges', '*/15 * * * *').job]);
    const unknown = await s.runJob('reports').catch((e: unknown) => e);
    expect(isAuditbotError(unknown) && unknown.code).toBe('not_found');
    expect((unknown as Error).message).toBe('There is no job "reports". Available jobs: nudges.');
    const planned = await s.runJob('digest').catch((e: unknown) => e);
    expect((planned as Error).message).toBe('The digest job is not available in this version yet. Available jobs: nudges.');
    expect(runsOf(t)).toEqual([]);
    expect(() => createScheduler({ core: t.core, jobs: [recordingJob('chase', '0 25 * * *').job], logger })).toThrow(/Job "chase": cron "0 25 \* \* \*"/);
  });
});

describe('scheduler: catch-up after downtime', () => {
  const daily = '0 9 * * *';

  it('runs a missed job exactly once for its latest slot, however many slots were missed, and not again on the next start', async () => {
    // Summer time: 09:00 in London is 08:00 UTC, so the organisation's zone is what counts.
    const t = makeTestCore('2027-06-01T08:00:00Z', { timezone: LONDON });
    const first = recordingJob('digest', daily);
    await make(t, [first.job]).runJob('digest', 'cron', new Date('2027-06-01T08:00:00Z'));

    // Down for six days: six 09:00 slots were missed.
    t.clock.set('2027-06-07T08:30:00Z');
    const restarted = recordingJob('digest', daily);
    const s = make(t, [restarted.job]);
    const caughtUp = await s.start();
    expect(caughtUp).toHaveLength(1);
    expect(caughtUp[0]).toMatchObject({ job: 'digest', trigger: 'catch-up', scheduledFor: '2027-06-07T08:00:00.000Z', startedAt: '2027-06-07T08:30:00.000Z', outcome: 'ok' });
    expect(restarted.calls).toHaveLength(1);
    expect(restarted.calls[0]?.scheduledFor.toISOString()).toBe('2027-06-07T08:00:00.000Z');
    expect(s.status()).toMatchObject({ running: true, timezone: LONDON, jobs: [{ name: 'digest', nextRun: '2027-06-08T08:00:00.000Z' }] });
    await s.stop();

    // Started again a little later: that slot was served, nothing to catch up.
    t.clock.advance(10 * 60_000);
    const again = recordingJob('digest', daily);
    expect(await make(t, [again.job]).start()).toEqual([]);
    expect(again.calls).toHaveLength(0);
    expect(runsOf(t, 'digest').map((r) => r.trigger)).toEqual(['cron', 'catch-up']);
  });

  it('does not catch up when no slot was missed', async () => {
    const t = makeTestCore('2027-06-01T08:00:00Z', { timezone: LONDON });
    await make(t, [recordingJob('digest', daily).job]).runJob('digest', 'cron', new Date('2027-06-01T08:00:00Z'));
    t.clock.set('2027-06-02T07:59:59Z');
    const later = recordingJob('digest', daily);
    expect(await make(t, [later.job]).catchUp()).toEqual([]);
    expect(later.calls).toHaveLength(0);
    // One second later the 09:00 slot has come and gone while down: now it is owed.
    t.clock.set('2027-06-02T08:00:01Z');
    const runs = await make(t, [later.job]).catchUp();
    expect(runs.map((r) => r.scheduledFor)).toEqual(['2027-06-02T08:00:00.000Z']);
  });

  it('does not catch up on the first ever start (a brand-new database owes nothing)', async () => {
    const t = makeTestCore('2027-06-07T12:00:00Z', { timezone: LONDON });
    const fresh = recordingJob('digest', daily);
    expect(await make(t, [fresh.job]).start()).toEqual([]);
    expect(fresh.calls).toHaveLength(0);
    expect(runsOf(t)).toEqual([]);
  });

  it('counts a manual run after the missed slot as serving it, but a skipped trigger not', async () => {
    const t = makeTestCore('2027-06-01T08:00:00Z', { timezone: LONDON });
    const s = make(t, [recordingJob('digest', daily).job]);
    await s.runJob('digest', 'cron', new Date('2027-06-01T08:00:00Z'));
    t.clock.set('2027-06-03T10:00:00Z');
    await s.runJob('digest', 'manual');
    t.clock.set('2027-06-03T12:00:00Z');
    expect(await make(t, [recordingJob('digest', daily).job]).catchUp()).toEqual([]);

    t.core.store.transaction((tx) => tx.jobRuns.skipped({ job: 'digest', scheduledFor: '2027-06-04T08:00:00.000Z', trigger: 'cron', at: '2027-06-04T08:00:00.000Z', reason: 'still running' }));
    t.clock.set('2027-06-04T12:00:00Z');
    const runs = await make(t, [recordingJob('digest', daily).job]).catchUp();
    expect(runs.map((r) => [r.trigger, r.scheduledFor])).toEqual([['catch-up', '2027-06-04T08:00:00.000Z']]);
  });

  it('marks a run left running by a stopped process as failed at start', async () => {
    const t = makeTestCore('2027-06-01T08:00:00Z', { timezone: LONDON });
    const crashed = t.core.store.transaction((tx) => tx.jobRuns.begin({ job: 'digest', scheduledFor: '2027-06-01T08:00:00.000Z', trigger: 'cron', startedAt: '2027-06-01T08:00:00.000Z' }));
    t.clock.set('2027-06-01T08:05:00Z');
    await make(t, [recordingJob('digest', daily).job]).start();
    expect(t.core.store.transaction((tx) => tx.jobRuns.get(crashed.id))).toMatchObject({ outcome: 'failed', error: INTERRUPTED, finishedAt: '2027-06-01T08:05:00.000Z' });
  });
});
