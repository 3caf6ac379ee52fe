// A stand-in for Slack's Web API on 127.0.0.1. It records every call with its decoded body
// (form fields, with `view`/`blocks` JSON parsed), answers the methods the bot uses, accepts
// posts to response URLs (`/response/<id>`) and file uploads the way files.uploadV2 makes them
// (files.getUploadURLExternal gives an upload URL on the fake, `/upload/<file id>`, the bytes
// are posted there, files.completeUploadExternal shares them), and can be told to fail a method: HTTP 429 with
// Retry-After, `{ ok: false, error }`, a 5xx, a connection dropped before any answer, or a call
// that hangs until the test lets go. Tests wait for calls as events, never by sleeping.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for posts to a response URL. */
  method: string;
  path: string;
  /** Decoded body: form fields or JSON, with `view`, `blocks` and `user` JSON strings parsed. */
  body: Record<string, unknown>;
  /** The raw body as sent, for checks on what exactly went over the wire. */
  raw: string;
  contentType: string;
  authorization: string | undefined;
  /** The HTTP status the fake answered with, or `dropped`; unset while the call is open. */
  outcome?: number | 'dropped';
}

/** A file uploaded to the fake: its bytes as posted, and where files.completeUploadExternal shared it. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced in files.getUploadURLExternal. */
  length: number;
  bytes: Buffer | null;
  title?: string;
  channel?: string;
  completed: boolean;
}

export interface FakeUser {
  id: string;
  email?: string;
  tz?: string;
  name?: string;
  deleted?: boolean;
}

export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  /** The connection is closed before any answer (Slack may or may not have acted on it). */
  | { drop: true }
  /** No answer at all until `releaseHung()`, which then drops the connection. */
  | { hang: true };

type Outcome = { status: number; headers?: Record<string, string>; body: unknown; call: RecordedCall } | { drop: true; call: RecordedCall };

const JSON_FIELDS = new Set(['view', 'blocks', 'attachments', 'metadata']);

function decode(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // kept as a string: the test sees what was sent
      }
    }
    out[k] = v;
  }
  return out;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The bytes of the one file part of a multipart/form-data body, as the upload URL receives them. */
async function filePart(raw: Buffer, contentType: string): Promise<Buffer | null> {
  if (!contentType.includes('multipart/form-data')) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return null;
}

