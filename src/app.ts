// Wires the pieces together for one process: configuration, database, store and clock.
import type { Clock } from './core/shared/clock.js';
import type { Core } from './core/context.js';
import { openDatabase, type Db, type OpenMode } from '../db/connection.js';
import { createStore } from '../db/store.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import type { Platform } from './core/shared/actor.js';
import type { ReportFiles } from './chat/types.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * The files chat commands hand out (`review pack`), made outside the core, which stays pure. The
 * chart renderer is loaded on first use: most commands never need it.
 */
export const reportFiles: ReportFiles = {
  async reviewPackHtml(pack) {
    const { reviewPackHtml } = await import('./cli/reports/review-pack-html.js');
    return reviewPackHtml(pack);
  },
};

export interface App {
  config: Config;
  db: Db;
  core: Core;
  logger: Logger;
  /** Given to every chat platform, which hands the files out its own way. */
  reports: ReportFiles;
  close(): void;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Level and destination of the logger made on first use (default: LOG_LEVEL, stderr). */
  log?: { level: string; destination: { write(line: string): unknown } };
  /** How the database is opened (db/connection.ts); by default it is created when missing. */
  mode?: OpenMode;
}

/** Platforms notifications may go to in this process; the console is always there as the fallback. */
export function enabledPlatforms(config: Config): Platform[] {
  const list: Platform[] = [];
  if (config.slack) list.push('slack');
  if (config.teams) list.push('teams');
  list.push('console');
  return list;
}

export function openApp(config: Config, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  let logger = options.logger;
  const db = openDatabase(config.db, options.mode ?? 'create');
  const store = createStore(db, clock);
  const organisation = store.transaction((tx) => tx.organisation.getOrganisation());
  const core: Core = {
    clock,
    store,
    settings: {
      // The organisation file's time zone wins once imported; AUDITBOT_TZ is the default before.
      timezone: organisation?.timezone ?? config.timezone,
      enabledPlatforms: enabledPlatforms(config),
      ...(config.workingHours ? { workingHours: config.workingHours } : {}),
      ...(config.actionDueDays ? { actionDueDays: config.actionDueDays } : {}),
      ...(config.slack?.digestChannel ? { digestSlackChannel: config.slack.digestChannel } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    },
  };
  let closed = false;
  const app: App = {
    config,
    db,
    core,
    reports: reportFiles,
    // Made on first use: exports and listings never log, and need not load the logger.
    get logger() {
      return (logger ??= options.log ? createLogger(options.log.level, options.log.destination) : createLogger(config.logLevel));
    },
    close() {
      if (closed) return;
      closed = true;
      db.$client.close();
    },
  };
  // `audit preview` in chat: the simulation copies this process's database (src/preview.ts),
  // loaded on first use so that other commands never load the scheduler for it.
  core.deliveryPreview = { list: async (options) => (await import('./preview.js')).deliveryPreviewOf(app).list(options) };
  return app;
}
