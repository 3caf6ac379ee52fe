import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PLATFORM_VARIABLES } from '../src/config.js';
import { cli, tempDir } from './helpers/cli.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';

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
    const teams = loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(teams.teams).toMatchObject({ appId: 'id', appType: 'MultiTenant', allowAnonymous: false, allowedTenants: [TENANT] });
  });

  it('lists PORT=abc and a cron the scheduler cannot run in one error, and the CLI stops with 78 before creating the database', async () => {
    expect(problemsOf({ PORT: 'abc', NUDGE_CRON: '0 9 L * *' })).toEqual([
      'PORT: expected a port number from 0 to 65535; got "abc"',
      'NUDGE_CRON: expected a cron expression such as "*/15 * * * *" (minute hour day-of-month month day-of-week), but "L" in the day-of-month field is not supported here (no L, W or #); got "0 9 L * *"',
    ]);
    const db = join(tempDir(), 'auditbot.db');
    const result = await cli(['serve'], { AUDITBOT_DB: db, PORT: 'abc', NUDGE_CRON: '0 9 L * *' });
    expect(result.code).toBe(78);
    expect(result.stderr.match(/Invalid configuration \(2 problems\)/g)).toHaveLength(1);
    expect(result.stderr).toContain('PORT: expected a port number');
    expect(result.stderr).toContain('NUDGE_CRON: expected a cron expression');
    expect(existsSync(db)).toBe(false);
  });

  it('checks every cron variable with what the scheduler runs: node-cron\'s syntax without L, W, # or seconds', () => {
    const problems = problemsOf({ NUDGE_CRON: '*/15 * * * * *', CHASE_CRON: '0 9 * * 1#2', DIGEST_CRON: '0 9 LW * *', AUDIT_STARTS_CRON: '0 25 * * *' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['NUDGE_CRON', 'CHASE_CRON', 'DIGEST_CRON', 'AUDIT_STARTS_CRON']);
    expect(problems[0]).toContain('a seconds field is not supported');
    expect(problems[1]).toContain('"1#2" in the day-of-week field is not supported');
    expect(problems[3]).toContain('25 is a invalid expression for hour');
    // What the scheduler does run is accepted: names, ranges, steps, @daily, a zero seconds field.
    expect(loadConfig({ NUDGE_CRON: '@daily', CHASE_CRON: '0 9 * * MON-FRI', DIGEST_CRON: '0 0 9 * * 1', AUDIT_STARTS_CRON: '5 0 ? * *' }).cron).toEqual({
      nudges: '@daily',
      chase: '0 9 * * MON-FRI',
      digest: '0 0 9 * * 1',
      auditStarts: '5 0 ? * *',
    });
  });
});

describe('Teams configuration', () => {
  const APP = { MICROSOFT_APP_ID: '6d3a1f0e-8c2b-4f7a-9e51-0b9c4d2e7a13', MICROSOFT_APP_PASSWORD: 'pw' };

  it('with neither MICROSOFT_APP_TENANT_ID nor TEAMS_ALLOWED_TENANTS, Teams refuses to start: exit 78, naming both, before the database', async () => {
    const problems = problemsOf({ ...APP, MICROSOFT_APP_TYPE: 'MultiTenant' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MICROSOFT_APP_TENANT_ID or TEAMS_ALLOWED_TENANTS: one is required with MICROSOFT_APP_ID, so that only your own Microsoft 365 tenant can use the bot\./);
    const db = join(tempDir(), 'auditbot.db');
    const result = await cli(['serve'], { ...APP, AUDITBOT_DB: db, PORT: '0', HOST: '127.0.0.1' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('MICROSOFT_APP_TENANT_ID or TEAMS_ALLOWED_TENANTS');
    expect(existsSync(db)).toBe(false);
  });

  it('takes the allowed tenants from TEAMS_ALLOWED_TENANTS and MICROSOFT_APP_TENANT_ID, and refuses what is not a tenant id', () => {
    const other = '0b5e8f3a-1111-4222-8333-444455556666';
    expect(loadConfig({ ...APP, TEAMS_ALLOWED_TENANTS: ` ${TENANT.toUpperCase()}, ${other} ` }).teams?.allowedTenants).toEqual([TENANT, other]);
    expect(loadConfig({ ...APP, MICROSOFT_APP_TENANT_ID: TENANT, TEAMS_ALLOWED_TENANTS: `${other} ${TENANT}` }).teams?.allowedTenants).toEqual([TENANT, other]);
    expect(problemsOf({ ...APP, TEAMS_ALLOWED_TENANTS: `${TENANT},contoso.onmicrosoft.com` })).toEqual([
      `TEAMS_ALLOWED_TENANTS: expected a comma-separated list of Entra tenant ids (GUIDs such as 3f2a9c1e-0000-4000-8000-5d6e7f8a9b0c); got "${TENANT},contoso.onmicrosoft.com"`,
    ]);
    expect(problemsOf({ ...APP, MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com' })[0]).toMatch(/^MICROSOFT_APP_TENANT_ID: expected the Entra tenant id \(a GUID/);
  });

  it('anonymous mode needs no tenant (local testing), but a loopback HOST: otherwise exit 78 with the reason, before the database', async () => {
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1' }).teams).toMatchObject({ allowAnonymous: true, allowedTenants: [] });
    for (const host of [undefined, '0.0.0.0', '10.0.0.5']) {
      const db = join(tempDir(), 'auditbot.db');
      const result = await cli(['serve'], { AUDITBOT_DB: db, PORT: '0', TEAMS_ALLOW_ANONYMOUS: 'true', ...(host ? { HOST: host } : {}) });
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(`TEAMS_ALLOW_ANONYMOUS=true turns off Bot Framework authentication and is for local testing only, but HOST is "${host ?? '0.0.0.0'}"`);
      expect(result.stderr).toContain('Set HOST=127.0.0.1');
      expect(result.stderr).not.toMatch(/\bat \w+ \(/);
      expect(existsSync(db)).toBe(false);
    }
  });
});
