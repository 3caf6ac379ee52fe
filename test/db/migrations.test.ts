// The committed migrations must match db/schema.ts: drizzle-kit, run against a copy of them,
// must find nothing to generate. Also checks the database file's pragmas and permissions.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('database', () => {
  it('has no drift between db/schema.ts and the committed migrations', () => {
    const dir = tempDir('auditbot-drift-');
    cpSync(join(root, 'db/migrations'), join(dir, 'migrations'), { recursive: true });
    const before = readdirSync(join(dir, 'migrations')).sort();
    const config = join(dir, 'drizzle.config.mjs');
    // drizzle-kit resolves paths against the working directory with a "./" prefix: keep them relative.
    writeFileSync(
      config,
      `export default { dialect: 'sqlite', schema: './db/schema.ts', out: ${JSON.stringify(relative(root, join(dir, 'migrations')))} };\n`,
    );
    const run = spawnSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config, '--name', 'drift_check'], {
      cwd: root,
      encoding: 'utf8',
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(out, 'drizzle-kit must run cleanly').not.toMatch(/Error/);
    expect(out).toMatch(/No schema changes/);
    const after = readdirSync(join(dir, 'migrations')).sort();
    expect(after, `db/schema.ts changed without a migration; run npm run db:generate.\n${out}`).toEqual(before);
  }, 60_000);

  it('creates the file with mode 0600 and sets WAL, foreign keys and a busy timeout', () => {
    const file = join(tempDir(), 'sub', 'auditbot.db');
    const db = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.$client.close();
  });

  it('applies migrations idempotently on every open', () => {
    const file = join(tempDir(), 'a.db');
    openDatabase(file).$client.close();
    const db = openDatabase(file);
    const tables = db.$client.prepare("select name from sqlite_master where type='table' order by name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['people', 'areas', 'trail_events', 'outbox', 'job_runs', 'audits', 'findings']));
    db.$client.close();
  });
});
