// No request can end the serving process (issue 11, point 2): a rejected promise that nobody
// handles (a library's floating promise) is logged with its error, and the process goes on
// answering /healthz. Node's default would end the process, so this runs in a child process.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('a rejection nobody handles while serving', () => {
  let kill: (() => void) | undefined;
  afterEach(() => kill?.());

  it('is logged and the process keeps serving', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(SLACK_|MICROSOFT_|TEAMS_|AUDITBOT_|LOG_LEVEL$|PORT$|HOST$)/.test(k)) env[k] = v;
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['test/serve/fixtures/floating-rejection.ts'], {
      cwd: root,
      env: { ...env, AUDITBOT_DB: join(tempDir(), 'auditbot.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: 'pipe',
    });
    kill = () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const url = await new Promise<string>((res, rej) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) res(m[1]);
      });
      void exited.then((code) => rej(new Error(`ended (${code}) before listening:\n${out}\n${err}`)));
    });

    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/floating`, { method: 'POST' })).status).toBe(202);
    const logged = await new Promise<string>((res, rej) => {
      const check = () => {
        if (err.split('\n').filter((l) => l.includes('a rejection nobody handles')).length >= 3) res(err);
      };
      child.stderr.on('data', check);
      check();
      void exited.then((code) => rej(new Error(`the process ended (${code}):\n${out}\n${err}`)));
    });
    const lines = logged.split('\n').filter((l) => l.includes('a rejection nobody handles')).map((l) => JSON.parse(l) as { level: number; msg: string; err: { message: string } });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'a rejection nobody handles' } });
    expect(lines[0]?.msg).toMatch(/nobody handled/);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
  });
});
