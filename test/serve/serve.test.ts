import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { AdapterFactory } from '../../src/adapters.js';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger } from '../../src/logger.js';
import { startServe, type Serve } from '../../src/serve.js';
import { tempDir } from '../helpers/cli.js';

const NOW = '2027-01-04T10:00:00.000Z';

function setUp(env: Record<string, string> = {}) {
  const file = join(tempDir(), 'auditbot.db');
  const config = loadConfig({ AUDITBOT_DB: file, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const app = openApp(config, { clock: fixedClock(NOW), logger: createLogger('silent') });
  return { file, config, app };
}

const message = (text: string) => ({ summary: text, blocks: [{ type: 'text' as const, text }] });

describe('auditbot serve', () => {
  let serve: Serve | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await serve?.stop();
    app?.close();
    serve = undefined;
    app = undefined;
  });

  it('answers GET /healthz with the database, scheduler, outbox backlog and adapters', async () => {
    const s = setUp();
    app = s.app;
    // A Slack notification with no Slack deliverer in this process stays pending: it is the backlog.
    app.core.store.transaction((tx) => tx.outbox.enqueue({ key: 'test:1', platform: 'slack', recipient: 'ana@acme.example', message: message('hello') }));
    serve = await startServe({ config: s.config, app, io: { output: new PassThrough() } });
    expect(serve.address.address).toBe('127.0.0.1');
    expect(serve.address.port).toBeGreaterThan(0);

    const res = await fetch(`${serve.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      ok: true,
      database: 'ok',
      scheduler: { running: true },
      outbox: { pending: 1, dead: 0, oldestPendingAt: NOW },
      adapters: [{ platform: 'console', mode: 'terminal', session: null }],
    });
    const scheduler = body.scheduler as { jobs: unknown[]; lastRuns: unknown };
    expect(Array.isArray(scheduler.jobs)).toBe(true);
    expect(scheduler.lastRuns).toBeTypeOf('object');
    // Nothing secret or internal beyond the contract.
    expect(Object.keys(body).sort()).toEqual(['adapters', 'database', 'degraded', 'ok', 'outbox', 'scheduler']);
  });

  it('logs its start as structured JSON with every secret of the configuration redacted', async () => {
    const secrets = { SLACK_BOT_TOKEN: 'xoxb-9-9-topsecretbottoken', SLACK_SIGNING_SECRET: 'topsecretsigning', MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'topsecretpassword', MICROSOFT_APP_TENANT_ID: '00000000-0000-4000-8000-0000000000aa' };
    const s = setUp(secrets);
    s.app.close();
    const logs = new PassThrough();
    let logText = '';
    logs.on('data', (c: Buffer) => (logText += c.toString('utf8')));
    app = openApp(s.config, { clock: fixedClock(NOW), logger: createLogger('info', logs) });
    // No platform factories: this test is about what serve itself logs.
    serve = await startServe({ config: s.config, app, io: { output: new PassThrough() }, adapters: [] });
    await serve.stop();
    const lines = logText.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; config?: { slack: Record<string, unknown>; teams: Record<string, unknown> } });
    const serving = lines.find((l) => l.msg === 'auditbot is serving');
    expect(serving?.config?.slack).toMatchObject({ botToken: '[redacted]', signingSecret: '[redacted]' });
    expect(serving?.config?.teams).toMatchObject({ appId: 'app-1', appPassword: '[redacted]' });
    expect(logText).not.toContain('topsecret');
  });

  it('says which variable to change when the port is taken', async () => {
    const first = setUp();
    app = first.app;
    serve = await startServe({ config: first.config, app, io: { output: new PassThrough() } });
    const second = setUp({ PORT: String(serve.address.port) });
    await expect(startServe({ config: second.config, app: second.app, io: { output: new PassThrough() } })).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${serve.address.port}: it is already in use. Set PORT (and HOST) to another one; PORT=0 picks a free port.`,
    );
    second.app.close();
  });

  it('answers 503 when the database check fails', async () => {
    const s = setUp();
    app = s.app;
    serve = await startServe({ config: s.config, app, io: { output: new PassThrough() } });
    await serve.dispatcher.stop();
    app.db.$client.close();
    const res = await fetch(`${serve.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.ok).toBe(false);
    expect(String(body.database)).toMatch(/^error: .*database connection is not open/);
  });

  it('stops cleanly: HTTP closed, scheduler stopped, the delivery in flight finished, database closed', async () => {
    const s = setUp();
    s.app.close();
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const deliveryStarted = new Promise<void>((r) => (started = r));
    const slow: AdapterFactory = () => ({
      platform: 'slack',
      mode: 'test',
      deliverer: {
        platform: 'slack',
        deliver: () =>
          new Promise((resolve) => {
            started();
            release = () => resolve({ ok: true });
          }),
      },
    });
    // The shutdown steps are logged; the test waits for the log line instead of guessing a delay.
    const logs = new PassThrough();
    let logText = '';
    const waitingForDeliveries = new Promise<void>((resolve) =>
      logs.on('data', (chunk: Buffer) => {
        logText += chunk.toString('utf8');
        if (logText.includes('shutdown: finishing deliveries in flight')) resolve();
      }),
    );
    app = openApp(s.config, { clock: fixedClock(NOW), logger: createLogger('info', logs) });
    app.core.store.transaction((tx) => tx.outbox.enqueue({ key: 'test:slow', platform: 'slack', recipient: 'bo@acme.example', message: message('slow') }));
    serve = await startServe({ config: s.config, app, io: { output: new PassThrough() }, adapters: [slow], dispatchIntervalMs: 60_000 });
    const { url } = serve;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await deliveryStarted;

    let stopped = false;
    const stopping = serve.stop().then(() => {
      stopped = true;
    });
    await waitingForDeliveries;
    // The HTTP server refuses new work while the delivery is still in flight.
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(serve.address.port).toBeGreaterThan(0);
    expect(stopped).toBe(false);
    expect(serve.scheduler.status().running).toBe(false);
    expect(app.db.$client.open).toBe(true);
    release();
    await stopping;
    expect(stopped).toBe(true);
    expect(app.db.$client.open).toBe(false);
    expect(logText).toMatch(/"msg":"stopped"/);
    const order = ['closing the HTTP server', 'stopping the scheduler', 'finishing deliveries in flight', 'closing the database'].map((step) => logText.indexOf(`shutdown: ${step}`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The delivery that was in flight was recorded before the database closed.
    const db = new Database(s.file, { readonly: true });
    expect(db.prepare('select status from outbox where key = ?').get('test:slow')).toEqual({ status: 'delivered' });
    db.close();
    // stop() twice is harmless.
    await serve.stop();
  });
});
