import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import type { Deliverer, DeliveryResult } from '../../src/outbox/deliverer.js';
import { BACKOFF_MAX_MS, backoffDelay, createDispatcher } from '../../src/outbox/dispatcher.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import type { Platform } from '../../src/core/shared/actor.js';

const logger = createLogger('silent');
const T0 = '2027-01-04T10:00:00.000Z';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A deliverer that records what it sent; `answer` decides each attempt (by default: sent). */
class FakeDeliverer implements Deliverer {
  readonly sent = new Map<string, number>();
  readonly order: string[] = [];
  attempts = 0;
  active = 0;
  maxActive = 0;
  constructor(
    readonly platform: Platform = 'console',
    public answer: (row: OutboxRow, attempt: number) => DeliveryResult | Promise<DeliveryResult> = () => ({ ok: true }),
  ) {}
  async deliver(row: OutboxRow): Promise<DeliveryResult> {
    this.attempts += 1;
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const result = await this.answer(row, this.attempts);
      if (result.ok) {
        this.sent.set(row.key, (this.sent.get(row.key) ?? 0) + 1);
        this.order.push(`${row.recipient} ${row.key}`);
      }
      return result;
    } finally {
      this.active -= 1;
    }
  }
}

const message = (text: string) => ({ summary: text, title: text, blocks: [{ type: 'text' as const, text }] });

function enqueue(t: TestCore, rows: { key: string; recipient: string; platform?: Platform }[]): void {
  t.core.store.transaction((tx) => {
    for (const r of rows) tx.outbox.enqueue({ key: r.key, platform: r.platform ?? 'console', recipient: r.recipient, message: message(r.key) });
  });
}

const rowsOf = (t: TestCore) => t.core.store.transaction((tx) => tx.outbox.list());
const rowByKey = (t: TestCore, key: string) => rowsOf(t).find((r) => r.key === key);

// These tests follow single rows through retries and dead letters, so each row is its own
// message; bundling has its own tests (test/outbox/bundling.test.ts).
const dispatcher = (t: TestCore, deliverers: Deliverer[], extra: { maxAttempts?: number; random?: () => number } = {}) =>
  createDispatcher({ store: t.core.store, clock: t.core.clock, deliverers, maxAttempts: extra.maxAttempts ?? 5, logger, random: extra.random ?? (() => 0.5), batchSize: 4, bundle: false });

