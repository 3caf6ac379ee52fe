// A stand-in Bot Connector (the service behind an activity's `serviceUrl`) on 127.0.0.1. It
// records what the bot sends and answers like Teams: new activities, updated cards, new 1:1
// conversations, member look-ups; and, when told to, errors such as 429 or 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The conversation id from the path, decoded. */
  conversationId: string | null;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** What the fake answered: status and body (e.g. the id of a posted activity). */
  answer?: { status: number; body: unknown };
}

export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

interface ScriptedFailure {
  match: (r: RecordedRequest) => boolean;
  failure: FakeFailure;
  times: number;
}

export interface FakeConnector {
  url: string;
  requests: RecordedRequest[];
  /** Activities the bot posted (new messages and replies), in order. */
  sent(): RecordedRequest[];
  /** Cards the bot replaced (PUT), in order. */
  updated(): RecordedRequest[];
  created(): RecordedRequest[];
  addMember(member: FakeMember): void;
  /** The next `times` requests that match answer with `failure`. */
  fail(match: (r: RecordedRequest) => boolean, failure: FakeFailure, times?: number): void;
  /** Resolves with the first recorded request (already or later) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export const errorBody = (code: string, message: string): unknown => ({ error: { code, message } });

/** The Adaptive Card inside a recorded activity, if there is one. */
export function cardOf(r: RecordedRequest): Record<string, unknown> | undefined {
  const attachments = r.body.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  const failures: ScriptedFailure[] = [];
  const members = new Map<string, FakeMember>();
  const waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  let counter = 0;

  let current: RecordedRequest | null = null;
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (current) current.answer = { status, body };
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        conversationId: parts[0] === 'v3' && parts[1] === 'conversations' && parts[2] ? parts[2] : null,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        headers: req.headers,
      };
      requests.push(recorded);
      current = recorded;
      for (const w of [...waiters]) {
        if (w.match(recorded)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(recorded);
        }
      }
      const scripted = failures.find((f) => f.times > 0 && f.match(recorded));
      if (scripted) {
        scripted.times -= 1;
        json(res, scripted.failure.status, scripted.failure.body ?? {}, scripted.failure.headers);
        return;
      }
      counter += 1;
      if (recorded.method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
        json(res, 201, { id: `a:created-${counter}`, activityId: `act-${counter}` });
        return;
      }
      if (recorded.method === 'POST' && parts[3] === 'activities') {
        json(res, 200, { id: `act-${counter}` });
        return;
      }
      if (recorded.method === 'PUT' && parts[3] === 'activities' && parts[4]) {
        json(res, 200, { id: parts[4] });
        return;
      }
      if (recorded.method === 'GET' && parts[3] === 'members' && parts[4]) {
        const member = members.get(parts[4]);
        if (member) json(res, 200, member);
        else json(res, 404, errorBody('MemberNotFoundInConversation', 'The member is not in this conversation.'));
        return;
      }
      json(res, 404, errorBody('NotFound', `no fake for ${recorded.method} ${path}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    sent: () => requests.filter((r) => r.method === 'POST' && r.path.includes('/activities')),
    updated: () => requests.filter((r) => r.method === 'PUT'),
    created: () => requests.filter((r) => r.method === 'POST' && /^\/v3\/conversations\/?$/.test(r.path)),
    addMember: (m) => members.set(m.id, m),
    fail: (match, failure, times = 1) => failures.push({ match, failure, times }),
    waitFor: (match) => {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
