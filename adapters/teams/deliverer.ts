// The outbox deliverer for Teams. A person is reached through the conversation reference
// stored when they last wrote to the bot (or installed it); with none, but with their Teams id
// and the tenant known, a 1:1 conversation is created and its reference stored for next time.
// A channel (`channel:<id>`) is reached through its stored reference. Connector errors are
// mapped to what the dispatcher needs: try again later (throttling, outages), or give up with
// the reason (conversation gone, app uninstalled, nobody to send to).
import { TurnContext, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { Core } from '../../src/core/context.js';
import type { OutboxRow } from '../../src/core/ports.js';
import type { Logger } from '../../src/logger.js';
import type { Deliverer, DeliveryResult } from '../../src/outbox/deliverer.js';
import { renderMessage, type CardActivity } from './render.js';

/** Where a 1:1 is created when no stored reference tells the region (Teams' global endpoint). */
export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
/** The Bot Connector audience of the public cloud. */
const CONNECTOR_SCOPE = 'https://api.botframework.com';

export interface TeamsDelivererOptions {
  adapter: CloudAdapter;
  /** The bot's app id; empty in anonymous (local) mode. */
  appId: string;
  core: Core;
  logger: Logger;
  /** The tenant of single-tenant bots; otherwise learnt from stored references. */
  tenantId: string | undefined;
}

interface ErrorFacts {
  status: number | undefined;
  code: string | undefined;
  message: string;
  retryAfterMs: number | undefined;
}

function headerOf(response: unknown, name: string): string | undefined {
  const headers = (response as { headers?: unknown } | undefined)?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const v: unknown = get.call(headers, name);
    return typeof v === 'string' ? v : undefined;
  }
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}

function factsOf(e: unknown, now: Date): ErrorFacts {
  const err = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const response = err.response as Record<string, unknown> | undefined;
  const status = typeof err.statusCode === 'number' ? err.statusCode : typeof response?.status === 'number' ? response.status : undefined;
  let code = typeof err.code === 'string' ? err.code : undefined;
  const parsed = response?.parsedBody as { error?: { code?: unknown } } | undefined;
  if (!code && typeof parsed?.error?.code === 'string') code = parsed.error.code;
  const message = e instanceof Error ? e.message : String(e);
  return { status, code, message, retryAfterMs: parseRetryAfter(headerOf(response, 'retry-after'), now) };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'REQUEST_SEND_ERROR']);

/**
 * What a connector error means for the outbox. Throttling (429), Teams' "try again" (412) and
 * outages (5xx, network) are retried, with the connector's Retry-After honoured; a conversation
 * that no longer exists (404) or an app that was removed or blocked (403) will never accept the
 * message, so the row goes to the dead letters with the reason.
 */
export function classifyConnectorError(e: unknown, now: Date): Extract<DeliveryResult, { ok: false }> {
  const f = factsOf(e, now);
  const detail = [f.status !== undefined ? `HTTP ${f.status}` : undefined, f.code, f.message].filter(Boolean).join(' ');
  const retry = (what: string): Extract<DeliveryResult, { ok: false }> => ({
    ok: false,
    retryable: true,
    error: `${what} (${detail})`,
    ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
  });
  const dead = (what: string): Extract<DeliveryResult, { ok: false }> => ({ ok: false, retryable: false, error: `${what} (${detail})` });
  if (f.status === 429) return retry('Teams is throttling the bot');
  if (f.status === 412) return retry('Teams asked to try again later');
  if (f.status === 404 || f.code === 'ConversationNotFound') return dead('the Teams conversation no longer exists');
  if (f.status === 403 || f.code === 'BotNotInConversationRoster' || f.code === 'BotDisabledByAdmin') {
    return dead('the app was removed from this conversation or blocked by the person or an admin');
  }
  if (f.status === 401) return dead('the Bot Connector refused the bot credentials; check MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD');
  if (f.status !== undefined && f.status >= 500) return retry('the Bot Connector is unavailable');
  if (f.status === undefined && (NETWORK_CODES.has(f.code ?? '') || /fetch failed|socket|network/i.test(f.message))) return retry('the Bot Connector could not be reached');
  if (f.status !== undefined && f.status >= 400) return dead('Teams refused the message');
  return retry('sending to Teams failed');
}

