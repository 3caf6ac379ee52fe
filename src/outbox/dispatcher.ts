// Delivers the outbox. Business logic only ever writes outbox rows (in the transaction of the
// change that causes them); this loop sends them through each platform's deliverer, retries
// with exponential backoff and jitter, honours the platform's own retry-after, and moves a row
// that cannot be delivered to the dead letters with the reason.
import type { Clock } from '../core/clock.js';
import type { Platform } from '../core/context.js';
import type { OutboxRow, Store } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { Deliverer, DeliveryResult } from './deliverer.js';

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 60 * 60 * 1000;
export const BACKOFF_JITTER = 0.2;
/** How long a row being delivered is reserved; after a crash mid-delivery it is retried then. */
export const CLAIM_MS = 5 * 60 * 1000;

export interface DispatchCounts {
  delivered: number;
  /** Failed attempts that will be retried. */
  failed: number;
  /** Rows moved to the dead letters in this pass. */
  dead: number;
}

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  deliverers: readonly Deliverer[];
  /** Attempts before a row goes to the dead letters (OUTBOX_MAX_ATTEMPTS). */
  maxAttempts: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** In [0, 1); spreads retries so rows that failed together do not retry together. */
  random?: () => number;
  /** Rows read per query; a pass keeps reading until nothing is due. */
  batchSize?: number;
}

export interface Dispatcher {
  /** One pass over the due rows; concurrent calls wait for the running pass and share the next. */
  runOnce(): Promise<DispatchCounts>;
  /** Runs a pass now and then every `intervalMs` (after each pass ends). */
  start(intervalMs: number): void;
  /** Stops after the delivery in flight; resolves once it is recorded. */
  stop(): Promise<void>;
  /** Asks for a pass soon, e.g. right after something was queued; a no-op unless started. */
  wake(): void;
}

/**
 * Delay before retry number `attempt` (1 = after the first failure): 5 s × 2^(attempt−1),
 * spread by ±20 %, at most 1 h.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1);
  const spread = 1 + (random() * 2 - 1) * BACKOFF_JITTER;
  return Math.round(Math.min(BACKOFF_MAX_MS, base * spread));
}

/**
 * When a failed row is tried again. A platform's retry-after is its own statement of when it
 * will take the message: it is used as given (never shortened); otherwise the backoff applies.
 */
export function retryDelay(attempt: number, result: { retryAfterMs?: number }, random: () => number): number {
  if (result.retryAfterMs !== undefined && result.retryAfterMs > 0) return Math.ceil(result.retryAfterMs);
  return backoffDelay(attempt, random);
}

const recipientKey = (row: OutboxRow): string => `${row.platform}\u0000${row.recipient}`;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, clock, maxAttempts, logger } = options;
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 50;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number of at least 1; got ${maxAttempts}`);
  const byPlatform = new Map<Platform, Deliverer>();
  for (const d of options.deliverers) {
    if (byPlatform.has(d.platform)) throw new Error(`two deliverers for platform ${d.platform}`);
    byPlatform.set(d.platform, d);
  }
  const platforms = [...byPlatform.keys()];

  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let interval: number | null = null;
  let inFlight: Promise<DispatchCounts> | null = null;
  let queued: Promise<DispatchCounts> | null = null;

  async function attempt(deliverer: Deliverer, row: OutboxRow): Promise<DeliveryResult> {
    try {
      return await deliverer.deliver(row);
    } catch (e) {
      return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Records one attempt's outcome; returns which count it adds to. */
  function record(row: OutboxRow, result: DeliveryResult): keyof DispatchCounts {
    const now = clock.now();
    if (result.ok) {
      store.transaction((tx) => tx.outbox.markDelivered(row.id, now.toISOString()));
      return 'delivered';
    }
    const attempts = row.attempts + 1;
    const exhausted = attempts >= maxAttempts;
    const dead = !result.retryable || exhausted;
    const lastError = !result.retryable
      ? `not retryable: ${result.error}`
      : exhausted
        ? `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${result.error}`
        : result.error;
    const nextAttemptAt = dead ? now.toISOString() : new Date(now.getTime() + retryDelay(attempts, result, random)).toISOString();
    store.transaction((tx) => tx.outbox.markFailed(row.id, { attempts, nextAttemptAt, lastError, dead }));
    if (dead) logger.warn({ outboxId: row.id, key: row.key, platform: row.platform, attempts, error: lastError }, 'notification moved to the dead letters');
    else logger.info({ outboxId: row.id, key: row.key, platform: row.platform, attempts, nextAttemptAt, error: result.error }, 'notification delivery failed; will retry');
    return dead ? 'dead' : 'failed';
  }

  async function pass(): Promise<DispatchCounts> {
    const counts: DispatchCounts = { delivered: 0, failed: 0, dead: 0 };
    if (platforms.length === 0) return counts;
    // A row is tried at most once per pass, and once a recipient's row fails and waits for its
    // retry, their later rows wait too (the store does the same across passes): each person
    // gets their messages in the order they were written.
    const tried = new Set<number>();
    const held = new Set<string>();
    for (;;) {
      if (stopping) return counts;
      const now = clock.now().toISOString();
      const rows = store
        .transaction((tx) => tx.outbox.due(now, batchSize + tried.size, platforms))
        .filter((r) => !tried.has(r.id) && !held.has(recipientKey(r)));
      if (rows.length === 0) return counts;
      for (const row of rows.slice(0, batchSize)) {
        if (stopping) return counts;
        if (held.has(recipientKey(row))) continue;
        tried.add(row.id);
        const deliverer = byPlatform.get(row.platform);
        if (!deliverer) continue;
        const until = new Date(clock.now().getTime() + CLAIM_MS).toISOString();
        if (!store.transaction((tx) => tx.outbox.claim(row.id, row.nextAttemptAt, until))) {
          // Another process is delivering it: its recipient's later rows wait for that.
          held.add(recipientKey(row));
          continue;
        }
        const outcome = record(row, await attempt(deliverer, row));
        counts[outcome] += 1;
        if (outcome === 'failed') held.add(recipientKey(row));
      }
    }
  }

  function runOnce(): Promise<DispatchCounts> {
    if (!inFlight) {
      inFlight = pass().finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
    queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return runOnce();
      });
    return queued;
  }

  function tick(): void {
    timer = null;
    runOnce()
      .catch((e: unknown) => logger.error({ err: e }, 'outbox dispatch pass failed'))
      .finally(() => {
        if (interval !== null && !stopping && timer === null) {
          timer = setTimeout(tick, interval);
          timer.unref();
        }
      });
  }

  return {
    runOnce,
    start(intervalMs) {
      if (interval !== null) return;
      if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive; got ${intervalMs}`);
      interval = intervalMs;
      stopping = false;
      tick();
    },
    async stop() {
      stopping = true;
      interval = null;
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        await (queued ?? inFlight);
      } catch (e) {
        logger.error({ err: e }, 'outbox dispatch pass failed while stopping');
      } finally {
        stopping = false;
      }
    },
    wake() {
      if (interval === null || stopping) return;
      runOnce().catch((e: unknown) => logger.error({ err: e }, 'outbox dispatch pass failed'));
    },
  };
}
