// The request body of POST /api/messages, read over plain node:http (the bot mounts on the
// project's shared server without Express): JSON objects only, bounded in size.
import type { IncomingMessage } from 'node:http';

/** Bot Framework activities are small; a card submission with every field full is well under this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpBodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'HttpBodyError';
    this.status = status;
  }
}

/** Reads and parses a JSON object body; refuses other content, bad JSON and oversized bodies. */
export async function readJsonObject(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpBodyError(415, 'expected content-type application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new HttpBodyError(413, `request body over ${limit} bytes`);
    chunks.push(buf);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpBodyError(400, 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpBodyError(400, 'request body is not a JSON object');
  return parsed as Record<string, unknown>;
}