function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Files uploaded through files.getUploadURLExternal, the upload URL and files.completeUploadExternal, by id. */
  readonly files = new Map<string, UploadedFile>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly outages = new Map<string, Failure>();
  private readonly hung = new Set<IncomingMessage>();
  private hangRelease = gate();
  private readonly delays = new Map<string, Promise<void>>();
  private readonly events = new EventEmitter();
  private server: Server | null = null;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (outcome) => {
          if ('drop' in outcome) {
            outcome.call.outcome = 'dropped';
            req.socket.destroy();
            this.events.emit('dropped', outcome.call);
            return;
          }
          const { status, headers, body, call } = outcome;
          call.outcome = status;
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
          res.end(JSON.stringify(body), () => this.events.emit('answered', call));
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e));
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** The Web API base for `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response URL the bot will post to; calls to it are recorded as `response_url`. */
  responseUrl(id = String(++this.counter)): string {
    return `${this.url}/response/${id}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    this.releaseHung();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next calls of `method` fail as given, in order; later calls succeed again. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Every call of `method` fails as given until `restore(method)` (Slack is down). */
  outage(method: string, failure: Failure): void {
    this.outages.set(method, failure);
  }

  restore(method: string): void {
    this.outages.delete(method);
  }

  /** Calls hanging on a `{ hang: true }` failure. */
  get hanging(): number {
    return this.hung.size;
  }

  /** Ends every hanging call by dropping its connection, as a proxy timing out would. */
  releaseHung(): void {
    this.hangRelease.resolve();
    this.hangRelease = gate();
  }

  /** Holds every answer to `method` until `until` resolves (a slow Slack). */
  holdAnswers(method: string, until: Promise<void>): void {
    this.delays.set(method, until);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.files.clear();
    this.failures.clear();
    this.outages.clear();
    this.delays.clear();
  }

  /** Resolves with the first call (already made or coming) that matches; rejects after `timeoutMs`. */
  waitFor(match: (c: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('call', listener);
        reject(new Error(`no matching Slack API call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      const listener = (c: RecordedCall) => {
        if (!match(c)) return;
        clearTimeout(timer);
        this.events.off('call', listener);
        resolve(c);
      };
      this.events.on('call', listener);
    });
  }

  waitForMethod(method: string, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitFor((c) => c.method === method, timeoutMs);
  }

  /** Resolves once the fake has finished answering a call that matches (the bot has its reply). */
  answered(match: (c: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    return this.once('answered', match, timeoutMs);
  }

  /** Resolves once the fake has dropped the connection of a call that matches. */
  dropped(match: (c: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    return this.once('dropped', match, timeoutMs);
  }

  private once(event: 'answered' | 'dropped', match: (c: RecordedCall) => boolean, timeoutMs: number): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off(event, listener);
        reject(new Error(`no matching Slack API call ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (c: RecordedCall) => {
        if (!match(c)) return;
        clearTimeout(timer);
        this.events.off(event, listener);
        resolve(c);
      };
      this.events.on(event, listener);
    });
  }

  private async handle(req: IncomingMessage): Promise<Outcome> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '');
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/response/') ? 'response_url' : path.startsWith('/upload/') ? 'upload_url' : path;
    const upload = method === 'upload_url' ? this.files.get(path.slice('/upload/'.length)) : undefined;
    if (upload) upload.bytes = await filePart(bytes, contentType);
    const call: RecordedCall = { method, path, body: method === 'upload_url' ? { file_id: path.slice('/upload/'.length) } : decode(raw, contentType), raw, contentType, authorization: req.headers.authorization };
    this.calls.push(call);
    const held = this.delays.get(method);
    if (held) await held;
    const failure = this.failures.get(method)?.shift() ?? this.outages.get(method);
    this.events.emit('call', call);
    if (failure && 'hang' in failure) {
      this.hung.add(req);
      await this.hangRelease.promise;
      this.hung.delete(req);
      return { drop: true, call };
    }
    if (failure && 'drop' in failure) return { drop: true, call };
    if (failure) {
      if ('error' in failure) return { status: 200, body: { ok: false, error: failure.error }, call };
      if (failure.status === 429) return { status: 429, headers: { 'retry-after': String(failure.retryAfter) }, body: { ok: false, error: 'ratelimited' }, call };
      return { status: failure.status, body: { ok: false, error: 'internal_error' }, call };
    }
    return { status: 200, body: this.answer(method, call.body), call };
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const n = ++this.counter;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.example/', team: 'Acme', user: 'auditbot', team_id: 'T0ACME', user_id: 'U0AUDITBOT', bot_id: 'B0AUDITBOT' };
      case 'users.info': {
        const user = this.users.get(String(body.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name ?? user.id, deleted: user.deleted ?? false, is_bot: false, tz: user.tz, profile: { email: user.email } } };
      }
      case 'users.lookupByEmail': {
        const email = String(body.email).toLowerCase();
        const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email);
        return user ? { ok: true, user: { id: user.id, tz: user.tz, deleted: user.deleted ?? false, profile: { email: user.email } } } : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users)}` } };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `1700000000.${String(n).padStart(6, '0')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(n).padStart(6, '0')}` };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish': {
        const view = (body.view ?? {}) as Record<string, unknown>;
        const id = typeof body.view_id === 'string' ? body.view_id : `V${String(n).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, hash: `${n}.hash`, state: { values: {} } } };
      }
      case 'response_url':
        return { ok: true };
      case 'files.getUploadURLExternal': {
        const id = `F${String(n).padStart(8, '0')}`;
        this.files.set(id, { id, filename: String(body.filename), length: Number(body.length), bytes: null, completed: false });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'upload_url':
        return this.files.has(String(body.file_id)) ? { ok: true } : { ok: false, error: 'unknown_upload' };
      case 'files.completeUploadExternal': {
        const listed = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as { id: string; title?: string }[];
        const done = listed.map((f) => this.files.get(f.id));
        if (done.some((f) => !f?.bytes)) return { ok: false, error: 'file_not_uploaded' };
        for (const [i, f] of done.entries()) if (f) Object.assign(f, { completed: true, title: listed[i]?.title, channel: typeof body.channel_id === 'string' ? body.channel_id : undefined });
        return { ok: true, files: done.map((f) => ({ id: f?.id, name: f?.filename, title: f?.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
