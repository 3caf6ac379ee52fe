// Delivery isolation under `auditbot serve`, end to end: the real Slack adapter against the fake
// Slack Web API, the real Teams adapter (anonymous, on loopback) against the fake Bot Connector,
// and the console, all fed by one outbox. Slack misbehaves in every way it can: a call that
// hangs, HTTP 500, 429 with Retry-After, a connection dropped before the answer, and an
// auth.test that fails at start. Teams and the console carry on meanwhile, and once Slack is
// back every notification is delivered, each person's in order.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger } from '../../src/logger.js';
import { startServe, type Serve } from '../../src/serve.js';
import { tempDir } from '../helpers/cli.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SIGNING_SECRET, SLACK_IDS } from '../slack/harness.js';
import { FakeSlack, type RecordedCall } from '../slack/fake-slack.js';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.js';
import type { Platform } from '../../src/core/shared/actor.js';

const NOW = '2027-01-04T10:00:00.000Z';
const TENANT = '72f988bf-0000-4000-8000-000000000001';

let fake: FakeSlack;
let connector: FakeConnector;
let app: App;
let clock: ReturnType<typeof fixedClock>;
let serve: Serve | undefined;
let consoleText = '';

beforeEach(async () => {
  fake = await new FakeSlack().start();
  connector = await startFakeConnector();
  clock = fixedClock(NOW);
  consoleText = '';
});

afterEach(async () => {
  await serve?.stop();
  serve = undefined;
  app.close();
  await fake.stop();
  await connector.close();
});

function openWith(env: Record<string, string> = {}): App {
  const config = loadConfig({
    AUDITBOT_DB: join(tempDir(), 'auditbot.db'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    TEAMS_ALLOW_ANONYMOUS: 'true',
    ...env,
  });
  app = openApp(config, { clock, logger: createLogger('silent') });
  seedSmallOrg(app);
  // Teams people are reached through the conversation stored when they last wrote to the bot.
  app.core.store.transaction((tx) => {
    for (const email of [SEED.lead, SEED.auditor]) {
      tx.conversationRefs.save(email, {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: `a:personal-${email}`, conversationType: 'personal', tenantId: TENANT },
        bot: { id: '28:auditbot-test', name: 'Auditbot' },
        user: { id: `29:${email}`, name: email },
      });
    }
  });
  return app;
}

async function serveWith(extra: Partial<Parameters<typeof startServe>[0]> = {}): Promise<Serve> {
  const output = new PassThrough();
  output.on('data', (c: Buffer) => (consoleText += c.toString('utf8')));
  serve = await startServe({ config: app.config, app, io: { output }, dispatchIntervalMs: 60 * 60_000, ...extra });
  return serve;
}

const message = (text: string) => ({ summary: text, blocks: [{ type: 'text' as const, text }] });

function queue(rows: { key: string; platform: Platform; recipient: string }[]): void {
  app.core.store.transaction((tx) => {
    for (const r of rows) tx.outbox.enqueue({ ...r, message: message(r.key) });
  });
}

const row = (key: string) => app.core.store.transaction((tx) => tx.outbox.list().find((r) => r.key === key));

/**
 * Waits, turn by turn of the event loop, until the notification's outcome is recorded (delivered,
 * or pending after a failed attempt): the dispatcher records it right after the platform answers.
 */
async function recorded(key: string, status: 'delivered' | 'pending' = 'delivered'): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (row(key)?.status !== status || (status === 'pending' && row(key)?.attempts === 0)) {
    if (performance.now() > deadline) throw new Error(`${key} is ${row(key)?.status} after ${row(key)?.attempts} attempts, not ${status}`);
    await new Promise((r) => setImmediate(r));
  }
}

const posts = (channel: string): RecordedCall[] => fake.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);
const teamsPosts = (email: string) => connector.sent().filter((r) => r.conversationId === `a:personal-${email}`).map((r) => r.body.summary);

