// The Slack adapter: a Bolt 5 app whose listeners are registered by surface (one per file under
// `listeners/`), reached over HTTP at `POST /slack/events` on the process's shared server
// (every request checked by request-guard.ts, then by Bolt's own signature check) or over
// Socket Mode when SLACK_APP_TOKEN is set, plus the outbox deliverer for Slack. Every listener
// acknowledges first, parses its payload and hands it to the chat pipeline (`inbound.ts`);
// what fails outside the pipeline goes to the one error sink (`errors.ts`).
import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import type { Adapter, AdapterFactory } from '../../src/adapters.js';
import { createChat } from '../../src/chat/pipeline.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import type { ReportFiles } from '../../src/chat/types.js';
import type { Config } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import type { Logger } from '../../src/logger.js';
import type { Deliverer } from '../../src/outbox/deliverer.js';
import type { HttpServer, Listener } from '../../src/server/http.js';
import type { SlackDeps } from './deps.js';
import { classifySlackError, createSlackDeliverer } from './deliverer.js';
import { createErrorSink, SlackAdapterError } from './errors.js';
import { slackFileHandover } from './file-handover.js';
import { createHomeRefresher } from './home.js';
import { createIdentityResolver } from './identity.js';
import { registerButtonPress } from './listeners/buttons/button-press.js';
import { registerAuditCommand } from './listeners/commands/audit.js';
import { registerFindingCommand } from './listeners/commands/finding.js';
import { registerAppHomeOpened } from './listeners/events/app-home-opened.js';
import { registerDirectMessage } from './listeners/events/direct-message.js';
import { registerPersonOptions } from './listeners/options/person.js';
import { registerRequirementOptions } from './listeners/options/requirement.js';
import { registerFormSubmission } from './listeners/views/form-submission.js';
import { toSlackLogger } from './log.js';
import { FRESHNESS_SECONDS, guardSlackRequests } from './request-guard.js';
import { createSeenRequests } from './seen-requests.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  config: Config;
  core: Core;
  /** The chat surface this adapter serves (commands, forms, buttons, pickers). */
  registry: ChatRegistry;
  logger: Logger;
  /** Hold each HTTP response until the listener ends (tests read the ack with the outcome). */
  processBeforeResponse?: boolean;
  /** Known bot ids skip Bolt's `auth.test` at start. */
  botId?: string;
  botUserId?: string;
  /** Told when an inbound command may have queued notifications (wakes the dispatcher). */
  onChange?: () => void;
  /** See SlackDeps.identityBudgetMs; default 1.5 s of the trigger's 3 s. */
  identityBudgetMs?: number;
  /** Makes the files a command hands out (src/app.ts); they are uploaded to the person's DM. */
  reports?: ReportFiles;
}

