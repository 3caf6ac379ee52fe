// The Microsoft Teams adapter: botbuilder's CloudAdapter at `POST /api/messages` on the shared
// HTTP server, authenticated with the bot's Entra app registration. Anonymous mode (no
// authentication either way) exists for local testing against the Bot Framework Emulator or a
// fake connector, and is refused unless the server listens on a loopback address only: an
// unauthenticated bot on a reachable address would act on anyone's forged activities and post
// to whatever service URL they name.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { AdapterContext, AdapterFactory, Adapter } from '../../src/adapters.js';
import { anonymousHostProblem, type Config } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import type { Logger } from '../../src/logger.js';
import type { Deliverer } from '../../src/outbox/deliverer.js';
import type { HttpServer, Listener } from '../../src/server/http.js';
import { createBotLogic } from './bot.js';
import { createTeamsDeliverer } from './deliverer.js';
import { HttpBodyError, readJsonObject, shimRequest, shimResponse } from './http-shim.js';

export const MESSAGES_PATH = '/api/messages';

export class TeamsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsConfigError';
  }
}

/**
 * Refuses anonymous mode unless the server binds to loopback only. The configuration check
 * refuses it first (exit 78); this holds for a Config built any other way.
 */
export function assertAnonymousAllowed(host: string): void {
  const problem = anonymousHostProblem(host);
  if (problem) throw new TeamsConfigError(problem);
}

export interface TeamsAdapterOptions {
  config: Config;
  core: Core;
  logger: Logger;
  /** Asks the outbox dispatcher for a pass, after a turn that may have queued notifications. */
  wakeDispatcher?: () => void;
}

export interface TeamsAdapter {
  /** Mounts `POST /api/messages` on the shared server. */
  mount(http: HttpServer): void;
  deliverer: Deliverer;
  /** Whether authentication is off (anonymous local mode). */
  anonymous: boolean;
  stop(): Promise<void>;
}

export function createTeamsAdapter({ config, core, logger: parent, wakeDispatcher }: TeamsAdapterOptions): TeamsAdapter {
  const teams = config.teams;
  if (!teams) throw new TeamsConfigError('Teams is not configured: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or TEAMS_ALLOW_ANONYMOUS=true for local testing.');
  const logger = parent.child({ component: 'teams' });
  const anonymous = teams.allowAnonymous;
  if (anonymous) {
    assertAnonymousAllowed(config.host);
    logger.warn(
      { host: config.host, ignoredAppId: Boolean(teams.appId), allowedTenants: teams.allowedTenants.length > 0 ? teams.allowedTenants : 'any' },
      'teams: anonymous mode, Bot Framework authentication is OFF (local testing only)',
    );
  } else if (teams.allowedTenants.length === 0) {
    // The configuration check refuses this first; a Config built another way must not open the bot to every tenant.
    throw new TeamsConfigError('Teams needs MICROSOFT_APP_TENANT_ID or TEAMS_ALLOWED_TENANTS, so that only your own Microsoft 365 tenant can use the bot.');
  }
  const appId = anonymous ? '' : (teams.appId ?? '');
  const auth = new ConfigurationBotFrameworkAuthentication(
    anonymous
      ? {}
      : {
          MicrosoftAppId: teams.appId,
          MicrosoftAppPassword: teams.appPassword,
          MicrosoftAppType: teams.appType,
          MicrosoftAppTenantId: teams.tenantId,
        },
  );
  const adapter = new CloudAdapter(auth);
  const tenantId = teams.tenantId;
  const logic = createBotLogic({ core, logger, allowedTenants: teams.allowedTenants, anonymous });
  // Errors escaping the bot's own sink (e.g. in botbuilder's middleware) are logged, not printed.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityId: context.activity.id }, 'teams: unhandled turn error');
  };

  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  const handle: Listener = async (req, res) => {
    const reply = (status: number, error: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error }));
    };
    if (stopping) return reply(503, 'shutting down');
    // Without a token the SDK would refuse too, after logging a stack trace to the console.
    if (!anonymous && !req.headers.authorization) return reply(401, 'missing Authorization header');
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req);
    } catch (e) {
      if (e instanceof HttpBodyError) return reply(e.status, e.message);
      throw e;
    }
    const work = adapter.process(shimRequest(req, body), shimResponse(res), logic);
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
      // A command may have queued notifications (e.g. to a finding's owner): deliver them now.
      wakeDispatcher?.();
    }
  };

  return {
    anonymous,
    deliverer: createTeamsDeliverer({ adapter, appId, core, logger, tenantId }),
    mount(http) {
      http.mount('POST', MESSAGES_PATH, handle);
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The factory `src/adapters.ts` lists in CHAT_ADAPTERS: null when Teams is not configured. */
export const teamsAdapterFactory: AdapterFactory = (ctx: AdapterContext): Adapter | null => {
  if (!ctx.config.teams) return null;
  const teams = createTeamsAdapter({ config: ctx.config, core: ctx.core, logger: ctx.logger, wakeDispatcher: ctx.wakeDispatcher });
  teams.mount(ctx.http);
  return {
    platform: 'teams',
    mode: `POST ${MESSAGES_PATH}${teams.anonymous ? ' (anonymous, local testing)' : ''}`,
    deliverer: teams.deliverer,
    stop: () => teams.stop(),
  };
};
