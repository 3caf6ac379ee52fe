// The Slack adapter's one error sink, for what fails outside the pipeline (which answers its own
// faults): a Slack call, a payload the adapter cannot read. Every listener runs inside `guard`,
// so whatever goes wrong the person gets an answer where they are (the modal, an ephemeral
// message, their App Home or a DM), told apart and worded as on every platform
// (src/chat/faults.ts): a refusal is its message, a fault is logged with a reference id the
// person is given.
import type { RespondFn, webApi } from '@slack/bolt';
import { faultMessage, isRefusal, noticeMessage, reportFault } from '../../src/chat/faults.js';
import { isAuditbotError } from '../../src/core/errors.js';
import type { Message } from '../../src/core/message.js';
import type { Logger } from '../../src/logger.js';
import { renderHome, renderMessage, renderMessageModal } from './render.js';

type WebClient = webApi.WebClient;

export type SlackErrorCode =
  /** Slack's Web API refused or failed a call the adapter needed. */
  | 'slack_api_failed'
  /** A payload arrived without what the adapter needs (a user, a trigger, form metadata). */
  | 'payload_invalid'
  /** The person could not be looked up in Slack (users.info failed). */
  | 'identity_unavailable'
  /** Anything else: a bug. */
  | 'internal';

export class SlackAdapterError extends Error {
  readonly code: SlackErrorCode;
  constructor(code: SlackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackAdapterError';
    this.code = code;
  }
}

function codeOf(error: unknown): string {
  if (error instanceof SlackAdapterError) return error.code;
  if (isAuditbotError(error)) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('slack_')) return 'slack_api_failed';
  return 'internal';
}

/** What the sink needs from a listener's arguments to answer the person. */
export interface SinkArgs {
  body: unknown;
  client: WebClient;
  /** Absent for events (Bolt acknowledges those itself). */
  ack?: (response?: never) => Promise<void>;
  acked: boolean;
  respond?: RespondFn;
}

interface BodyShape {
  type?: string;
  command?: string;
  user_id?: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
  user?: { id?: string };
  container?: { type?: string; channel_id?: string };
  channel?: { id?: string };
  event?: { type?: string; user?: string; channel?: string; channel_type?: string };
}

export interface ErrorSink {
  /** Logs the error and answers the person; never throws. Returns the reference id. */
  handle(error: unknown, args: SinkArgs): Promise<string>;
  /** Logs an error nobody can be told about (e.g. before a listener ran); returns the reference. */
  log(error: unknown, where: string): string;
}

export function createErrorSink(logger: Logger): ErrorSink {
  const log = (error: unknown, where: string): string => reportFault(logger, error, { where, code: codeOf(error), platform: 'slack' });

  async function answer(args: SinkArgs, message: Message): Promise<void> {
    const body = (args.body ?? {}) as BodyShape;
    const rendered = renderMessage(message);
    const userId = body.user_id ?? body.user?.id ?? body.event?.user;
    const ack = args.ack as ((response?: unknown) => Promise<void>) | undefined;

    if (body.command !== undefined) {
      if (!args.acked && ack) return ack({ response_type: 'ephemeral', ...rendered });
      if (args.respond) {
        await args.respond({ response_type: 'ephemeral', replace_original: false, ...rendered });
        return;
      }
      if (body.channel_id && userId) await args.client.chat.postEphemeral({ channel: body.channel_id, user: userId, ...rendered });
      return;
    }
    switch (body.type) {
      case 'view_submission':
        if (!args.acked && ack) return ack({ response_action: 'update', view: renderMessageModal('Not saved', message) });
        if (userId) await args.client.chat.postMessage({ channel: userId, ...rendered });
        return;
      case 'block_suggestion':
        // Nobody can be shown anything inside a menu that is loading; an empty list ends it.
        if (!args.acked && ack) await ack({ options: [] });
        return;
      case 'block_actions':
        if (!args.acked && ack) await ack();
        if (args.respond && body.container?.type === 'message') {
          await args.respond({ response_type: 'ephemeral', replace_original: false, ...rendered });
        } else if (body.trigger_id) {
          await args.client.views.open({ trigger_id: body.trigger_id, view: renderMessageModal('Something went wrong', message) });
        } else if (userId) {
          await args.client.chat.postMessage({ channel: userId, ...rendered });
        }
        return;
      case 'event_callback':
        if (body.event?.type === 'app_home_opened' && userId) {
          await args.client.views.publish({ user_id: userId, view: renderHome(message) });
        } else if (body.event?.channel && body.event.channel_type === 'im') {
          await args.client.chat.postMessage({ channel: body.event.channel, ...rendered });
        }
        return;
      default:
        if (!args.acked && ack) await ack();
    }
  }

  return {
    log,
    async handle(error, args) {
      const body = (args.body ?? {}) as BodyShape;
      const where = body.command ?? body.event?.type ?? body.type ?? 'request';
      // A refusal by the core is an answer, not a fault: the person is told why, and it is
      // logged without a stack so real failures stand out.
      const reference = isRefusal(error) ? null : log(error, where);
      if (reference === null) logger.info({ code: codeOf(error), where }, (error as Error).message);
      try {
        await answer(args, reference === null ? noticeMessage((error as Error).message) : faultMessage(reference));
      } catch (e) {
        logger.error({ reference, where, err: e }, 'Could not tell the person about a failure');
      }
      return reference ?? '';
    },
  };
}

/**
 * Wraps a listener so that any error reaches the sink, knowing whether the request was already
 * acknowledged (Slack allows one acknowledgement; after it, the answer goes another way).
 */
export function guard<A extends { body: unknown; client: WebClient }>(sink: ErrorSink, listener: (args: A) => Promise<void>): (args: A) => Promise<void> {
  return async (args: A) => {
    let acked = false;
    const original = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    const tracked = original
      ? async (response?: unknown) => {
          acked = true;
          await original(response);
          // Node sends a response when the current microtasks are done; yielding once puts the
          // ack on the wire before the listener's own work starts ("ack first, then work").
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      : undefined;
    const wrapped = (tracked ? { ...args, ack: tracked } : args) as A;
    try {
      await listener(wrapped);
    } catch (error) {
      const respond = (args as { respond?: SinkArgs['respond'] }).respond;
      await sink.handle(error, { body: args.body, client: args.client, ack: tracked, acked, respond });
    }
  };
}
