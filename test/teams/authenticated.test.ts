// Issue 11, points 1 and 2 on Teams with authentication on, as a multi-tenant app registration
// runs: real botbuilder token checks against a local key server (fake-token-issuer.ts), replies
// returned in the HTTP response (`expectReplies`), so nothing leaves the machine.
//  - Only the allowed tenants are served (TEAMS_ALLOWED_TENANTS), even with a valid token.
//  - A body that is not an activity is a 400; a bad token a 401 whose body repeats nothing of
//    the request; no request of any shape fails the server or ends the process.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsAdapter, UNAUTHORIZED } from '../../adapters/teams/adapter.js';
import { audits } from '../../db/schema.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createHttpServer, type HttpServer } from '../../src/server/http.js';
import { SUITE_NOW } from '../core/findings-suite.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { startTokenIssuer, type TokenIssuer } from './fake-token-issuer.js';
import { BOT, cardText, fromOf, personalConversation, TENANT } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const APP_ID = '6d3a1f0e-8c2b-4f7a-9e51-0b9c4d2e7a13';
const OTHER_TENANT = '99999999-0000-4000-8000-000000000099';

let t: TestCore;
let issuer: TokenIssuer;
let connector: FakeConnector;
let teams: TeamsAdapter;
let http: HttpServer;
let url: string;
let logs: Record<string, unknown>[];
let serverErrors: unknown[];

async function setUp(env: Record<string, string> = {}) {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  issuer = await startTokenIssuer();
  connector = await startFakeConnector();
  const config = loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'app-password-secret', MICROSOFT_APP_TYPE: 'MultiTenant', TEAMS_ALLOWED_TENANTS: TENANT, HOST: '127.0.0.1', ...env });
  logs = [];
  serverErrors = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  teams = createTeamsAdapter({ config, core: t.core, registry: defaultRegistry, logger: createLogger('info', sink), botFrameworkSettings: issuer.settings });
  expect(teams.anonymous).toBe(false);
  http = createHttpServer({ health: () => ({ ok: true }), onError: (e) => serverErrors.push(e) });
  teams.mount(http);
  const { port } = await http.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  await teams.stop();
  await http.close();
  await connector.close();
  await issuer.close();
});

const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const auditStatus = (id: string) => t.db.select().from(audits).all().find((a) => a.id === id)?.status;