describe('outbox dispatcher', () => {
  it.each([
    ['throws', (): DeliveryResult => {
      throw new Error('socket hang up');
    }],
    ['answers a retryable error', (): DeliveryResult => ({ ok: false, retryable: true, error: '503 Service Unavailable' })],
  ])('a deliverer that %s after 4 of 10 sends, then a restart, delivers every notification exactly once', async (_how, failure) => {
    const file = join(tempDir(), 'auditbot.db');
    const first = makeTestCore(T0, { file });
    const people = ['ana@acme.example', 'bo@acme.example', 'cy@acme.example'];
    const keys = Array.from({ length: 10 }, (_, i) => ({ key: `note:${i + 1}`, recipient: people[i % 3] as string }));
    enqueue(first, keys);

    const fake = new FakeDeliverer('console', (_row, attempt) => (attempt <= 4 ? { ok: true } : failure()));
    const before = await dispatcher(first, [fake]).runOnce();
    expect(before.delivered).toBe(4);
    expect(before.failed).toBeGreaterThan(0);
    expect(rowsOf(first).filter((r) => r.status === 'delivered')).toHaveLength(4);
    expect(rowsOf(first).filter((r) => r.status === 'pending')).toHaveLength(6);
    const errors = rowsOf(first).flatMap((r) => (r.lastError ? [r.lastError] : []));
    expect(errors.length).toBeGreaterThan(0);
    first.db.$client.close();

    // The process is gone; a new one opens the same file and the platform is back.
    const second = makeTestCore(T0, { file });
    second.clock.advance(10 * 60_000);
    fake.answer = () => ({ ok: true });
    const after = await dispatcher(second, [fake]).runOnce();
    expect(after).toEqual({ delivered: 6, failed: 0, dead: 0 });

    expect([...fake.sent.keys()].sort()).toEqual(keys.map((k) => k.key).sort());
    expect([...fake.sent.values()].every((n) => n === 1)).toBe(true);
    expect(rowsOf(second).every((r) => r.status === 'delivered' && r.deliveredAt !== null)).toBe(true);
    // Each person received their notifications in the order they were written.
    for (const p of people) {
      expect(fake.order.filter((o) => o.startsWith(p))).toEqual(keys.filter((k) => k.recipient === p).map((k) => `${p} ${k.key}`));
    }
    second.db.$client.close();
  });

  it('holds a recipient’s later notifications while an earlier one waits for its retry, and sends others meanwhile', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [
      { key: 'a1', recipient: 'ana@acme.example' },
      { key: 'a2', recipient: 'ana@acme.example' },
      { key: 'b1', recipient: 'bo@acme.example' },
    ]);
    const fake = new FakeDeliverer('console', (row, attempt) => (row.key === 'a1' && attempt === 1 ? { ok: false, retryable: true, error: 'timeout' } : { ok: true }));
    const d = dispatcher(t, [fake]);
    expect(await d.runOnce()).toEqual({ delivered: 1, failed: 1, dead: 0 });
    t.clock.advance(1000);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(rowByKey(t, 'a2')?.status).toBe('pending');
    t.clock.advance(5000);
    expect(await d.runOnce()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(fake.order).toEqual(['bo@acme.example b1', 'ana@acme.example a1', 'ana@acme.example a2']);
  });

  it('does not retry a "retry after 2 s" answer sooner: not at +1999 ms, yes at +2000 ms', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [{ key: 'digest:2027-W01', recipient: 'channel:C0123' }]);
    const fake = new FakeDeliverer('console', (_row, attempt) => (attempt === 1 ? { ok: false, retryable: true, error: 'ratelimited', retryAfterMs: 2000 } : { ok: true }));
    const d = dispatcher(t, [fake]);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(rowByKey(t, 'digest:2027-W01')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2027-01-04T10:00:02.000Z', lastError: 'ratelimited' });

    t.clock.advance(1999);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(fake.attempts).toBe(1);

    t.clock.advance(1);
    expect(await d.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(fake.attempts).toBe(2);
    expect(rowByKey(t, 'digest:2027-W01')).toMatchObject({ status: 'delivered', attempts: 2, lastError: null, deliveredAt: '2027-01-04T10:00:02.000Z' });
  });

  it('backs off exponentially with ±20 % jitter, capped at an hour', async () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0.5))).toEqual([5000, 10000, 20000, 40000]);
    expect(backoffDelay(1, () => 0)).toBe(4000);
    expect(backoffDelay(1, () => 0.999999)).toBe(6000);
    expect(backoffDelay(30, () => 0.999999)).toBe(BACKOFF_MAX_MS);

    const t = makeTestCore(T0);
    enqueue(t, [{ key: 'k', recipient: 'ana@acme.example' }]);
    const d = dispatcher(t, [new FakeDeliverer('console', () => ({ ok: false, retryable: true, error: 'down' }))], { maxAttempts: 10 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await d.runOnce();
      const next = Date.parse(rowByKey(t, 'k')?.nextAttemptAt ?? '');
      waits.push(next - t.clock.now().getTime());
      t.clock.set(new Date(next));
    }
    expect(waits).toEqual([5000, 10000, 20000]);
  });

  it('moves a row to the dead letters after maxAttempts, with the reason; `outbox retry` re-queues it and it is delivered', async () => {
    const file = join(tempDir(), 'auditbot.db');
    const t = makeTestCore(T0, { file });
    enqueue(t, [{ key: 'nudge:evidence:42:overdue-1', recipient: 'ana@acme.example' }]);
    const down = new FakeDeliverer('console', () => ({ ok: false, retryable: true, error: '503 Service Unavailable' }));
    const d = dispatcher(t, [down], { maxAttempts: 3 });
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    t.clock.advance(BACKOFF_MAX_MS);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    t.clock.advance(BACKOFF_MAX_MS);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    const dead = rowByKey(t, 'nudge:evidence:42:overdue-1');
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'gave up after 3 attempts: 503 Service Unavailable' });
    t.clock.advance(BACKOFF_MAX_MS);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(down.attempts).toBe(3);
    t.db.$client.close();

    const retried = await cli(['outbox', 'retry', String(dead?.id)], { AUDITBOT_DB: file });
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`Re-queued outbox row ${dead?.id} (nudge:evidence:42:overdue-1)`);

    const after = makeTestCore(T0, { file });
    const requeued = rowByKey(after, 'nudge:evidence:42:overdue-1');
    expect(requeued).toMatchObject({ status: 'pending', attempts: 0 });
    const events = after.core.store.transaction((tx) => tx.trail.list({ subject: `outbox:${dead?.id}` }));
    expect(events.map((e) => [e.action, e.channel])).toEqual([['outbox.requeued', 'cli']]);
    after.clock.set(requeued?.nextAttemptAt ?? T0);
    const up = new FakeDeliverer();
    expect(await dispatcher(after, [up], { maxAttempts: 3 }).runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(up.sent.get('nudge:evidence:42:overdue-1')).toBe(1);
    after.db.$client.close();
  });

  it('moves a row to the dead letters at once on an error that cannot be retried', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [
      { key: 'gone', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 'next', recipient: 'ana@acme.example', platform: 'slack' },
    ]);
    const slack = new FakeDeliverer('slack', (row) => (row.key === 'gone' ? { ok: false, retryable: false, error: 'channel_not_found' } : { ok: true }));
    expect(await dispatcher(t, [slack]).runOnce()).toEqual({ delivered: 1, failed: 0, dead: 1 });
    expect(rowByKey(t, 'gone')).toMatchObject({ status: 'dead', attempts: 1, lastError: 'not retryable: channel_not_found' });
    expect(rowByKey(t, 'next')?.status).toBe('delivered');
  });

  it('leaves rows of platforms without a deliverer alone', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [
      { key: 'teams-1', recipient: 'ana@acme.example', platform: 'teams' },
      { key: 'console-1', recipient: 'ana@acme.example' },
    ]);
    expect(await dispatcher(t, [new FakeDeliverer()]).runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(rowByKey(t, 'teams-1')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('never runs two passes at once: a concurrent runOnce waits and shares the next pass', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [
      { key: 'x1', recipient: 'ana@acme.example' },
      { key: 'x2', recipient: 'bo@acme.example' },
    ]);
    const gate = deferred();
    const fake = new FakeDeliverer('console', async () => {
      await gate.promise;
      return { ok: true };
    });
    const d = dispatcher(t, [fake]);
    const a = d.runOnce();
    const b = d.runOnce();
    const c = d.runOnce();
    expect(b).toBe(c);
    gate.resolve();
    expect(await a).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(await b).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(fake.maxActive).toBe(1);
    expect([...fake.sent.values()]).toEqual([1, 1]);
  });

  it('stop() waits for the delivery in flight and starts no other', async () => {
    const t = makeTestCore(T0);
    enqueue(t, [
      { key: 'first', recipient: 'ana@acme.example' },
      { key: 'second', recipient: 'bo@acme.example' },
    ]);
    const inFlight = deferred();
    const release = deferred();
    const fake = new FakeDeliverer('console', async () => {
      inFlight.resolve();
      await release.promise;
      return { ok: true };
    });
    const d = dispatcher(t, [fake]);
    d.start(60_000);
    await inFlight.promise;
    let stopped = false;
    const stopping = d.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    expect(rowByKey(t, 'first')?.status).toBe('pending');

    release.resolve();
    await stopping;
    expect(rowByKey(t, 'first')?.status).toBe('delivered');
    expect(rowByKey(t, 'second')?.status).toBe('pending');
    expect(fake.attempts).toBe(1);
  });

  it('wake() delivers a new notification without waiting for the interval', async () => {
    const t = makeTestCore(T0);
    const delivered = deferred<string>();
    const fake = new FakeDeliverer('console', (row) => {
      delivered.resolve(row.key);
      return { ok: true };
    });
    const d = dispatcher(t, [fake]);
    d.start(60 * 60_000);
    await d.runOnce();
    enqueue(t, [{ key: 'fresh', recipient: 'ana@acme.example' }]);
    d.wake();
    expect(await delivered.promise).toBe('fresh');
    await d.stop();
    expect(rowByKey(t, 'fresh')?.status).toBe('delivered');
  });

  it('two dispatchers on one database (serve and a console in another process) never send a row twice', async () => {
    const file = join(tempDir(), 'auditbot.db');
    const a = makeTestCore(T0, { file });
    const b = makeTestCore(T0, { file });
    const people = ['ana@acme.example', 'bo@acme.example'];
    const keys = Array.from({ length: 6 }, (_, i) => ({ key: `n:${i + 1}`, recipient: people[i % 2] as string }));
    enqueue(a, keys);
    const sent: string[] = [];
    const gate = deferred();
    const slow = () =>
      new FakeDeliverer('console', async (row) => {
        await gate.promise;
        sent.push(row.key);
        return { ok: true };
      });
    const first = dispatcher(a, [slow()]).runOnce();
    const second = dispatcher(b, [slow()]).runOnce();
    gate.resolve();
    const [ra, rb] = await Promise.all([first, second]);
    expect(ra.delivered + rb.delivered).toBe(6);
    expect([...sent].sort()).toEqual(keys.map((k) => k.key).sort());
    // A row already taken by the other process cannot be claimed again.
    const row = rowByKey(a, 'n:1');
    expect(a.core.store.transaction((tx) => tx.outbox.claim(row!.id, T0, '2027-01-04T10:05:00.000Z'))).toBe(false);
    a.db.$client.close();
    b.db.$client.close();
  });
});

