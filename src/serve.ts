// `auditbot serve`: one process running the chat adapters, the outbox dispatcher and the
// scheduler behind one HTTP server that also answers GET /healthz. A chat platform that cannot
// start is degraded, not fatal: it is retried in the background while the rest runs. Shutdown
// runs in the order that loses nothing: stop taking work, stop the scheduler, let deliveries in
// flight finish, then close the database.
import type { AddressInfo } from 'node:net';
import { buildAdapters, loadChatAdapters, type Adapter, type AdapterFactory, type ConsoleAdapter } from './adapters.js';
import type { App } from './app.js';
import { defaultRegistry } from './chat/default-registry.js';
import type { ChatRegistry } from './chat/registry.js';
import type { Config } from './config.js';
import { AuditbotError } from './core/errors.js';
import { createDispatcher, type Dispatcher } from './outbox/dispatcher.js';
import { startPlatforms, type PlatformStarts } from './platform-starts.js';
import { buildJobs } from './scheduler/jobs.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import type { Logger } from './logger.js';
import { createHttpServer, type HealthReport } from './server/http.js';
import { mountCalendarFeed } from './calendar/feed-route.js';
import { mountReviewPackLinks } from './server/review-pack-route.js';

/** How often the dispatcher looks for due notifications when nothing wakes it sooner. */
export const DISPATCH_INTERVAL_MS = 1_000;

export interface ServeOptions {
  config: Config;
  app: App;
  /** Where console notifications print while no console session is attached. */
  io: { output: NodeJS.WritableStream };
  /** Chat platform factories; tests pass their own. */
  adapters?: readonly AdapterFactory[];
  /** The chat surface every adapter serves (default: every capability's). */
  registry?: ChatRegistry;
  dispatchIntervalMs?: number;
  /** How long one delivery may take before it is retried (the dispatcher's default: 30 s). */
  deliveryTimeoutMs?: number;
  /** Backoff for a platform that could not start (default 5 s doubling, at most 5 minutes). */
  startRetry?: { baseMs?: number; maxMs?: number };
}

