// The composition point: the Slack factory is off without credentials, mounts POST /slack/events
// on the shared server in HTTP mode, and mounts nothing in Socket Mode.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { slackAdapterFactory } from '../../adapters/slack/app.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createHttpServer } from '../../src/server/http.js';
import { makeTestCore } from '../helpers/core.js';
import { FakeSlack } from './fake-slack.js';
import { slackPoster } from './sign.js';

const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

function context(env: Record<string, string>) {
  const { core } = makeTestCore();
  const http = createHttpServer({ health: () => ({ ok: true }) });
  return { ctx: { config: loadConfig(env), core, registry: defaultRegistry, logger: silent, http, wakeDispatcher: () => undefined }, http };
}

describe('slackAdapterFactory', () => {
  it('is off when Slack is not configured', () => {
    expect(slackAdapterFactory(context({}).ctx)).toBeNull();
  });

  it('mounts POST /slack/events in HTTP mode, answering Slack\'s URL verification once started', async () => {
    const fake = await new FakeSlack().start();
    const { ctx, http } = context({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 'secret-1', SLACK_API_URL: fake.apiUrl });
    const adapter = slackAdapterFactory(ctx);
    expect(adapter).toMatchObject({ platform: 'slack', mode: 'POST /slack/events' });
    expect(adapter?.deliverer.platform).toBe('slack');
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      await adapter?.start?.();
      expect(fake.callsOf('auth.test')).toHaveLength(1);
      const res = await slackPoster(`http://127.0.0.1:${port}/slack/events`, 'secret-1').event({ type: 'url_verification', token: 't', challenge: 'c-123' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('c-123');
      expect(adapter?.health?.()).toEqual({ mode: 'POST /slack/events', started: true });
    } finally {
      await adapter?.stop?.();
      await http.close();
      await fake.stop();
    }
  });

  it('mounts nothing in Socket Mode (SLACK_APP_TOKEN)', async () => {
    const { ctx, http } = context({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_APP_TOKEN: 'xapp-1-t' });
    const adapter = slackAdapterFactory(ctx);
    expect(adapter?.mode).toBe('socket mode');
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
