// The gate in front of Bolt's receiver on `POST /slack/events`. Bolt checks the signature and
// that a request is not older than five minutes, but accepts requests dated in the future,
// takes a replayed request again, and reads the parsed body without checking its shape (a signed
// JSON `null` threw outside any handler and ended the process). So, before Bolt sees anything:
// the content type must be one Slack sends, the body at most 4 MB, the signature valid, the
// timestamp within five minutes either way, the signature not seen before, and the body of a
// kind and shape Bolt and our listeners can read. Bolt's own verification stays on behind it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/logger.js';
import type { Listener } from '../../src/server/http.js';
import { checkSlackBody, FORM_CONTENT_TYPE, isSslCheck, JSON_CONTENT_TYPE } from './request-shape.js';
import type { SeenRequests } from './seen-requests.js';

/** Bolt's own body limit; a slash command or a modal with every field full is far smaller. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How far a request's timestamp may be from now, either way (Slack's rule). */
export const FRESHNESS_SECONDS = 5 * 60;

export interface SlackRequestGuardOptions {
  signingSecret: string;
  seen: SeenRequests;
  logger: Logger;
  /** Milliseconds since the epoch; the real clock unless a test gives another. */
  now?: () => number;
  maxBodyBytes?: number;
}

class ClientGone extends Error {}

/** The body, or null once it is larger than `limit` (the rest is read and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', () => reject(new ClientGone()));
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

function expectedSignature(secret: string, timestamp: string, body: Buffer): Buffer {
  return Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
}

export function guardSlackRequests(next: Listener, options: SlackRequestGuardOptions): Listener {
  const { signingSecret, seen, logger } = options;
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, reason: string, drain = false) => {
    if (status >= 400) logger.warn({ status, reason, url: req.url }, `Slack request refused: ${reason}`);
    if (res.headersSent) return;
    // A body left unread cannot be followed by another request on the same connection.
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(drain ? { connection: 'close' } : {}) });
    res.end(JSON.stringify(status >= 400 ? { error: reason } : {}));
    if (drain) req.resume();
  };

  return async (req, res) => {
    const contentType = header(req, 'content-type');
    const kind = contentType === FORM_CONTENT_TYPE ? FORM_CONTENT_TYPE : contentType?.split(';')[0]?.trim().toLowerCase() === JSON_CONTENT_TYPE ? JSON_CONTENT_TYPE : null;
    if (!kind) return answer(req, res, 415, `content type ${contentType === undefined ? '(none)' : JSON.stringify(contentType.slice(0, 80))} is not one Slack sends`, true);
    const declared = Number(header(req, 'content-length'));
    if (declared > limit) return answer(req, res, 413, `the body is larger than ${limit} bytes`, true);

    let body: Buffer | null;
    try {
      body = await readBody(req, limit);
    } catch (e) {
      if (e instanceof ClientGone) return undefined;
      throw e;
    }
    if (body === null) return answer(req, res, 413, `the body is larger than ${limit} bytes`, true);
    if (kind === FORM_CONTENT_TYPE && isSslCheck(body.toString('utf8'))) return answer(req, res, 200, 'SSL check');

    const signature = header(req, 'x-slack-signature');
    const timestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature) || !timestamp || !/^\d{1,12}$/.test(timestamp)) {
      return answer(req, res, 401, 'the request is not signed');
    }
    const age = Math.floor(now() / 1000) - Number(timestamp);
    if (Math.abs(age) > FRESHNESS_SECONDS) {
      return answer(req, res, 401, age > 0 ? 'the request is more than five minutes old' : 'the request is dated more than five minutes ahead');
    }
    if (!timingSafeEqual(Buffer.from(signature), expectedSignature(signingSecret, timestamp, body))) {
      return answer(req, res, 401, 'the signature does not match');
    }

    const shape = checkSlackBody(kind, body.toString('utf8'));
    if (shape.kind === 'refuse') return answer(req, res, 400, shape.reason);
    if (shape.kind === 'ok') {
      logger.info({ url: req.url }, shape.note);
      return answer(req, res, 200, shape.note);
    }
    // Last, so that only requests that will be handled are remembered.
    if (!seen.firstTime(timestamp, signature)) return answer(req, res, 401, 'the request was already received (a replay)');

    // Bolt reads the body it finds on the request instead of the (now consumed) stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    return next(req, res);
  };
}
