import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../adapters/slack/deliverer.js';
import { toSlackLogger } from '../adapters/slack/log.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-supersecretbot',
  SLACK_SIGNING_SECRET: 'signing-5ecret-abcdef',
  SLACK_APP_TOKEN: 'xapp-1-A0-supersecretapp',
  MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
  MICROSOFT_APP_PASSWORD: 'teams~Pa55word~secret',
};

describe('structured logs', () => {
  it('redacts every secret of the configuration, however it is logged', () => {
    const config = loadConfig({ ...SECRETS, MICROSOFT_APP_TENANT_ID: '00000000-0000-4000-8000-0000000000aa' });
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.info({ config }, 'starting');
    logger.info({ slack: config.slack, teams: config.teams }, 'platforms');
    logger.info(config, 'flat');
    logger.child({ component: 'slack' }).warn({ req: { headers: { authorization: 'Bearer xoxb-111-222-supersecretbot' } } }, 'request');
    const text = out.text();
    for (const secret of [SECRETS.SLACK_BOT_TOKEN, SECRETS.SLACK_SIGNING_SECRET, SECRETS.SLACK_APP_TOKEN, SECRETS.MICROSOFT_APP_PASSWORD, 'supersecret']) {
      expect(text).not.toContain(secret);
    }
    const [first] = out.lines();
    expect(first).toMatchObject({ app: 'auditbot', msg: 'starting', level: 30 });
    expect(first?.config).toMatchObject({ slack: { botToken: '[redacted]', signingSecret: '[redacted]', appToken: '[redacted]' }, teams: { appPassword: '[redacted]' } });
    // What is not secret stays readable, so the logs still help.
    expect(text).toContain(SECRETS.MICROSOFT_APP_ID);
    expect(out.lines()).toHaveLength(4);
  });

  it('redacts credentials inside SLACK_API_URL, in the configuration and in errors that quote the URL', async () => {
    const apiUrl = 'https://proxyuser:proxy-pa55@proxy.acme.example/slack/api/?token=query-5ecret';
    const config = loadConfig({ ...SECRETS, MICROSOFT_APP_TENANT_ID: '00000000-0000-4000-8000-0000000000aa', SLACK_API_URL: apiUrl });
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.info({ config }, 'starting');
    // The Web API client refuses such a URL with an error that quotes it whole.
    const client = new webApi.WebClient(SECRETS.SLACK_BOT_TOKEN, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, logger: toSlackLogger(logger) });
    const error = await client.chat.postMessage({ channel: 'C0123', text: 'hello' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((error as Error).message)).toContain('proxy-pa55');
    logger.error({ err: error }, `delivery failed: ${(error as Error).message}`);
    const text = out.text();
    for (const secret of ['proxy-pa55', 'proxyuser', 'query-5ecret', 'supersecret']) expect(text).not.toContain(secret);
    // The host stays readable: it is what someone debugging needs.
    expect((out.lines()[0]?.config as { slack: { apiUrl: string } }).slack.apiUrl).toBe('https://[redacted]@proxy.acme.example/slack/api/?token=[redacted]');
    // The delivery error recorded on the outbox row (and shown by `auditbot outbox`) is clean too.
    const recorded = classifySlackError(error);
    expect(recorded.error).toContain('proxy.acme.example');
    expect(recorded.error).not.toMatch(/proxy-pa55|proxyuser|query-5ecret/);
  });

  it('writes nothing below its level', () => {
    const out = capture();
    const logger = createLogger('warn', out.stream);
    logger.info('quiet');
    logger.warn('loud');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });
});
