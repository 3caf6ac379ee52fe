// Requests that are not provably Slack's are refused by the real Bolt receiver with 401 before
// any listener runs: nothing is stored and the bot calls no Slack API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../adapters/slack/app.js';
import { loadConfig } from '../../src/config.js';
import { listFindings } from '../../src/core/findings/list-findings.js';
import { createLogger } from '../../src/logger.js';
import { createHttpServer } from '../../src/server/http.js';
import { commandFields, FORM, JSON_TYPE, signature, slackPoster } from './sign.js';
import { findingState, SIGNING_SECRET, startHarness, SLACK_IDS, VALID_FINDING, viewSubmission, type Harness } from './harness.js';
import type { RecordedCall } from './fake-slack.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const state = (t: Harness) =>
  t.core.store.transaction((tx) => ({ findings: tx.findings.list(), trail: tx.trail.list().length, outbox: tx.outbox.list().length, people: tx.organisation.listPeople({ includeInactive: true }) }));

describe('request signatures', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: { name: string; options: () => { sign?: boolean; secret?: string; timestamp?: number } }[] = [
    { name: 'unsigned', options: () => ({ sign: false }) },
    { name: 'signed with the wrong secret', options: () => ({ secret: 'not-the-signing-secret' }) },
    { name: 'six minutes old', options: () => ({ timestamp: now() - 6 * 60 }) },
  ];

  it.each(cases)('refuses a slash command $name with 401 and changes nothing', async ({ options }) => {
    h.fake.reset();
    const before = state(h);
    const res = await h.poster.command(commandFields('/finding', 'forged', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }), options());
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
    expect(state(h)).toEqual(before);
  });

  it.each(cases)('refuses a view submission $name with 401 and records no finding', async ({ options }) => {
    await h.command('/finding', '', SLACK_IDS.auditor);
    const opened = (await h.fake.waitForMethod('views.open')) as RecordedCall;
    h.fake.reset();
    const before = state(h);
    const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING)), options());
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
    expect(state(h)).toEqual(before);
    expect(listFindings(h.core)).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const body = new URLSearchParams(commandFields('/finding', 'original', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() })).toString();
    const ts = now();
    h.fake.reset();
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(SIGNING_SECRET, ts, body) },
      body: body.replace('original', 'tampered'),
    });
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('accepts the same request correctly signed (the control case)', async () => {
    const res = await h.poster.command(commandFields('/finding', 'genuine', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(h.fake.callsOf('views.open')).toHaveLength(1);
  });
});

describe('request checks beyond the signature', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const healthz = async (t: Harness) => (await fetch(t.eventsUrl.replace('/slack/events', '/healthz'))).status;

  it('refuses a correctly signed request dated more than five minutes ahead with 401 and changes nothing', async () => {
    h.fake.reset();
    const before = state(h);
    const res = await h.poster.command(commandFields('/finding', 'from the future', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }), { timestamp: now() + 6 * 60 });
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
    expect(state(h)).toEqual(before);
  });

  it('accepts a request dated a few seconds ahead (clocks differ a little)', async () => {
    const res = await h.poster.command(commandFields('/finding', 'a little early', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }), { timestamp: now() + 30 });
    expect(res.status).toBe(200);
    expect(h.fake.callsOf('views.open')).toHaveLength(1);
  });

  it('refuses an identical signed request replayed inside the window with 401, so it is processed once', async () => {
    const body = new URLSearchParams(commandFields('/audit', 'mine', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() })).toString();
    const ts = now();
    h.fake.reset();
    const first = await h.poster.post(body, FORM, { timestamp: ts });
    expect(first.status).toBe(200);
    await h.fake.waitForMethod('response_url');
    const again = await h.poster.post(body, FORM, { timestamp: ts });
    expect(again.status).toBe(401);
    // Both at once: one of them is the replay.
    const body2 = new URLSearchParams(commandFields('/audit', 'mine', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() })).toString();
    const pair = await Promise.all([h.poster.post(body2, FORM, { timestamp: ts }), h.poster.post(body2, FORM, { timestamp: ts })]);
    expect(pair.map((r) => r.status).sort()).toEqual([200, 401]);
    await h.fake.waitFor((c) => c.method === 'response_url' && h.fake.callsOf('response_url').length === 2);
    expect(h.fake.callsOf('response_url')).toHaveLength(2);
  });

  it('still refuses the replay after a restart inside the window (the seen signatures are stored)', async () => {
    const body = new URLSearchParams(commandFields('/finding', 'before the restart', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() })).toString();
    const ts = now();
    expect((await h.poster.post(body, FORM, { timestamp: ts })).status).toBe(200);
    // A second adapter on the same database stands in for the restarted process.
    const restarted = createSlackAdapter({
      registry: defaultRegistry,
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: h.fake.apiUrl }),
      core: h.core,
      logger: createLogger('silent'),
      processBeforeResponse: true,
    });
    await restarted.start();
    const http = createHttpServer({ health: () => ({ ok: true }) });
    restarted.mount(http);
    const address = await http.listen(0, '127.0.0.1');
    try {
      h.fake.reset();
      const replay = await slackPoster(`http://127.0.0.1:${address.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET).post(body, FORM, { timestamp: ts });
      expect(replay.status).toBe(401);
      expect(h.fake.calls).toEqual([]);
    } finally {
      await http.close();
    }
  });

  it('accepts a Slack retry: the same body re-signed with a new timestamp and x-slack-retry-num', async () => {
    const fields = commandFields('/finding', 'retried by Slack', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() });
    const body = new URLSearchParams(fields).toString();
    const ts = now();
    expect((await h.poster.post(body, FORM, { timestamp: ts - 2 })).status).toBe(200);
    const retry = await h.poster.post(body, FORM, { timestamp: ts, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
  });

  it.each([
    { name: 'a JSON body of null', body: 'null', type: JSON_TYPE },
    { name: 'payload=null', body: 'payload=null', type: FORM },
  ])('answers a correctly signed $name with 400, and the server keeps serving', async ({ body, type }) => {
    const res = await h.poster.post(body, type);
    expect(res.status).toBe(400);
    expect(await healthz(h)).toBe(200);
    const control = await h.poster.command(commandFields('/finding', 'still here', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }));
    expect(control.status).toBe(200);
  });
});