export interface SlackAdapter {
  app: App;
  mode: 'http' | 'socket';
  /** Mounts `POST /slack/events` on the shared server (HTTP mode; nothing in Socket Mode). */
  mount(http: HttpServer): void;
  deliverer: Deliverer;
  /** Checks the token (`auth.test`) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): Record<string, unknown>;
}

/** Slack's answers to auth.test that mean the token itself is wrong, not that Slack is down. */
const TOKEN_REFUSED = /\b(invalid_auth|not_authed|account_inactive|token_revoked|token_expired|no_permission)\b/;

/** Why Slack could not be started, in words an operator can act on (no secrets). */
export function slackStartFailure(error: unknown, socket: boolean, step: 'auth.test' | 'socket'): SlackAdapterError {
  const { error: reason } = classifySlackError(error);
  const message =
    step === 'socket'
      ? `Slack Socket Mode could not connect (${reason}); check SLACK_APP_TOKEN`
      : TOKEN_REFUSED.test(reason)
        ? `Slack refused the bot token (auth.test: ${reason}); check SLACK_BOT_TOKEN${socket ? '' : ' and SLACK_API_URL'}`
        : `Slack did not answer auth.test (${reason})`;
  return new SlackAdapterError('slack_api_failed', message, { cause: error });
}

/**
 * Interactive calls (views.open within the trigger's 3 s) must not queue behind a rate limit
 * or a long retry: one quick retry, then the error sink tells the person.
 */
const interactiveClientOptions = (apiUrl: string | undefined): webApi.WebClientOptions => ({
  ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 300 },
  timeout: 10_000,
});

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, core, logger } = options;
  const slack = config.slack;
  if (!slack) throw new Error('The Slack adapter needs SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN).');
  const socket = slack.appToken !== undefined;
  if (!socket && !slack.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode).');
  const slackLogger = toSlackLogger(logger);

  const common = {
    token: slack.botToken,
    logger: slackLogger,
    clientOptions: interactiveClientOptions(slack.apiUrl),
    convoStore: false as const,
    deferInitialization: true,
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
  };
  let listener: Listener | null = null;
  let app: App;
  if (socket) {
    app = new App({ ...common, appToken: slack.appToken, socketMode: true });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret as string,
      // Bolt's signature verification stays on behind our own checks (request-guard.ts).
      signatureVerification: true,
      endpoints: SLACK_EVENTS_PATH,
      processBeforeResponse: options.processBeforeResponse ?? false,
      logger: slackLogger,
    });
    app = new App({ ...common, receiver });
    // Our own checks (size, content type, signature and freshness either way, replays, the
    // body's shape) run before Bolt sees a request; Bolt's verification stays on behind them.
    listener = guardSlackRequests(receiver.requestListener, {
      signingSecret: slack.signingSecret as string,
      seen: createSeenRequests(core, { windowSeconds: FRESHNESS_SECONDS, now: Date.now }),
      logger: logger.child({ component: 'slack-requests' }),
    });
  }

  const sink = createErrorSink(logger);
  const identity = createIdentityResolver(core, app.client, logger);
  const changed = options.onChange ?? (() => undefined);
  const deps: SlackDeps = {
    core,
    chat: createChat({ core, registry: options.registry, log: logger, ...(options.reports ? { files: { reports: options.reports, handover: slackFileHandover(app.client) } } : {}) }),
    logger,
    sink,
    identity,
    changed,
    identityBudgetMs: options.identityBudgetMs ?? 1_500,
    home: createHomeRefresher({ core, client: app.client, logger }),
  };

  registerFindingCommand(app, deps);
  registerAuditCommand(app, deps);
  registerFormSubmission(app, deps);
  registerButtonPress(app, deps);
  registerRequirementOptions(app, deps);
  registerPersonOptions(app, deps);
  registerAppHomeOpened(app, deps);
  registerDirectMessage(app, deps);
  // Errors outside any listener (authorisation, a malformed payload): logged with a reference.
  app.error(async (error) => {
    sink.log(error, 'bolt');
  });

  const outbound = createSlackDeliverer({ core, logger, token: slack.botToken, ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}) });
  // A notification means the person's work changed: their App Home follows it. The refresh runs
  // after the delivery is reported, so a slow views.publish never holds the row (which would be
  // sent again if the delivery timed out); stop() waits for the refreshes still running.
  const refreshing = new Set<Promise<void>>();
  let stopped = false;
  const deliverer: Deliverer = {
    platform: 'slack',
    async deliver(row) {
      const result = await outbound.deliver(row);
      if (result.ok && !stopped && !row.recipient.startsWith('channel:')) {
        const person = core.store.transaction((tx) => tx.organisation.getPerson(row.recipient));
        if (person?.active) {
          const refresh = deps.home.refresh(person).finally(() => refreshing.delete(refresh));
          refreshing.add(refresh);
        }
      }
      return result;
    },
  };

  let started = false;
  return {
    app,
    mode: socket ? 'socket' : 'http',
    mount(http) {
      const guarded = listener;
      if (!guarded) return;
      // Until Slack is started (auth.test passed) Bolt cannot authorise a request: Slack is told
      // to come back instead of getting an error, and retries its events.
      http.mount('POST', SLACK_EVENTS_PATH, (req, res) => {
        if (started) return guarded(req, res);
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '30' });
        res.end(JSON.stringify({ error: 'Auditbot is not connected to Slack yet; try again shortly' }));
      });
    },
    deliverer,
    async start() {
      if (started) return;
      try {
        await app.init();
      } catch (e) {
        throw slackStartFailure(e, socket, 'auth.test');
      }
      if (socket) {
        try {
          await app.start();
        } catch (e) {
          throw slackStartFailure(e, socket, 'socket');
        }
      }
      started = true;
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...refreshing]);
      if (!started) return;
      started = false;
      if (socket) await app.stop();
    },
    health: () => ({ mode: socket ? 'socket mode' : `POST ${SLACK_EVENTS_PATH}`, started }),
  };
}

/** The composition point's factory (src/adapters.ts): null when Slack is not configured. */
export const slackAdapterFactory: AdapterFactory = (ctx): Adapter | null => {
  if (!ctx.config.slack) return null;
  const slack = createSlackAdapter({ config: ctx.config, core: ctx.core, registry: ctx.registry, logger: ctx.logger, onChange: () => ctx.wakeDispatcher(), ...(ctx.reports ? { reports: ctx.reports } : {}) });
  slack.mount(ctx.http);
  return {
    platform: 'slack',
    mode: slack.mode === 'socket' ? 'socket mode' : `POST ${SLACK_EVENTS_PATH}`,
    deliverer: slack.deliverer,
    start: () => slack.start(),
    stop: () => slack.stop(),
    health: () => slack.health(),
  };
};