/**
 * Sends as a new message. botbuilder would otherwise make a proactive message a reply to the
 * made-up id of its continuation activity; in a channel that is a new post, not a reply.
 */
async function postNew(context: TurnContext, activity: CardActivity): Promise<void> {
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) delete a.replyToId;
    return next();
  });
  await context.sendActivity(activity);
}

/**
 * Runs `logic` as a proactive turn and rethrows what it threw: botbuilder hands errors inside a
 * turn to the adapter's onTurnError and returns normally, which would report a failed send as
 * delivered.
 */
async function inTurn(start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  await start(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failures.push(error);
    }
  });
  if (failures.length > 0) throw failures[0];
}

const isReference = (r: Record<string, unknown>): boolean => {
  const conversation = r.conversation as { id?: unknown } | undefined;
  return typeof r.serviceUrl === 'string' && typeof conversation?.id === 'string';
};

export function createTeamsDeliverer(opts: TeamsDelivererOptions): Deliverer {
  const { adapter, appId, core, logger } = opts;

  async function continueWith(reference: Partial<ConversationReference>, row: OutboxRow): Promise<void> {
    const activity = renderMessage(row.message);
    await inTurn((logic) => adapter.continueConversationAsync(appId, reference, logic), async (context) => {
      await postNew(context, activity);
    });
  }

  /** A first 1:1 with someone who never wrote to the bot: Teams accepts their Entra id and tenant. */
  async function createPersonal(email: string, teamsId: string, row: OutboxRow): Promise<DeliveryResult> {
    const latest = core.store.transaction((tx) => tx.conversationRefs.latest());
    const latestRef = latest?.reference as Partial<ConversationReference> | undefined;
    const tenantId = opts.tenantId ?? latestRef?.conversation?.tenantId;
    if (!tenantId) {
      return {
        ok: false,
        retryable: false,
        error: `no Teams conversation with ${email} yet and the tenant is unknown: set MICROSOFT_APP_TENANT_ID, or ask them to open a chat with the bot`,
      };
    }
    const serviceUrl = latestRef?.serviceUrl ?? DEFAULT_SERVICE_URL;
    const botId = latestRef?.bot?.id ?? (appId ? `28:${appId}` : '');
    const parameters = {
      isGroup: false,
      bot: { id: botId, name: latestRef?.bot?.name ?? 'Auditbot' },
      members: [{ id: teamsId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    const activity = renderMessage(row.message);
    await inTurn((logic) => adapter.createConversationAsync(appId, 'msteams', serviceUrl, CONNECTOR_SCOPE, parameters, logic), async (context) => {
      const reference = TurnContext.getConversationReference(context.activity);
      delete reference.activityId;
      reference.user = { id: teamsId, name: '', aadObjectId: teamsId } as ConversationReference['user'];
      // Stored before sending: if the send fails, the retry uses this conversation, not a new one.
      core.store.transaction((tx) => tx.conversationRefs.save(email, reference as unknown as Record<string, unknown>));
      await postNew(context, activity);
    });
    return { ok: true };
  }

  async function deliver(row: OutboxRow): Promise<DeliveryResult> {
    const channel = row.recipient.startsWith('channel:');
    const stored = core.store.transaction((tx) => tx.conversationRefs.get(row.recipient));
    if (stored && isReference(stored.reference)) {
      await continueWith(stored.reference as Partial<ConversationReference>, row);
      return { ok: true };
    }
    if (channel) {
      return { ok: false, retryable: false, error: `no Teams conversation is stored for ${row.recipient}: add the app to that channel, or choose the channel again from Teams` };
    }
    const person = core.store.transaction((tx) => tx.organisation.getPerson(row.recipient));
    if (!person) return { ok: false, retryable: false, error: `${row.recipient} is not in the organisation file` };
    if (!person.teamsId) {
      return { ok: false, retryable: false, error: `${row.recipient} has no Teams id and has not written to the bot: add their Entra object id (teams:) to the organisation file, or ask them to open a chat with the bot` };
    }
    return createPersonal(person.email, person.teamsId, row);
  }

  return {
    platform: 'teams',
    async deliver(row) {
      try {
        return await deliver(row);
      } catch (e) {
        const result = classifyConnectorError(e, core.clock.now());
        logger.warn({ outboxId: row.id, recipient: row.recipient, retryable: result.retryable, error: result.error }, 'teams: delivery failed');
        return result;
      }
    },
  };
}