describe('outbox dispatcher: each platform delivers independently', () => {
  it('a platform whose deliveries hang does not hold back another platform’s notifications', async () => {
    const t = makeTestCore(T0, { platforms: ['slack', 'console'] });
    enqueue(t, [
      { key: 'slack-1', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 'slack-2', recipient: 'bo@acme.example', platform: 'slack' },
      { key: 'console-1', recipient: 'cy@acme.example' },
    ]);
    const release = deferred();
    const slackStarted = deferred();
    const slack = new FakeDeliverer('slack', async () => {
      slackStarted.resolve();
      await release.promise;
      return { ok: true };
    });
    const consoleDelivered = deferred<string>();
    const console = new FakeDeliverer('console', (row) => {
      consoleDelivered.resolve(row.key);
      return { ok: true };
    });
    const d = dispatcher(t, [slack, console]);
    d.start(60 * 60_000);
    await slackStarted.promise;
    // Slack is still busy with its first row, and the console row is delivered anyway.
    expect(await consoleDelivered.promise).toBe('console-1');
    await new Promise((r) => setImmediate(r));
    expect(rowByKey(t, 'console-1')?.status).toBe('delivered');
    expect(rowByKey(t, 'slack-1')?.status).toBe('pending');
    // A console notification queued while Slack still hangs goes out at once too.
    const next = deferred<string>();
    console.answer = (row) => {
      next.resolve(row.key);
      return { ok: true };
    };
    enqueue(t, [{ key: 'console-2', recipient: 'cy@acme.example' }]);
    d.wake();
    expect(await next.promise).toBe('console-2');
    expect(slack.attempts).toBe(1);

    release.resolve();
    await d.stop();
    expect(rowByKey(t, 'slack-1')?.status).toBe('delivered');
  });

  it('gives up on a delivery that does not answer within the timeout, retries it later, and goes on with the next recipient', async () => {
    const t = makeTestCore(T0, { platforms: ['slack'] });
    enqueue(t, [
      { key: 'stuck', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 'stuck-later', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 'fine', recipient: 'bo@acme.example', platform: 'slack' },
    ]);
    const never = new Promise<DeliveryResult>(() => undefined);
    const slack = new FakeDeliverer('slack', (row) => (row.key === 'stuck' ? never : { ok: true }));
    const d = createDispatcher({ store: t.core.store, clock: t.core.clock, deliverers: [slack], maxAttempts: 5, logger, random: () => 0.5, deliveryTimeoutMs: 50, bundle: false });
    expect(await d.runOnce()).toEqual({ delivered: 1, failed: 1, dead: 0 });
    expect(rowByKey(t, 'stuck')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'slack did not answer within 50 ms', nextAttemptAt: '2027-01-04T10:00:05.000Z' });
    // Ana's later notification waits behind the one that timed out; Bo's went out.
    expect(rowByKey(t, 'stuck-later')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(rowByKey(t, 'fine')?.status).toBe('delivered');
  });

  it('a paused platform keeps its notifications pending, untried, until it is resumed', async () => {
    const t = makeTestCore(T0, { platforms: ['slack', 'console'] });
    enqueue(t, [
      { key: 's1', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 'c1', recipient: 'ana@acme.example' },
    ]);
    const slack = new FakeDeliverer('slack');
    const d = dispatcher(t, [slack, new FakeDeliverer()], { maxAttempts: 1 });
    d.pause('slack');
    expect(await d.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    t.clock.advance(BACKOFF_MAX_MS);
    expect(await d.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(rowByKey(t, 's1')).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(slack.attempts).toBe(0);
    d.resume('slack');
    expect(await d.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(rowByKey(t, 's1')?.status).toBe('delivered');
  });

  it('stop() waits for the delivery in flight on every platform', async () => {
    const t = makeTestCore(T0, { platforms: ['slack', 'teams'] });
    enqueue(t, [
      { key: 's1', recipient: 'ana@acme.example', platform: 'slack' },
      { key: 't1', recipient: 'ana@acme.example', platform: 'teams' },
    ]);
    const started = { slack: deferred(), teams: deferred() };
    const release = { slack: deferred(), teams: deferred() };
    const held = (platform: 'slack' | 'teams') =>
      new FakeDeliverer(platform, async () => {
        started[platform].resolve();
        await release[platform].promise;
        return { ok: true };
      });
    const d = dispatcher(t, [held('slack'), held('teams')]);
    d.start(60_000);
    // Both platforms are sending at the same time.
    await Promise.all([started.slack.promise, started.teams.promise]);
    let stopped = false;
    const stopping = d.stop().then(() => {
      stopped = true;
    });
    release.slack.resolve();
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release.teams.resolve();
    await stopping;
    expect(rowsOf(t).map((r) => [r.key, r.status])).toEqual([
      ['s1', 'delivered'],
      ['t1', 'delivered'],
    ]);
  });
});
