// A command loads only the code it uses (issue 12, point 6): exports, `programme show` and
// `trail verify` never load the chat SDKs (Bolt, botbuilder) nor the logger (pino). Each command
// runs in a child process with a preload that records every module the process loads: from the
// sources under tsx, and compiled, the way `npm run auditbot` runs it. `--help` still works on
// every command and group, each command's file being loaded only for its own help.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { cli, tempDir } from '../helpers/cli.js';
import { acmeOrg } from '../helpers/programme-org.js';

const root = resolve(import.meta.dirname, '../..');
const RECORDER = join(root, 'test/cli/fixtures/record-modules.mjs');

/** Packages no reading command may load. */
const NOT_LOADED = ['@slack/bolt', '@slack/web-api', '@slack/socket-mode', 'botbuilder', 'botframework-connector', 'pino'];

async function plannedDatabase(): Promise<string> {
  const file = join(tempDir(), 'auditbot.db');
  const db = openDatabase(file);
  createStore(db, fixedClock('2026-12-01T09:00:00Z')).transaction((tx) => tx.organisation.applySnapshot(acmeOrg({ withExternal: true })));
  db.$client.close();
  const planned = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], { AUDITBOT_DB: file });
  expect(planned.code).toBe(0);
  return file;
}

/** The packages (by name) a child process loaded, with its exit code and output. */
function loadedPackages(launch: string[], argv: string[], db: string): { code: number | null; stdout: string; stderr: string; packages: Set<string> } {
  const log = join(tempDir(), 'modules.txt');
  const r = spawnSync(process.execPath, [...launch.slice(0, -1), '--import', RECORDER, launch.at(-1) ?? '', ...argv], {
    cwd: root,
    env: { ...process.env, AUDITBOT_DB: db, LOG_LEVEL: 'silent', MODULE_LOG: log },
    encoding: 'utf8',
  });
  const packages = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m?.[1]) packages.add(m[1]);
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, packages };
}

const READERS: [string, string[]][] = [
  ['export findings', ['export', 'findings', '--format', 'json']],
  ['programme show', ['programme', 'show', '--format', 'json']],
  ['trail verify', ['trail', 'verify']],
];

describe.each([
  // tsx's loader first, then the recorder; the last word is the program.
  ['from the sources', ['--import', 'tsx', 'src/cli/main.ts']],
  ['compiled, as npm run auditbot runs it', ['bin/auditbot.mjs']],
])('reading commands %s', (_how, launch) => {
  it.each(READERS)('%s loads neither a chat SDK nor the logger', async (_name, argv) => {
    const db = await plannedDatabase();
    const run = loadedPackages(launch, argv, db);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.length).toBeGreaterThan(0);
    // The recorder sees packages: the database driver is one this command does load.
    expect(run.packages.has('better-sqlite3')).toBe(true);
    expect(NOT_LOADED.filter((p) => run.packages.has(p))).toEqual([]);
  });
});

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c.path.join(' ')]))('works on `%s`, without a database', async (name) => {
    const dir = tempDir();
    const res = await cli([...name.split(' '), '--help'], { AUDITBOT_DB: join(dir, 'none.db') });
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    const entry = COMMANDS.find((c) => c.path.join(' ') === name);
    expect(res.stdout).toMatch(new RegExp(`^Usage: auditbot ${name}[ \\n]`));
    expect(res.stdout).toContain(entry?.summary);
    expect(res.stdout).toContain('-h, --help');
  });

  it('lists every command, and every command of a group', async () => {
    const all = await cli(['--help'], {});
    expect(all.code).toBe(0);
    for (const c of COMMANDS) expect(all.stdout).toContain(`${c.path.join(' ')}  `);
    const group = await cli(['export', '--help'], {});
    expect(group.code).toBe(0);
    const listed = group.stdout.split('\n').filter((l) => l.startsWith('  export '));
    expect(listed).toHaveLength(COMMANDS.filter((c) => c.path[0] === 'export').length);
  });

  it('works compiled, and loads no chat SDK for serve’s help', () => {
    const run = loadedPackages(['bin/auditbot.mjs'], ['serve', '--help'], join(tempDir(), 'none.db'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: auditbot serve/);
    expect(NOT_LOADED.filter((p) => run.packages.has(p))).toEqual([]);
  });
});
