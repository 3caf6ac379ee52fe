// `npm start` on a fresh clone: no chat credentials, no database. The real process is started
// the way `npm start` starts it, and driven through its terminal like a newcomer would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const PROMPT = 'auditbot (ana@acme.example)> ';

/** The parent's environment without anything that configures Auditbot or a chat platform. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(SLACK_|MICROSOFT_|TEAMS_|DIGEST_|AUDITBOT_|LOG_LEVEL$|PORT$|HOST$|NUDGE_|CHASE_|AUDIT_STARTS_|OUTBOX_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout after `from` contains `text`; rejects if the process ends first. */
  until(text: string | RegExp, from?: number): Promise<string>;
  exited: Promise<number | null>;
}

/**
 * `npm start` itself, or the command it runs (`node bin/auditbot.mjs serve`) started directly:
 * for signals, since npm's wrapper dies of a SIGTERM itself instead of reporting the exit code of
 * the process it ran.
 */
function start(env: Record<string, string>, via: 'npm' | 'node' = 'npm'): Running {
  const [command, args] = via === 'npm' ? ['npm', ['start']] : [process.execPath, ['bin/auditbot.mjs', 'serve']];
  const child = spawn(command, args, { cwd: root, env: cleanEnv(env), stdio: 'pipe' });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const l of [...listeners]) l();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const until = (text: string | RegExp, from = 0) =>
    new Promise<string>((res, rej) => {
      const check = () => {
        const tail = out.slice(from);
        if (typeof text === 'string' ? tail.includes(text) : text.test(tail)) {
          listeners.delete(check);
          res(tail);
        }
      };
      listeners.add(check);
      void exited.then((code) => {
        listeners.delete(check);
        rej(new Error(`the process ended (${code}) before printing ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
      });
      check();
    });
  return { child, stdout: () => out, stderr: () => err, until, exited };
}

describe('npm start with no chat credentials (first run)', () => {
  let running: Running | undefined;
  afterEach(() => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    running = undefined;
  });

  it('says how to enable Slack or Teams, imports the example, opens the console as the audit lead, and exits 0 on exit', async () => {
    const db = join(tempDir(), 'data', 'auditbot.db');
    running = start({ AUDITBOT_DB: db, PORT: '0', HOST: '127.0.0.1' });
    const r = running;
    const first = await r.until(PROMPT);
    expect(first).toContain('No Slack or Teams credentials are set');
    expect(first).toMatch(/Slack: SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET/);
    expect(first).toMatch(/Teams: MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD/);
    expect(first).toContain('the example organisation was imported from examples/org.yaml');

    // The HTTP server runs behind the console.
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'ok', scheduler: { running: true }, adapters: [{ platform: 'console', session: 'ana@acme.example' }] });

    const mark = r.stdout().length;
    r.child.stdin.write('whoami\n');
    const answer = await r.until(new RegExp(`E-mail: ana@acme\\.example[\\s\\S]*${PROMPT.replace(/[()]/g, '\\$&')}$`), mark);
    expect(answer).toMatch(/Roles: .*lead/);
    expect(answer).toMatch(/Team: /);

    r.child.stdin.write('exit\n');
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toContain('Auditbot stopped.');
    // No JSON log lines in the terminal conversation.
    expect(r.stdout()).not.toMatch(/"level":/);

    const check = new Database(db, { readonly: true });
    expect(check.prepare("select count(*) as n from people where email = 'ana@acme.example' and active = 1").get()).toEqual({ n: 1 });
    expect(check.prepare("select actor, action, channel from trail_events where action = 'organisation.imported'").all()).toEqual([{ actor: 'system', action: 'organisation.imported', channel: 'system' }]);
    check.close();
  });

  it('keeps the organisation already in the database and shuts down gracefully on SIGTERM', async () => {
    const db = join(tempDir(), 'auditbot.db');
    const once = start({ AUDITBOT_DB: db, PORT: '0', HOST: '127.0.0.1' });
    running = once;
    await once.until(PROMPT);
    once.child.stdin.end();
    expect(await once.exited).toBe(0);

    running = start({ AUDITBOT_DB: db, PORT: '0', HOST: '127.0.0.1' }, 'node');
    const r = running;
    const first = await r.until(PROMPT);
    expect(first).toMatch(/Using the organisation already in .*auditbot\.db/);
    expect(first).not.toContain('was imported');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toContain('Auditbot stopped.');
  });

  it('with credentials serves only: /healthz answers 200 and SIGTERM exits 0', async () => {
    const db = join(tempDir(), 'auditbot.db');
    running = start({ AUDITBOT_DB: db, PORT: '0', HOST: '127.0.0.1', TEAMS_ALLOW_ANONYMOUS: 'true', LOG_LEVEL: 'info' }, 'node');
    const r = running;
    const first = await r.until(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(first).not.toContain('No Slack or Teams credentials');
    expect(first).not.toContain(PROMPT);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)?.[1];
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'ok', outbox: { pending: 0, dead: 0, oldestPendingAt: null } });
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    // Structured logs on stderr, one JSON object a line, ending with the shutdown.
    const logs = r.stderr().trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
    expect(logs.map((l) => l.msg)).toContain('auditbot is serving');
    expect(logs.at(-1)?.msg).toBe('stopped');
  });
});
