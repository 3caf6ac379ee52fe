// Issue 5, acceptance 3: anonymous mode (no Bot Framework authentication) is for local testing
// only. Requested on an address other machines can reach, the server refuses to start, saying
// why; on loopback it starts. With credentials, a request without a token is refused.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { assertAnonymousAllowed, createTeamsAdapter, teamsAdapterFactory, TeamsConfigError } from '../../adapters/teams/adapter.js';
import { isLoopbackHost } from '../../src/server/loopback.js';
import { openApp, type App } from '../../src/app.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger } from '../../src/logger.js';
import { startServe, type Serve } from '../../src/serve.js';
import { createHttpServer } from '../../src/server/http.js';
import { tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';

const NOW = '2027-01-04T10:00:00.000Z';

/** A port nothing listens on now: bound, read, released. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('Teams anonymous mode', () => {
  let serve: Serve | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await serve?.stop();
    app?.close();
    serve = undefined;
    app = undefined;
  });

  it('knows loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.10', '128.0.0.1', 'example.com', 'localhost.example.com', '::ffff:10.0.0.1']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
  });

  it('refuses anonymous mode on a reachable address with an error that says what to do', () => {
    expect(() => assertAnonymousAllowed('0.0.0.0')).toThrow(TeamsConfigError);
    expect(() => assertAnonymousAllowed('0.0.0.0')).toThrow(/TEAMS_ALLOW_ANONYMOUS=true .* HOST is "0\.0\.0\.0".* Set HOST=127\.0\.0\.1/s);
    expect(() => assertAnonymousAllowed('127.0.0.1')).not.toThrow();
    // The configuration check refuses it first; the adapter holds for a Config built any other way.
    expect(() => loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '10.0.0.5' })).toThrow(/TEAMS_ALLOW_ANONYMOUS=true turns off Bot Framework authentication/);
    const t = makeTestCore();
    const config = { ...loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1' }), host: '10.0.0.5' };
    expect(() => createTeamsAdapter({ config, core: t.core, registry: defaultRegistry, logger: createLogger('silent') })).toThrow(/TEAMS_ALLOW_ANONYMOUS/);
  });

  it('the server refuses to start: nothing listens, and the reason is given', async () => {
    const port = await freePort();
    // Built past the configuration check (which refuses it with exit 78, see test/config.test.ts).
    const config = { ...loadConfig({ AUDITBOT_DB: join(tempDir(), 'a.db'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', TEAMS_ALLOW_ANONYMOUS: 'true' }), host: '0.0.0.0' };
    app = openApp(config, { clock: fixedClock(NOW), logger: createLogger('silent') });
    await expect(startServe({ config, app, io: { output: new PassThrough() }, adapters: [teamsAdapterFactory] })).rejects.toThrow(/TEAMS_ALLOW_ANONYMOUS=true turns off Bot Framework authentication/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('starts on loopback and serves POST /api/messages beside /healthz', async () => {
    const config = loadConfig({ AUDITBOT_DB: join(tempDir(), 'b.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TEAMS_ALLOW_ANONYMOUS: 'true' });
    app = openApp(config, { clock: fixedClock(NOW), logger: createLogger('silent') });
    serve = await startServe({ config, app, io: { output: new PassThrough() }, adapters: [teamsAdapterFactory] });
    const health = (await (await fetch(`${serve.url}/healthz`)).json()) as { adapters: { platform: string; mode: string }[] };
    expect(health.adapters).toContainEqual({ platform: 'teams', mode: 'POST /api/messages (anonymous, local testing)', status: 'ok' });
    const bad = await fetch(`${serve.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const wrongType = await fetch(`${serve.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    // Issue 11, point 2: an object that is not an activity is a bad request, not a failed turn.
    const empty = await fetch(`${serve.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: expect.stringMatching(/^the body is not a Bot Framework activity: type, /) });
    expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
  });

  it('with credentials, refuses a request that carries no token', async () => {
    const t = makeTestCore();
    const config = loadConfig({ MICROSOFT_APP_ID: '6d3a1f0e-8c2b-4f7a-9e51-0b9c4d2e7a13', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: '72f988bf-0000-4000-8000-000000000001', HOST: '0.0.0.0' });
    const teams = createTeamsAdapter({ config, core: t.core, registry: defaultRegistry, logger: createLogger('silent') });
    expect(teams.anonymous).toBe(false);
    const http = createHttpServer({ health: () => ({ ok: true }) });
    teams.mount(http);
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'help', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', from: { id: '29:x' }, conversation: { id: 'a:x' }, recipient: { id: '28:b' } }),
      });
      expect(res.status).toBe(401);
      expect(t.core.store.transaction((tx) => tx.conversationRefs.latest())).toBeNull();
    } finally {
      await http.close();
    }
  });
});