/** A personal-chat message as Teams sends it, answered in the HTTP response. */
function message(p: PersonRecord, text: string, tenant = TENANT): Record<string, unknown> {
  return {
    type: 'message',
    id: `in-${Math.random().toString(16).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    deliveryMode: 'expectReplies',
    from: fromOf(p),
    recipient: BOT,
    conversation: { id: personalConversation(p), conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    text,
  };
}

async function post(body: unknown, authorization?: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

const repliesOf = (text: string): string =>
  ((JSON.parse(text) as { activities: { attachments?: { content: Record<string, unknown> }[] }[] }).activities ?? [])
    .map((a) => cardText(a.attachments?.[0]?.content ?? {}))
    .join('\n');

describe('Teams with authentication, multi-tenant registration', () => {
  it('an activity from a tenant not in TEAMS_ALLOWED_TENANTS, with a valid token, gets the outsider answer, runs no command and changes nothing', async () => {
    await setUp();
    const lena = person(SEED.lead);
    const token = `Bearer ${issuer.connectorToken(APP_ID, connector.url)}`;
    const before = dbSnapshot(t.db);
    const foreign = await post(message(lena, `audit start ${SEED.audits.suppliersPlanned} early`, OTHER_TENANT), token);
    expect(foreign.status).toBe(200);
    expect(repliesOf(foreign.text)).toMatch(/you are not in it yet/);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('planned');
    expect(dbSnapshot(t.db)).toEqual(before);
    expect(connector.requests).toEqual([]);

    // The same person and command from the allowed tenant is served: the tenant made the difference.
    const own = await post(message(lena, `audit start ${SEED.audits.suppliersPlanned} early`), token);
    expect(own.status).toBe(200);
    expect(repliesOf(own.text)).not.toMatch(/you are not in it yet/);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('in_progress');
    expect(connector.requests).toEqual([]);
  });

  it('an activity that names no tenant is not served when authentication is on', async () => {
    await setUp();
    const lena = person(SEED.lead);
    const activity = { ...message(lena, 'whoami'), conversation: { id: personalConversation(lena), conversationType: 'personal' }, channelData: {} };
    const res = await post(activity, `Bearer ${issuer.connectorToken(APP_ID, connector.url)}`);
    expect(res.status).toBe(200);
    expect(repliesOf(res.text)).toMatch(/you are not in it yet/);
    expect(person(SEED.lead).lastPlatform).toBeNull();
  });

  it('a bad token gets 401 with a body that repeats nothing of the request, and the reason is logged', async () => {
    await setUp();
    const ana = person(SEED.auditor);
    const activity = message(ana, 'whoami secret-text-7f3a');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 3600 };
    const bad: Record<string, string> = {
      garbage: 'Bearer not-a-token',
      'other scheme': `Basic ${Buffer.from('user:pass').toString('base64')}`,
      'signed by an unknown key': `Bearer ${issuer.sign(claims, { key: issuer.strangerKey })}`,
      'unknown key id': `Bearer ${issuer.sign(claims, { kid: 'someone-elses-key' })}`,
      'another bot (audience)': `Bearer ${issuer.sign({ ...claims, aud: 'aud-of-another-bot-41c2' })}`,
      'another issuer': `Bearer ${issuer.sign({ ...claims, iss: 'https://issuer.example/evil-9d1e' })}`,
      expired: `Bearer ${issuer.sign({ ...claims, nbf: now - 7200, exp: now - 3600 })}`,
      'for another service URL': `Bearer ${issuer.connectorToken(APP_ID, 'https://smba.example/elsewhere-5b7c/')}`,
    };
    for (const [why, authorization] of Object.entries(bad)) {
      const res = await post(activity, authorization);
      expect({ why, status: res.status, body: res.text }).toEqual({ why, status: 401, body: JSON.stringify({ error: UNAUTHORIZED }) });
    }
    // Without any token: the same answer.
    expect(await post(activity)).toEqual({ status: 401, text: JSON.stringify({ error: UNAUTHORIZED }) });
    expect(logs.filter((l) => l.msg === 'teams: a request was refused: its token did not authenticate')).toHaveLength(Object.keys(bad).length);
    expect(serverErrors).toEqual([]);
    expect(t.core.store.transaction((tx) => tx.conversationRefs.latest())).toBeNull();

    // The same activity with a good token is served: it was the token each time.
    const good = await post(activity, `Bearer ${issuer.connectorToken(APP_ID, connector.url)}`);
    expect(good.status).toBe(200);
    expect(repliesOf(good.text)).toContain(SEED.auditor);
  });

  it('when the signing keys cannot be loaded, a request gets 503 (try again), not 500 and not a turn', async () => {
    await setUp();
    const ana = person(SEED.auditor);
    const token = `Bearer ${issuer.connectorToken(APP_ID, connector.url)}`;
    await issuer.close();
    const res = await post(message(ana, 'whoami'), token);
    expect(res).toEqual({ status: 503, text: JSON.stringify({ error: 'the Bot Framework signing keys could not be loaded; try again later' }) });
    expect(serverErrors).toEqual([]);
    expect(person(SEED.auditor).lastPlatform).toBeNull();
  });

  it('a body that is not an activity gets 400 naming what is missing; no request of any shape fails the server', async () => {
    await setUp();
    const token = `Bearer ${issuer.connectorToken(APP_ID, connector.url)}`;
    const empty = await post({}, token);
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toEqual({ error: expect.stringMatching(/^the body is not a Bot Framework activity: type, channelId, serviceUrl, from, recipient, conversation are missing or malformed$/) });

    const ana = person(SEED.auditor);
    const valid = message(ana, 'whoami');
    const shapes: unknown[] = [
      { type: 'message' },
      { ...valid, type: 5 },
      { ...valid, type: '' },
      { ...valid, from: 'ana' },
      { ...valid, from: null },
      { ...valid, conversation: { id: 42 } },
      { ...valid, conversation: [] },
      { ...valid, serviceUrl: 'javascript:alert(1)' },
      { ...valid, channelData: 'x' },
      { ...valid, channelData: { tenant: { id: 7 } } },
      { ...valid, text: { not: 'text' } },
      { ...valid, membersAdded: [{ id: 5 }] },
      { ...valid, from: { id: 'x'.repeat(10_000) } },
      { ['__proto__']: { type: 'message' } },
    ];
    for (const body of shapes) {
      const res = await post(body, token);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    // Not JSON, not an object, the wrong type, too big.
    for (const [body, type, status] of [
      ['{not json', 'application/json', 400],
      ['[1,2]', 'application/json', 400],
      ['null', 'application/json', 400],
      ['"text"', 'application/json', 400],
      ['{}', 'text/plain', 415],
      [`{"type":"message","text":"${'x'.repeat(1_100_000)}"}`, 'application/json', 413],
    ] as const) {
      const res = await post(body, token, type);
      expect({ body: body.slice(0, 20), status: res.status }).toEqual({ body: body.slice(0, 20), status });
    }
    // Well-formed activities the bot has no use for, or that fail inside the turn, are answered too.
    for (const odd of [
      { ...valid, type: 'invoke', name: 'adaptiveCard/action', value: { action: { data: 'x' } } },
      { ...valid, type: 'typing' },
      { ...valid, value: 'not a card submission' },
      { ...valid, value: { form: 'no.such.form' } },
      { ...valid, type: 'conversationUpdate', membersAdded: [BOT], text: undefined },
    ]) {
      const res = await post(odd, token);
      expect(res.status).toBeLessThan(500);
    }
    expect(serverErrors).toEqual([]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const still = await post(valid, token);
    expect(repliesOf(still.text)).toContain(SEED.auditor);
  });
});