export interface Serve {
  address: AddressInfo;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  console: ConsoleAdapter;
  /** The chat surface the adapters serve; a console session opened beside them serves it too. */
  registry: ChatRegistry;
  adapters: readonly Adapter[];
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  /** The chat platforms' starts: which are running, which are degraded and retried. */
  platforms: PlatformStarts;
  health(): HealthReport;
  /** Graceful shutdown; safe to call more than once (every call waits for the same end). */
  stop(): Promise<void>;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A promise that fails with nobody to handle it (a library's floating promise, such as the one
 * Bolt's receiver once left behind for a signed JSON `null`) would end the process: Node's
 * default. While serving, it is logged with its error and the process goes on: every request
 * and job has its own error handling, so what failed is one piece of work, not the state of the
 * process. Returns a function that restores the default.
 */
export function logUnhandledRejections(logger: Logger): () => void {
  const listener = (reason: unknown) => {
    logger.error({ err: reason }, 'a promise failed and nobody handled it; the process goes on');
  };
  process.on('unhandledRejection', listener);
  return () => process.off('unhandledRejection', listener);
}

/** The scheduler part of /healthz: whether cron is armed, each job's slots, each job's latest run. */
function schedulerHealth(scheduler: Scheduler) {
  const status = scheduler.status();
  return {
    running: status.running,
    timezone: status.timezone,
    jobs: status.jobs.map((j) => ({ name: j.name, cron: j.cron, running: j.running, nextRun: j.nextRun })),
    lastRuns: Object.fromEntries(
      status.jobs.map((j) => [
        j.name,
        j.lastRun && { trigger: j.lastRun.trigger, scheduledFor: j.lastRun.scheduledFor, startedAt: j.lastRun.startedAt, finishedAt: j.lastRun.finishedAt, outcome: j.lastRun.outcome, counts: j.lastRun.counts, error: j.lastRun.error },
      ]),
    ),
  };
}

export async function startServe(options: ServeOptions): Promise<Serve> {
  const { config, app } = options;
  const { core } = app;
  const registry = options.registry ?? defaultRegistry;
  const logger = app.logger.child({ component: 'serve' });
  const factories = options.adapters ?? (await loadChatAdapters(config));
  let stopping = false;
  let schedulerArmed = false;

  let dispatcher: Dispatcher | null = null;
  let adapters: Adapter[] = [];
  let platforms: PlatformStarts | null = null;
  const scheduler = createScheduler({ core, jobs: buildJobs(config), logger: app.logger.child({ component: 'scheduler' }) });

  // A degraded platform keeps the answer 200 (`ok` is about the process: database and shutdown);
  // `degraded` lists the platforms that are down, and each one's entry says why.
  const health = (): HealthReport => {
    const adapterState = adapters.map((a) => {
      const started = platforms?.status(a.platform) ?? { status: 'ok' as const };
      try {
        return { platform: a.platform, mode: a.mode, ...started, ...a.health?.() };
      } catch (e) {
        return { platform: a.platform, mode: a.mode, ...started, error: errorText(e) };
      }
    });
    const degraded = platforms?.degraded() ?? [];
    try {
      const outbox = core.store.transaction((tx) => tx.outbox.backlog());
      return { ok: !stopping, database: 'ok', degraded, scheduler: schedulerHealth(scheduler), outbox, adapters: adapterState };
    } catch (e) {
      // The message names the database problem (locked, closed, disk I/O); it holds no secret.
      return { ok: false, database: `error: ${errorText(e)}`, degraded, scheduler: { running: schedulerArmed }, outbox: null, adapters: adapterState };
    }
  };

  const http = createHttpServer({
    health,
    onError: (err, req) => logger.error({ err, method: req.method, url: req.url }, 'request failed'),
  });
  mountCalendarFeed(http, core);
  mountReviewPackLinks(http, core, app.reports);

  const built = buildAdapters(
    { config, core, registry, logger: app.logger, http, wakeDispatcher: () => dispatcher?.wake(), reports: app.reports },
    options.io.output,
    factories,
  );
  adapters = built.all;
  const d = createDispatcher({
    store: core.store,
    clock: core.clock,
    deliverers: adapters.map((a) => a.deliverer),
    maxAttempts: config.outboxMaxAttempts,
    logger: app.logger.child({ component: 'dispatcher' }),
    ...(options.deliveryTimeoutMs !== undefined ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}),
  });
  dispatcher = d;

  let address: AddressInfo;
  try {
    address = await http.listen(config.port, config.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'needs privileges this process does not have' : 'is not an address of this machine';
      throw new AuditbotError('config_invalid', `Cannot listen on ${config.host}:${config.port}: it ${why}. Set PORT (and HOST) to another one; PORT=0 picks a free port.`);
    }
    throw e;
  }
  const restoreRejections = logUnhandledRejections(logger);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  // Each platform starts on its own; until it has, its notifications wait in the outbox.
  const starts = startPlatforms({
    adapters,
    dispatcher: d,
    clock: core.clock,
    logger,
    ...(options.startRetry ? { retry: options.startRetry } : {}),
  });
  platforms = starts;
  d.start(options.dispatchIntervalMs ?? DISPATCH_INTERVAL_MS);
  // Catch-up runs after downtime may take a while; serving does not wait for them.
  const schedulerStarted = scheduler.start().then(
    (caughtUp) => {
      if (caughtUp.length > 0) logger.info({ runs: caughtUp.map((r) => ({ job: r.job, scheduledFor: r.scheduledFor, outcome: r.outcome })) }, 'caught up on jobs missed while stopped');
    },
    (e: unknown) => logger.error({ err: e }, 'the scheduler could not start'),
  );
  schedulerArmed = true;
  logger.info(
    { url, adapters: adapters.map((a) => `${a.platform} (${a.mode})`), jobs: scheduler.jobs.map((j) => `${j.name} (${j.cron})`), timezone: scheduler.timezone, config },
    'auditbot is serving',
  );

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      logger.info('shutting down: no new work is taken');
      const step = async (what: string, fn: () => Promise<void> | void) => {
        logger.info(`shutdown: ${what}`);
        try {
          await fn();
        } catch (e) {
          logger.error({ err: e }, `shutdown: ${what} failed`);
        }
      };
      await step('closing the HTTP server', () => http.close());
      await step('cancelling platform start retries', () => starts.stop());
      for (const a of adapters) await step(`stopping the ${a.platform} adapter`, () => a.stop?.());
      await step('stopping the scheduler', async () => {
        await schedulerStarted;
        await scheduler.stop();
        schedulerArmed = false;
      });
      await step('finishing deliveries in flight', () => d.stop());
      await step('closing the database', () => app.close());
      restoreRejections();
      logger.info('stopped');
    })());

  return { address, url, console: built.console, registry, adapters, dispatcher: d, scheduler, platforms: starts, health, stop };
}

/**
 * Calls `handler` on the first SIGTERM or SIGINT. The listeners are removed after the first
 * signal, so a second one ends the process at once (the way out of a shutdown that hangs).
 * Returns a function that removes them.
 */
export function onShutdownSignal(handler: (signal: NodeJS.Signals) => void): () => void {
  const listener = (signal: NodeJS.Signals) => {
    remove();
    handler(signal);
  };
  const remove = () => {
    process.off('SIGTERM', listener);
    process.off('SIGINT', listener);
  };
  process.on('SIGTERM', listener);
  process.on('SIGINT', listener);
  return remove;
}
