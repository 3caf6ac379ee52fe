// The chat adapters of one process, built from the configuration. The console is always there
// (it is the fallback platform for notifications); every chat platform whose credentials are
// set adds itself through a factory listed in CHAT_PLATFORMS. A factory mounts its inbound
// endpoints on the shared HTTP server and hands back the deliverer the outbox dispatcher uses.
// A platform's module (and its SDK: Bolt, botbuilder) is imported only when its credentials are
// set, so the CLI and a console-only `serve` never load them.
import { createConsoleOutlet, type ConsoleOutlet } from '../adapters/console/outlet.js';
import type { ChatRegistry } from './chat/registry.js';
import type { ReportFiles } from './chat/types.js';
import type { Config } from './config.js';
import type { Core } from './core/context.js';
import type { Logger } from './logger.js';
import type { Deliverer } from './outbox/deliverer.js';
import type { HttpServer } from './server/http.js';
import type { Platform } from './core/shared/actor.js';

export interface AdapterContext {
  config: Config;
  core: Core;
  /** The chat surface every adapter serves. */
  registry: ChatRegistry;
  logger: Logger;
  /** The process's one HTTP server; adapters mount their endpoints here before it listens. */
  http: HttpServer;
  /** Asks the dispatcher for a pass now, e.g. after an inbound command queued notifications. */
  wakeDispatcher(): void;
  /** Makes the files chat commands hand out (src/app.ts); each platform hands them over its own way. */
  reports?: ReportFiles;
}

export interface Adapter {
  platform: Platform;
  /** How it is reached, shown in /healthz: e.g. `POST /slack/events`, `socket mode`, `terminal`. */
  mode: string;
  deliverer: Deliverer;
  /** Runs once the HTTP server listens (e.g. opens a Socket Mode connection). */
  start?(): Promise<void>;
  /** Stops taking inbound work; runs at shutdown before the dispatcher drains. */
  stop?(): Promise<void>;
  /** Extra details for /healthz; a thrown error is reported, not fatal. */
  health?(): Record<string, unknown>;
}

/** Returns null when its platform is not configured (e.g. `config.slack === null`). */
export type AdapterFactory = (ctx: AdapterContext) => Adapter | null;

export interface ChatPlatform {
  platform: Exclude<Platform, 'console'>;
  /** Whether the configuration enables it; only then is its module loaded. */
  configured(config: Config): boolean;
  load(): Promise<AdapterFactory>;
}

/** Chat platforms beside the console. Add a platform by adding its entry here. */
export const CHAT_PLATFORMS: readonly ChatPlatform[] = [
  { platform: 'slack', configured: (c) => c.slack !== null, load: async () => (await import('../adapters/slack/app.js')).slackAdapterFactory },
  { platform: 'teams', configured: (c) => c.teams !== null, load: async () => (await import('../adapters/teams/adapter.js')).teamsAdapterFactory },
];

/** The factories of the platforms this configuration enables, their modules loaded now. */
export async function loadChatAdapters(config: Config, platforms: readonly ChatPlatform[] = CHAT_PLATFORMS): Promise<AdapterFactory[]> {
  return Promise.all(platforms.filter((p) => p.configured(config)).map((p) => p.load()));
}

export interface ConsoleAdapter extends Adapter {
  platform: 'console';
  outlet: ConsoleOutlet;
}

export function createConsoleAdapter(output: NodeJS.WritableStream): ConsoleAdapter {
  const outlet = createConsoleOutlet(output);
  return {
    platform: 'console',
    mode: 'terminal',
    deliverer: outlet.deliverer,
    outlet,
    health: () => ({ session: outlet.session ? outlet.session.person.email : null }),
  };
}

/** The console first, then every configured chat platform. */
export function buildAdapters(ctx: AdapterContext, consoleOutput: NodeJS.WritableStream, factories: readonly AdapterFactory[]): { console: ConsoleAdapter; all: Adapter[] } {
  const consoleAdapter = createConsoleAdapter(consoleOutput);
  const chat = factories.map((f) => f(ctx)).filter((a): a is Adapter => a !== null);
  return { console: consoleAdapter, all: [consoleAdapter, ...chat] };
}