describe('delivery isolation', () => {
  it('Slack hangs, answers 500, 429 with Retry-After and drops the connection: Teams and the console are not held back, and after recovery everything is delivered once, in order', async () => {
    openWith();
    // Who meets which fault (seeded people, each with a Slack id).
    const people = { hang: 'lead', error: 'auditor', limited: 'otherAuditor', dropped: 'iamOwner' } as const;
    const slackRows = Object.entries(people).flatMap(([fault, who]) => [1, 2].map((n) => ({ key: `slack:${fault}:${n}`, platform: 'slack' as const, recipient: SEED[who] })));
    // Written in turns (each person's first, then each person's second), as a job would.
    queue([...slackRows.filter((r) => r.key.endsWith(':1')), ...slackRows.filter((r) => r.key.endsWith(':2'))]);
    queue([
      { key: 'teams:1', platform: 'teams', recipient: SEED.lead },
      { key: 'console:1', platform: 'console', recipient: SEED.leaver },
    ]);
    fake.failNext('chat.postMessage', { hang: true }, { status: 500 }, { status: 429, retryAfter: 2 }, { drop: true });

    const s = await serveWith();
    await s.platforms.settled;
    // Slack is stuck on its first message…
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.lead}`);
    expect(fake.hanging).toBe(1);
    // …while Teams and the console deliver what was queued before,
    await recorded('teams:1');
    await recorded('console:1');
    // and what is queued meanwhile.
    queue([
      { key: 'teams:2', platform: 'teams', recipient: SEED.auditor },
      { key: 'console:2', platform: 'console', recipient: SEED.leaver },
    ]);
    s.dispatcher.wake();
    await recorded('teams:2');
    await recorded('console:2');
    expect(fake.hanging).toBe(1);
    expect(row('slack:hang:1')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(teamsPosts(SEED.lead)).toEqual(['teams:1']);
    expect(teamsPosts(SEED.auditor)).toEqual(['teams:2']);
    expect(consoleText).toContain('console:1');
    expect(consoleText).toContain('console:2');

    // The hanging call's connection ends without an answer; Slack then fails each way once.
    fake.releaseHung();
    await recorded('slack:dropped:1', 'pending');
    expect(row('slack:hang:1')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row('slack:hang:1')?.lastError).toMatch(/^could not reach Slack/);
    expect(row('slack:error:1')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Slack answered HTTP 500' });
    expect(row('slack:limited:1')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2027-01-04T10:00:02.000Z' });
    expect(row('slack:dropped:1')?.lastError).toMatch(/^could not reach Slack/);
    // Each person's two messages were due together, so they went as one message (issue 15) and
    // wait for its retry together.
    for (const fault of Object.keys(people)) expect(row(`slack:${fault}:2`)).toMatchObject({ status: 'pending', attempts: 1 });

    // Slack recovers; once the retries are due, everything goes out.
    clock.advance(10 * 60_000);
    await s.dispatcher.runOnce();
    for (const r of slackRows) expect(row(r.key)?.status).toBe('delivered');
    for (const [fault, who] of Object.entries(people)) {
      // Slack took each person's bundle exactly once (answered 200), its parts in order.
      expect(posts(`D${SLACK_IDS[who]}`).filter((c) => c.outcome === 200).map((c) => c.body.text)).toEqual([`2 updates: slack:${fault}:1 · slack:${fault}:2`]);
    }
    expect(teamsPosts(SEED.lead)).toEqual(['teams:1']);
  });

  it('Slack down at start: serve runs, /healthz reports Slack degraded with the reason, its notifications wait and go out once it starts', async () => {
    openWith({ OUTBOX_MAX_ATTEMPTS: '1' });
    fake.outage('auth.test', { error: 'invalid_auth' });
    queue([
      { key: 'slack:1', platform: 'slack', recipient: SEED.iamOwner },
      { key: 'teams:1', platform: 'teams', recipient: SEED.lead },
      { key: 'console:1', platform: 'console', recipient: SEED.leaver },
    ]);
    const s = await serveWith({ startRetry: { baseMs: 20, maxMs: 100 } });
    await s.platforms.settled;

    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { ok: boolean; degraded: string[]; adapters: Record<string, unknown>[] };
    expect(body.ok).toBe(true);
    expect(body.degraded).toEqual(['slack']);
    expect(body.adapters.find((a) => a.platform === 'slack')).toMatchObject({
      status: 'degraded',
      reason: 'Slack refused the bot token (auth.test: Slack said invalid_auth); check SLACK_BOT_TOKEN and SLACK_API_URL',
      since: NOW,
    });
    expect(body.adapters.find((a) => a.platform === 'teams')).toMatchObject({ status: 'ok' });
    expect(text).not.toContain('xoxb-test-token');
    // Slack's own requests are told to come back later.
    expect((await fetch(`${s.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(503);

    // The rest runs: Teams and the console deliver.
    await recorded('teams:1');
    await recorded('console:1');
    // Slack's notification waits, untried, however often the dispatcher passes: not dead-lettered.
    clock.advance(60 * 60_000);
    await s.dispatcher.runOnce();
    expect(row('slack:1')).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
    // It keeps being retried in the background.
    await fake.waitFor((c) => c.method === 'auth.test' && fake.callsOf('auth.test').indexOf(c) >= 2);

    fake.restore('auth.test');
    const posted = await fake.answered((c) => c.method === 'chat.postMessage');
    expect(posted.body.text).toBe('slack:1');
    await recorded('slack:1');
    const after = (await (await fetch(`${s.url}/healthz`)).json()) as { degraded: string[]; adapters: Record<string, unknown>[] };
    expect(after.degraded).toEqual([]);
    expect(after.adapters.find((a) => a.platform === 'slack')).toMatchObject({ status: 'ok', started: true });
  });
});
