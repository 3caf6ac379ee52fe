// The Teams adapter end to end: the real CloudAdapter mounted at POST /api/messages on the
// project's HTTP server (anonymous mode on 127.0.0.1), activities POSTed as Teams would send
// them, with `serviceUrl` pointing at a fake Bot Connector that records the bot's answers.
// Activities come from the tenant TENANT, the one the harness allows (TEAMS_ALLOWED_TENANTS).
import { Writable } from 'node:stream';
import { createTeamsAdapter, type TeamsAdapter } from '../../adapters/teams/adapter.js';
import { reportFiles } from '../../src/app.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import { createLogger } from '../../src/logger.js';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.js';
import { createHttpServer, type HttpServer } from '../../src/server/http.js';
import { mountReviewPackLinks } from '../../src/server/review-pack-route.js';
import { cardOf, startFakeConnector, type FakeConnector, type RecordedRequest } from './fake-connector.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const BOT = { id: '28:auditbot-test', name: 'Auditbot' };

export type Activity = Record<string, unknown>;

export interface TeamsHarness {
  url: string;
  connector: FakeConnector;
  teams: TeamsAdapter;
  dispatcher: Dispatcher;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs an activity to /api/messages; resolves once the bot has finished the turn. */
  post(activity: Activity): Promise<{ status: number; body: string }>;
  /** A message typed by `person` in their personal chat with the bot. */
  message(person: PersonRecord, text: string, extra?: Partial<Activity>): Activity;
  /** An Action.Submit on the card `replyToId`, as Teams sends it: a message with `value`. */
  submit(person: PersonRecord, value: Record<string, unknown>, replyToId?: string, extra?: Partial<Activity>): Activity;
  /** Requests the bot made since `mark` (an index into connector.requests). */
  since(mark: number): RecordedRequest[];
  close(): Promise<void>;
}

export const personalConversation = (p: Pick<PersonRecord, 'email'>): string => `a:personal-${p.email}`;

export function fromOf(p: Pick<PersonRecord, 'teamsId' | 'name'>): Record<string, unknown> {
  return { id: `29:${p.teamsId ?? 'unknown'}`, name: p.name, aadObjectId: p.teamsId ?? undefined };
}

export async function startTeamsHarness(core: Core, env: Record<string, string> = {}, registry: ChatRegistry = defaultRegistry): Promise<TeamsHarness> {
  const connector = await startFakeConnector();
  const config = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', TEAMS_ALLOWED_TENANTS: TENANT, AUDITBOT_DB: ':memory:', LOG_LEVEL: 'silent', ...env });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', sink);
  const teams = createTeamsAdapter({ config, core, registry, logger, reports: reportFiles });
  const http: HttpServer = createHttpServer({ health: () => ({ ok: true }) });
  teams.mount(http);
  // As `serve` does: the links Teams hands out are served beside the bot's endpoint.
  mountReviewPackLinks(http, core, reportFiles);
  const address = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  const dispatcher = createDispatcher({ store: core.store, clock: core.clock, deliverers: [teams.deliverer], maxAttempts: 8, logger, random: () => 0.5 });
  let n = 0;

  const base = (person: PersonRecord, extra: Partial<Activity>): Activity => ({
    id: `in-${++n}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    timestamp: core.clock.now().toISOString(),
    localTimezone: 'Europe/Madrid',
    from: fromOf(person),
    recipient: BOT,
    conversation: { id: personalConversation(person), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  });

  return {
    url,
    connector,
    teams,
    dispatcher,
    logs,
    async post(activity) {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, body: await res.text() };
    },
    message: (person, text, extra = {}) => base(person, { type: 'message', text, textFormat: 'plain', ...extra }),
    submit: (person, value, replyToId, extra = {}) => base(person, { type: 'message', value, ...(replyToId ? { replyToId } : {}), ...extra }),
    since: (mark) => connector.requests.slice(mark),
    async close() {
      await dispatcher.stop();
      await teams.stop();
      await http.close();
      await connector.close();
    },
  };
}

type CardNode = Record<string, unknown>;
export type CardElement = { type: string } & CardNode;

/** Every element of a card, depth first (body, containers, action sets, actions). */
export function cardElements(card: CardNode): CardElement[] {
  const out: CardElement[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const el = node as CardNode;
      if (typeof el.type === 'string') out.push(el as CardElement);
      for (const key of ['body', 'items', 'actions', 'columns']) if (key in el) visit(el[key]);
    }
  };
  visit(card);
  return out;
}

/** The card's Action.Submit data (the form's routing data). */
export function submitDataOf(card: CardNode): Record<string, unknown> {
  const action = cardElements(card).find((e) => e.type === 'Action.Submit');
  if (!action) throw new Error('the card has no submit action');
  return action.data as Record<string, unknown>;
}

/** Field id → the error shown under that input (TextBlocks with id `<field>.error`). */
export function cardErrors(card: CardNode): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const el of cardElements(card)) {
    if (el.type === 'TextBlock' && typeof el.id === 'string' && el.id.endsWith('.error')) errors[el.id.slice(0, -'.error'.length)] = String(el.text);
  }
  return errors;
}

export const cardText = (card: CardNode): string =>
  cardElements(card)
    .flatMap((e) => [e.text, e.title, ...(Array.isArray(e.facts) ? (e.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]) : [])])
    .filter((t): t is string => typeof t === 'string')
    .join('\n');

export { cardOf };
