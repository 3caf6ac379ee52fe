// botbuilder's CloudAdapter.process wants an Express-like request (parsed JSON body) and
// response (`status`, `header`, `send`, `end`). This is that, over plain node:http, so the bot
// mounts on the project's shared server without Express.
import type { IncomingMessage, ServerResponse } from 'node:http';

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

export interface ShimRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface ShimResponse {
  socket: unknown;
  status(code: number): ShimResponse;
  header(name: string, value: unknown): ShimResponse;
  send(body?: unknown): ShimResponse;
  end(): ShimResponse;
}

export function shimRequest(req: IncomingMessage, body: Record<string, unknown>): ShimRequest {
  return { method: req.method ?? 'POST', headers: req.headers, body };
}

/** Buffers status, headers and body, and writes them once on `end`. */
export function shimResponse(res: ServerResponse): ShimResponse {
  let status = 200;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  const shim: ShimResponse = {
    socket: res.socket,
    status(code) {
      status = code;
      return shim;
    },
    header(name, value) {
      headers[name.toLowerCase()] = String(value);
      return shim;
    },
    send(payload) {
      if (payload === undefined || payload === null) return shim;
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        body = payload.toString();
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else {
        body = JSON.stringify(payload);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
      return shim;
    },
    end() {
      if (res.headersSent) return shim;
      res.writeHead(status, headers);
      res.end(body);
      return shim;
    },
  };
  return shim;
}
