// The Microsoft Teams adapter: botbuilder's CloudAdapter at `POST /api/messages` on the shared
// HTTP server, authenticated with the bot's Entra app registration. Anonymous mode (no
// authentication either way) exists for local testing against the Bot Framework Emulator or a
// fake connector, and is refused unless the server listens on a loopback address only: an
// unauthenticated bot on a reachable address would act on anyone's forged activities and post
// to whatever service URL they name.
//
// A request is checked in the order that costs least and tells least: a token at all, a JSON
// body within bounds, the activity envelope (400), then the token itself (401, with a body that
// repeats nothing of the request), and only then does botbuilder run the turn.
import type { IncomingMessage } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AdapterContext, AdapterFactory, Adapter } from '../../src/adapters.js';
import { createChat } from '../../src/chat/pipeline.js';
import type { ReportFiles } from '../../src/chat/types.js';
import { teamsFileHandover } from './file-handover.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import { anonymousHostProblem, type Config } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import type { Logger } from '../../src/logger.js';
import type { Deliverer } from '../../src/outbox/deliverer.js';
import type { HttpServer, Listener } from '../../src/server/http.js';
import { checkActivity } from './activity-shape.js';
import { createBotLogic } from './bot.js';
import { createTeamsDeliverer } from './deliverer.js';
import { HttpBodyError, readJsonObject } from './http-shim.js';

export const MESSAGES_PATH = '/api/messages';

/** The one answer to a request whose token is missing or does not authenticate. */
export const UNAUTHORIZED = 'unauthorized: the request does not carry a valid Bot Framework token';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** botbuilder's CloudAdapter, with its turn runner reachable for a request authenticated beforehand. */
class TeamsCloudAdapter extends CloudAdapter {
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** Token failures (bad, expired, wrong audience, unknown key) are 401; keys that cannot be loaded are 503. */
function authFailureStatus(e: unknown): 401 | 503 {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { statusCode?: unknown; name?: unknown };
  if (typeof err.statusCode === 'number' && err.statusCode >= 500) return 503;
  if (err.name === 'FetchError') return 503;
  return 401;
}

const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};

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
  /** The chat surface this adapter serves (commands, forms, buttons, pickers). */
  registry: ChatRegistry;
  logger: Logger;
  /** Asks the outbox dispatcher for a pass, after a turn that may have queued notifications. */
  wakeDispatcher?: () => void;
  /**
   * More ConfigurationBotFrameworkAuthentication settings (e.g. a sovereign cloud's endpoints);
   * tests point `ToBotFromChannelOpenIdMetadataUrl` at a local key server with it.
   */
  botFrameworkSettings?: Record<string, string>;
  /** Makes the files a command hands out (src/app.ts); Teams gives a short-lived link to them. */
  reports?: ReportFiles;
}

export interface TeamsAdapter {
  /** Mounts `POST /api/messages` on the shared server. */
  mount(http: HttpServer): void;
  deliverer: Deliverer;
  /** Whether authentication is off (anonymous local mode). */
  anonymous: boolean;
  stop(): Promise<void>;
}

export function createTeamsAdapter({ config, core, registry, logger: parent, wakeDispatcher, botFrameworkSettings, reports }: TeamsAdapterOptions): TeamsAdapter {
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
          ...botFrameworkSettings,
        },
  );
  const adapter = new TeamsCloudAdapter(auth);
  const tenantId = teams.tenantId;
  const files = reports ? { files: { reports, handover: teamsFileHandover } } : {};
  const logic = createBotLogic({ chat: createChat({ core, registry, log: logger, ...files }), logger, allowedTenants: teams.allowedTenants, anonymous });
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
    const authorization = headerOf(req, 'authorization');
    if (!anonymous && !authorization) return reply(401, UNAUTHORIZED);
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req);
    } catch (e) {
      if (e instanceof HttpBodyError) return reply(e.status, e.message);
      throw e;
    }
    const checked = checkActivity(body);
    if (!checked.ok) return reply(400, checked.problem);
    const { activity } = checked;
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await auth.authenticateRequest(activity, authorization ?? '');
    } catch (e) {
      // botbuilder's reason can quote the token's claims; it goes to the log, not to the caller.
      const status = authFailureStatus(e);
      logger.warn({ reason: e instanceof Error ? e.message : String(e), status, channelId: activity.channelId }, 'teams: a request was refused: its token did not authenticate');
      return reply(status, status === 401 ? UNAUTHORIZED : 'the Bot Framework signing keys could not be loaded; try again later');
    }
    const work = adapter.runTurn(authenticated, activity, logic);
    inFlight.add(work);
    let result: InvokeResponse | undefined;
    try {
      result = await work;
    } finally {
      inFlight.delete(work);
      // A command may have queued notifications (e.g. to a finding's owner): deliver them now.
      wakeDispatcher?.();
    }
    // An invoke's answer, or the replies of an `expectReplies` turn; a plain message gets 200.
    if (result?.body === undefined || result.body === null) {
      res.writeHead(result?.status ?? 200);
      res.end();
      return;
    }
    res.writeHead(result.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(result.body));
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

/** The factory `src/adapters.ts` lists in CHAT_PLATFORMS: null when Teams is not configured. */
export const teamsAdapterFactory: AdapterFactory = (ctx: AdapterContext): Adapter | null => {
  if (!ctx.config.teams) return null;
  const teams = createTeamsAdapter({ config: ctx.config, core: ctx.core, registry: ctx.registry, logger: ctx.logger, wakeDispatcher: ctx.wakeDispatcher, ...(ctx.reports ? { reports: ctx.reports } : {}) });
  teams.mount(ctx.http);
  return {
    platform: 'teams',
    mode: `POST ${MESSAGES_PATH}${teams.anonymous ? ' (anonymous, local testing)' : ''}`,
    deliverer: teams.deliverer,
    stop: () => teams.stop(),
  };
};
