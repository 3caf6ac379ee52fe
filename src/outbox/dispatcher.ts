// Delivers the outbox. Business logic only ever writes outbox rows (in the transaction of the
// change that causes them); this loop sends them through each platform's deliverer, retries
// with exponential backoff and jitter, honours the platform's own retry-after, and moves a row
// that cannot be delivered to the dead letters with the reason. Platforms are independent: each
// has its own lane, and every delivery has a time limit, so a platform that hangs or is down
// holds back only its own notifications.
import type { Clock } from '../core/shared/clock.js';
import type { OutboxRow, Store } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { Deliverer, DeliveryResult } from './deliverer.js';
import type { Platform } from '../core/shared/actor.js';
import { combineMessages, planBundles } from '../core/shared/bundle.js';

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
  /** How long one delivery may take before it is abandoned and retried (default 30 s). */
  deliveryTimeoutMs?: number;
  /**
   * Send everything one person has due at once as one message (default true; issue 15). Off,
   * each row is its own message: what the retry tests of single rows use.
   */
  bundle?: boolean;
}

export interface Dispatcher {
  /**
   * One pass over the due rows of every platform, the platforms side by side; concurrent calls
   * wait for the running pass and share the next.
   */
  runOnce(): Promise<DispatchCounts>;
  /** Runs a pass on each platform now and then every `intervalMs` (after that platform's pass ends). */
  start(intervalMs: number): void;
  /** Stops after the deliveries in flight (one per platform at most); resolves once they are recorded. */
  stop(): Promise<void>;
  /** Asks for a pass soon, e.g. right after something was queued; a no-op unless started. */
  wake(): void;
  /**
   * Holds a platform's notifications: they stay pending and are not tried (so not dead-lettered)
   * until `resume`, e.g. while the platform could not be started.
   */
  pause(platform: Platform): void;
  /** Delivers a paused platform's notifications again, starting with a pass now. */
  resume(platform: Platform): void;
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

/**
 * Rows grouped by person, in the order of each person's first row; a channel post is never
 * bundled (it goes at its own scheduled time, as posted).
 */
function byRecipient(rows: readonly OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = row.recipient.startsWith('channel:') ? `${recipientKey(row)}\u0000${row.id}` : recipientKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

/** The most rows one person's bundle gathers in one pass (each bundle is then split to the platforms' limits). */
const MAX_BUNDLE_ROWS = 500;

/** How long one delivery may take before it counts as failed (and is retried): 30 s. */
export const DELIVERY_TIMEOUT_MS = 30_000;

const durationText = (ms: number): string => (ms < 1000 || ms % 1000 !== 0 ? `${ms} ms` : `${ms / 1000} s`);

const NO_COUNTS: DispatchCounts = { delivered: 0, failed: 0, dead: 0 };

/**
 * One platform's queue. Each platform is dispatched on its own lane (its own passes, timer and
 * delivery in flight), so a slow or unreachable platform only delays its own notifications.
 */
interface Lane {
  platform: Platform;
  deliverer: Deliverer;
  paused: boolean;
  inFlight: Promise<DispatchCounts> | null;
  queued: Promise<DispatchCounts> | null;
  timer: NodeJS.Timeout | null;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, clock, maxAttempts, logger } = options;
  const random = options.random ?? Math.random;
  const batchSize = options.batchSize ?? 50;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS;
  const bundle = options.bundle ?? true;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number of at least 1; got ${maxAttempts}`);
  if (!(deliveryTimeoutMs > 0)) throw new RangeError(`deliveryTimeoutMs must be positive; got ${deliveryTimeoutMs}`);
  const lanes = new Map<Platform, Lane>();
  for (const d of options.deliverers) {
    if (lanes.has(d.platform)) throw new Error(`two deliverers for platform ${d.platform}`);
    lanes.set(d.platform, { platform: d.platform, deliverer: d, paused: false, inFlight: null, queued: null, timer: null });
  }

  let stopping = false;
  let interval: number | null = null;

  /**
   * One delivery, bounded in time. A deliverer that never answers (a connection that hangs) is
   * abandoned after the timeout and the row retried later; if the platform did take the message
   * meanwhile, it arrives twice: delivery is at least once.
   */
  async function attempt(deliverer: Deliverer, row: OutboxRow): Promise<DeliveryResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, retryable: true, error: `${deliverer.platform} did not answer within ${durationText(deliveryTimeoutMs)}` }), deliveryTimeoutMs);
    });
    const delivery = (async (): Promise<DeliveryResult> => {
      try {
        return await deliverer.deliver(row);
      } catch (e) {
        return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
      }
    })();
    try {
      return await Promise.race([delivery, timeout]);
    } finally {
      clearTimeout(timer);
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

  async function pass(lane: Lane): Promise<DispatchCounts> {
    const counts: DispatchCounts = { ...NO_COUNTS };
    // A row is tried at most once per pass, and once a recipient's row fails and waits for its
    // retry, their later rows wait too (the store does the same across passes): each person
    // gets their messages in the order they were written.
    const tried = new Set<number>();
    const held = new Set<string>();
    for (;;) {
      if (stopping || lane.paused) return counts;
      const now = clock.now().toISOString();
      const rows = store
        .transaction((tx) => tx.outbox.due(now, batchSize + tried.size, [lane.platform]))
        .filter((r) => !tried.has(r.id) && !held.has(recipientKey(r)));
      if (rows.length === 0) return counts;
      for (const batchGroup of byRecipient(rows.slice(0, batchSize))) {
        if (stopping || lane.paused) return counts;
        const first = batchGroup[0] as OutboxRow;
        if (held.has(recipientKey(first))) continue;
        // A person's due rows may be spread over several batches (a thousand audits starting at
        // once): the bundle takes all of them, so they still get one message.
        const group =
          bundle && !first.recipient.startsWith('channel:') && batchGroup.length < MAX_BUNDLE_ROWS
            ? store.transaction((tx) => tx.outbox.due(now, MAX_BUNDLE_ROWS, [lane.platform], first.recipient)).filter((r) => !tried.has(r.id))
            : batchGroup;
        const claimed: OutboxRow[] = [];
        const claimedUntil = new Map<number, string>();
        for (const row of group) {
          tried.add(row.id);
          const until = new Date(clock.now().getTime() + CLAIM_MS).toISOString();
          if (!store.transaction((tx) => tx.outbox.claim(row.id, row.nextAttemptAt, until))) {
            // Another process is delivering it: its recipient's later rows wait for that.
            held.add(recipientKey(row));
            break;
          }
          claimed.push(row);
          claimedUntil.set(row.id, until);
        }
        // Everything one person has due now goes as one message (several only past the
        // platforms' size limits). A bundle that fails and will be retried is retried whole, so
        // its parts stay together; one the platform refuses outright is tried part by part, so
        // one bad part cannot take the others to the dead letters.
        const plan = bundle ? planBundles(claimed.map((r) => r.message)) : claimed.map((_, i) => [i]);
        let failure: DeliveryResult | null = null;
        const settle = (row: OutboxRow, result: DeliveryResult): void => {
          const outcome = record(row, result);
          counts[outcome] += 1;
          if (outcome === 'failed') {
            held.add(recipientKey(row));
            failure ??= result;
          }
        };
        for (const indices of plan) {
          const parts = indices.map((i) => claimed[i] as OutboxRow);
          if (failure) {
            // Not tried: handed back as they were, to wait behind the row that failed.
            for (const row of parts) store.transaction((tx) => tx.outbox.claim(row.id, claimedUntil.get(row.id) ?? row.nextAttemptAt, row.nextAttemptAt));
            continue;
          }
          const head = parts[0] as OutboxRow;
          const result: DeliveryResult = (await attempt(lane.deliverer, parts.length === 1 ? head : { ...head, message: combineMessages(parts.map((r) => r.message)), parts: parts.map((r) => r.key) }));
          if (result.ok || result.retryable || parts.length === 1) {
            for (const row of parts) settle(row, result);
            continue;
          }
          for (const row of parts) {
            if (failure) store.transaction((tx) => tx.outbox.claim(row.id, claimedUntil.get(row.id) ?? row.nextAttemptAt, row.nextAttemptAt));
            else settle(row, await attempt(lane.deliverer, row));
          }
        }
      }
    }
  }

  /** A pass on one lane; a call while one runs waits for it and shares the next. */
  function runLane(lane: Lane): Promise<DispatchCounts> {
    if (!lane.inFlight) {
      lane.inFlight = pass(lane).finally(() => {
        lane.inFlight = null;
      });
      return lane.inFlight;
    }
    lane.queued ??= lane.inFlight
      .catch(() => undefined)
      .then(() => {
        lane.queued = null;
        return runLane(lane);
      });
    return lane.queued;
  }

  // Concurrent runOnce calls that share every lane's pass share one promise too.
  let shared: { parts: Promise<DispatchCounts>[]; all: Promise<DispatchCounts> } | null = null;

  function runOnce(): Promise<DispatchCounts> {
    const parts = [...lanes.values()].map(runLane);
    if (shared && shared.parts.length === parts.length && shared.parts.every((p, i) => p === parts[i])) return shared.all;
    const all = Promise.all(parts).then((results) =>
      results.reduce((sum, c) => ({ delivered: sum.delivered + c.delivered, failed: sum.failed + c.failed, dead: sum.dead + c.dead }), { ...NO_COUNTS }),
    );
    shared = { parts, all };
    return all;
  }

  function tick(lane: Lane): void {
    lane.timer = null;
    runLane(lane)
      .catch((e: unknown) => logger.error({ err: e, platform: lane.platform }, 'outbox dispatch pass failed'))
      .finally(() => {
        if (interval !== null && !stopping && lane.timer === null) {
          lane.timer = setTimeout(() => tick(lane), interval);
          lane.timer.unref();
        }
      });
  }

  function wakeLane(lane: Lane): void {
    if (interval === null || stopping || lane.paused) return;
    runLane(lane).catch((e: unknown) => logger.error({ err: e, platform: lane.platform }, 'outbox dispatch pass failed'));
  }

  function laneOf(platform: Platform): Lane {
    const lane = lanes.get(platform);
    if (!lane) throw new Error(`no deliverer for platform ${platform}`);
    return lane;
  }

  return {
    runOnce,
    start(intervalMs) {
      if (interval !== null) return;
      if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive; got ${intervalMs}`);
      interval = intervalMs;
      stopping = false;
      for (const lane of lanes.values()) tick(lane);
    },
    async stop() {
      stopping = true;
      interval = null;
      const running: Promise<DispatchCounts>[] = [];
      for (const lane of lanes.values()) {
        if (lane.timer) clearTimeout(lane.timer);
        lane.timer = null;
        const current = lane.queued ?? lane.inFlight;
        if (current) running.push(current);
      }
      const results = await Promise.allSettled(running);
      for (const r of results) if (r.status === 'rejected') logger.error({ err: r.reason }, 'outbox dispatch pass failed while stopping');
      stopping = false;
    },
    wake() {
      for (const lane of lanes.values()) wakeLane(lane);
    },
    pause(platform) {
      laneOf(platform).paused = true;
    },
    resume(platform) {
      const lane = laneOf(platform);
      if (!lane.paused) return;
      lane.paused = false;
      wakeLane(lane);
    },
  };
}
