import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

  it('writes nothing below its level', () => {
    const out = capture();
    const logger = createLogger('warn', out.stream);
    logger.info('quiet');
    logger.warn('loud');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });
});
