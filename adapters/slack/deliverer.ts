// Delivers outbox rows to Slack: a person's DM (their Slack id from the organisation file, else
// found by e-mail and stored), or `channel:<id>`. Slack's answers become the dispatcher's
// decisions: a 429 waits for Slack's own Retry-After, a recipient that cannot receive anything
// goes to the dead letters with Slack's reason, anything transient is retried.
import { webApi } from '@slack/bolt';
import type { Core } from '../../src/core/context.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import type { OutboxRow } from '../../src/core/ports.js';
import { redactSecrets, type Logger } from '../../src/logger.js';
import type { Deliverer, DeliveryResult } from '../../src/outbox/deliverer.js';
import { toSlackLogger } from './log.js';
import { renderMessage } from './render.js';

/** Slack errors that no retry will cure: the recipient cannot receive, or the message is wrong. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_arguments',
]);

/**
 * Turns whatever a Web API call threw into the dispatcher's answer. The error is stored on the
 * outbox row and shown by `auditbot outbox` and the digest, so credentials a message quotes
 * (SLACK_API_URL's user:password or query token) are removed.
 */
export function classifySlackError(error: unknown): Extract<DeliveryResult, { ok: false }> {
  const result = classifyRaw(error);
  return { ...result, error: redactSecrets(result.error) };
}

function classifyRaw(error: unknown): Extract<DeliveryResult, { ok: false }> {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string } | null;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, error: `rate limited by Slack (retry after ${e.retryAfter ?? 0} s)`, retryAfterMs: Math.max(0, (e.retryAfter ?? 0) * 1000) };
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown_error';
      return { ok: false, retryable: !PERMANENT.has(reason), error: `Slack said ${reason}` };
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      return { ok: false, retryable: status >= 500 || status === 408, error: `Slack answered HTTP ${status}` };
    }
    case 'slack_webapi_request_error':
      return { ok: false, retryable: true, error: `could not reach Slack: ${e.message ?? 'network error'}` };
    default:
      return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
  }
}

export interface SlackDelivererOptions {
  core: Core;
  logger: Logger;
  token: string;
  apiUrl?: string;
}

/**
 * The outbox owns retries: the client neither retries nor waits out a 429 itself, so a slow
 * Slack never holds the dispatcher and a Retry-After is recorded on the row.
 */
export function deliveryClientOptions(apiUrl: string | undefined, logger: Logger): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
    logger: toSlackLogger(logger, 'slack-deliverer'),
  };
}

export function createSlackDeliverer(options: SlackDelivererOptions): Deliverer {
  const { core, logger } = options;
  const client = new webApi.WebClient(options.token, deliveryClientOptions(options.apiUrl, logger));
  /** DM channel ids do not change; remembering them saves a call per message. */
  const dmChannels = new Map<string, string>();

  async function slackIdOf(email: string): Promise<string | DeliveryResult> {
    const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!person) return { ok: false, retryable: false, error: `${email} is not in the organisation file` };
    if (person.slackId) return person.slackId;
    const found = await client.users.lookupByEmail({ email });
    const id = found.user?.id;
    if (!id) return { ok: false, retryable: false, error: `Slack has no user with the e-mail ${email}` };
    try {
      recordChatContact(core, { email, platform: 'slack', platformId: id }, 'slack');
    } catch (e) {
      // Delivery still goes ahead; the conflict is for a person to sort out in the file.
      logger.warn({ err: e, email }, 'could not store the Slack id found by e-mail');
    }
    return id;
  }

  async function channelFor(recipient: string): Promise<string | DeliveryResult> {
    if (recipient.startsWith('channel:')) return recipient.slice('channel:'.length);
    const id = await slackIdOf(recipient);
    if (typeof id !== 'string') return id;
    const cached = dmChannels.get(id);
    if (cached) return cached;
    const opened = await client.conversations.open({ users: id });
    const channel = opened.channel?.id;
    if (!channel) return { ok: false, retryable: true, error: `conversations.open gave no channel for ${recipient}` };
    dmChannels.set(id, channel);
    return channel;
  }

  return {
    platform: 'slack',
    async deliver(row: OutboxRow): Promise<DeliveryResult> {
      try {
        const channel = await channelFor(row.recipient);
        if (typeof channel !== 'string') return channel;
        await client.chat.postMessage({ channel, ...renderMessage(row.message), unfurl_links: false, unfurl_media: false });
        return { ok: true };
      } catch (e) {
        return classifySlackError(e);
      }
    },
  };
}
