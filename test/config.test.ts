import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PLATFORM_VARIABLES } from '../src/config.js';
import { cli, tempDir } from './helpers/cli.js';

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('lists three bad variables in one error, each named with what it accepts', () => {
    const env = { PORT: 'eighty', AUDITBOT_TZ: 'Mars/Olympus', NUDGE_CRON: 'every minute' };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    expect(config.problems).toHaveLength(3);
    expect(config.message).toContain('3 problems');
    expect(config.message).toMatch(/PORT: expected a port number from 0 to 65535; got "eighty"/);
    expect(config.message).toMatch(/AUDITBOT_TZ: expected an IANA time zone .*; got "Mars\/Olympus"/);
    expect(config.message).toMatch(/NUDGE_CRON: expected a cron expression .*; got "every minute"/);
  });

  it('stops a CLI command before it touches the database and prints every problem at once', async () => {
    const dir = tempDir();
    const result = await cli(['catalogue'], { AUDITBOT_DB: `${dir}/auditbot.db`, PORT: '70000', LOG_LEVEL: 'loud', OUTBOX_MAX_ATTEMPTS: 'zero' });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines.map((l) => l.slice(4).split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'OUTBOX_MAX_ATTEMPTS', 'PORT']);
    expect(result.stderr.match(/Invalid configuration/g)).toHaveLength(1);
  });

  it('takes IANA zone names for AUDITBOT_TZ and refuses UTC offsets, which have no DST rules', () => {
    expect(loadConfig({ AUDITBOT_TZ: 'Europe/London' }).timezone).toBe('Europe/London');
    expect(loadConfig({ AUDITBOT_TZ: 'UTC' }).timezone).toBe('UTC');
    expect(() => loadConfig({ AUDITBOT_TZ: '+01:00' })).toThrow(/AUDITBOT_TZ: expected an IANA time zone/);
  });

  it('never echoes a secret value back, even when it is wrong', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret-123',
      SLACK_APP_TOKEN: 'not-an-app-token-secret-456',
      SLACK_SIGNING_SECRET: 'signing-secret-789',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_ID: 'app-id',
    });
    const text = problems.join('\n');
    expect(text).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-; got a value (hidden)');
    expect(text).toContain('SLACK_APP_TOKEN: expected an app-level token starting with xapp-; got a value (hidden)');
    expect(text).toContain('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
    expect(text).toContain('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant');
    for (const secret of ['xoxp-user-token-secret-123', 'not-an-app-token-secret-456', 'signing-secret-789']) expect(text).not.toContain(secret);
  });

  it('has defaults that run the console on the embedded database with no chat platform', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      db: './data/auditbot.db',
      timezone: 'UTC',
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      outboxMaxAttempts: 8,
      slack: null,
      teams: null,
      cron: { nudges: '*/15 * * * *', chase: '0 9 * * 1-5', digest: '0 9 * * 1', auditStarts: '5 0 * * *' },
    });
    expect(Object.keys(PLATFORM_VARIABLES)).toEqual(['slack', 'teams']);
  });

  it('treats empty variables as unset and switches a platform on only with its credentials', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: ' ' })).toMatchObject({ slack: null, teams: null });
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(slack.slack).toMatchObject({ botToken: 'xoxb-1', signingSecret: 's' });
    expect(slack.teams).toBeNull();
    const teams = loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' });
    expect(teams.teams).toMatchObject({ appId: 'id', appType: 'MultiTenant', allowAnonymous: false });
  });
});
