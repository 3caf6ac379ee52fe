// Starts the chat platforms of `auditbot serve`, each on its own and side by side: a platform that
// cannot start (Slack's auth.test fails, Socket Mode cannot connect) is reported as degraded
// and tried again with backoff in the background, while the HTTP server, the scheduler and the
// other platforms run. Its notifications wait in the outbox (the dispatcher holds its lane)
// instead of being tried and dead-lettered while it is down.
import type { Adapter } from './adapters.js';
import type { Clock } from './core/shared/clock.js';
import { redactSecrets, type Logger } from './logger.js';
import type { Dispatcher } from './outbox/dispatcher.js';
import type { Platform } from './core/shared/actor.js';

/** First retry of a failed start after 5 s, doubling, at most every 5 minutes, ±20 % jitter. */
export const START_RETRY_BASE_MS = 5_000;
export const START_RETRY_MAX_MS = 5 * 60_000;

export type PlatformStatus =
  | { status: 'starting'; attempts: number }
  | { status: 'ok'; since: string }
  | { status: 'degraded'; since: string; reason: string; attempts: number; nextAttemptAt: string | null };

export interface PlatformStartsOptions {
  adapters: readonly Adapter[];
  dispatcher: Pick<Dispatcher, 'pause' | 'resume'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
  retry?: { baseMs?: number; maxMs?: number };
  random?: () => number;
}

export interface PlatformStarts {
  /** Where each platform that needs starting stands; platforms without a start are absent. */
  status(platform: Platform): PlatformStatus | undefined;
  /** Platforms whose start failed and is being retried. */
  degraded(): Platform[];
  /** Resolves once every platform's first attempt has ended, started or not. */
  settled: Promise<void>;
  /** Cancels pending retries and waits for an attempt in flight. */
  stop(): Promise<void>;
}

const reasonOf = (e: unknown): string => redactSecrets(e instanceof Error ? e.message : String(e));

export function startPlatforms(options: PlatformStartsOptions): PlatformStarts {
  const { dispatcher, clock, logger } = options;
  const baseMs = options.retry?.baseMs ?? START_RETRY_BASE_MS;
  const maxMs = options.retry?.maxMs ?? START_RETRY_MAX_MS;
  const random = options.random ?? Math.random;
  const states = new Map<Platform, PlatformStatus>();
  const timers = new Set<NodeJS.Timeout>();
  const attempts = new Set<Promise<void>>();
  let stopped = false;

  const delay = (failures: number): number => {
    const base = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
    return Math.round(Math.min(maxMs, base * (1 + (random() * 2 - 1) * 0.2)));
  };

  function attempt(adapter: Adapter & { start: () => Promise<void> }, failures: number): Promise<void> {
    const run = (async () => {
      try {
        await adapter.start();
        states.set(adapter.platform, { status: 'ok', since: clock.now().toISOString() });
        if (failures > 0) logger.info({ platform: adapter.platform, attempts: failures + 1 }, `${adapter.platform} started after ${failures} failed attempt${failures === 1 ? '' : 's'}`);
        if (!stopped) dispatcher.resume(adapter.platform);
      } catch (e) {
        const count = failures + 1;
        const previous = states.get(adapter.platform);
        const since = previous?.status === 'degraded' ? previous.since : clock.now().toISOString();
        const reason = reasonOf(e);
        if (stopped) {
          states.set(adapter.platform, { status: 'degraded', since, reason, attempts: count, nextAttemptAt: null });
          return;
        }
        const wait = delay(count);
        states.set(adapter.platform, { status: 'degraded', since, reason, attempts: count, nextAttemptAt: new Date(clock.now().getTime() + wait).toISOString() });
        logger.warn({ platform: adapter.platform, attempts: count, retryInMs: wait, reason }, `${adapter.platform} could not start; the rest runs and it is tried again in ${Math.ceil(wait / 1000)} s`);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) void attempt(adapter, count);
        }, wait);
        timer.unref();
        timers.add(timer);
      }
    })();
    attempts.add(run);
    void run.finally(() => attempts.delete(run));
    return run;
  }

  const first: Promise<void>[] = [];
  for (const adapter of options.adapters) {
    const start = adapter.start?.bind(adapter);
    if (!start) continue;
    states.set(adapter.platform, { status: 'starting', attempts: 0 });
    dispatcher.pause(adapter.platform);
    first.push(attempt({ ...adapter, start }, 0));
  }

  return {
    status: (platform) => states.get(platform),
    degraded: () => [...states].filter(([, s]) => s.status === 'degraded').map(([p]) => p),
    settled: Promise.all(first).then(() => undefined),
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...attempts]);
    },
  };
}
