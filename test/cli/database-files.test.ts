// The database file as the CLI finds it: an archived read-only copy, a path with nothing there,
// a directory, a file that is not SQLite, another application's database, one written by a newer
// Auditbot, and backups into a missing folder, onto the live database or while someone watches
// the new file's permissions.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { openDatabase } from '../../db/connection.js';
import { cli, tempDir } from '../helpers/cli.js';

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

const writable: string[] = [];
afterEach(() => {
  // Temp folders made read-only by a test are given back so they can be cleaned up.
  for (const dir of writable.splice(0)) chmodSync(dir, 0o755);
});

/** A live database with the example organisation: its trail has one event. */
async function liveDatabase(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const file = join(dir, 'live.db');
  const imported = await cli(['import', 'examples/org.yaml'], { AUDITBOT_DB: file });
  expect(imported.code).toBe(0);
  return { dir, file };
}

/**
 * An archived copy as someone might keep it: one file in rollback-journal mode (as `sqlite3
 * .backup` or `auditbot backup` leave it), read-only, in a read-only folder.
 */
function archive(from: string, dir: string): string {
  const file = join(dir, 'archive.db');
  const source = new Database(from, { readonly: true });
  source.prepare('VACUUM INTO ?').run(file);
  source.close();
  const copy = new Database(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  writable.push(dir);
  return file;
}

describe('read-only commands on an archived copy', () => {
  it('trail verify, export and outbox work on a read-only file and leave it and its folder untouched', async () => {
    const live = await liveDatabase();
    const dir = join(tempDir(), 'archive');
    mkdirSync(dir);
    const file = archive(live.file, dir);
    const before = digest(file);
    const env = { AUDITBOT_DB: file };

    const verify = await cli(['trail', 'verify'], env);
    expect(verify).toMatchObject({ code: 0, stderr: '' });
    expect(verify.stdout).toMatch(/^OK: 1 event, chain intact/);
    const trail = await cli(['export', 'trail', '--format', 'json'], env);
    expect(trail.code).toBe(0);
    expect((JSON.parse(trail.stdout) as { action: string }[]).map((e) => e.action)).toEqual(['organisation.imported']);
    for (const argv of [['export', 'findings', '--format', 'md'], ['export', 'actions'], ['export', 'evidence', '--format', 'csv'], ['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31'], ['outbox'], ['outbox', '--format', 'json']]) {
      const res = await cli(argv, env);
      expect({ argv, code: res.code, stderr: res.stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
    // Not a byte written, no journal or WAL file left beside it.
    expect(digest(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['archive.db']);
  });

  it('reads an archive written by an older version without upgrading the file', async () => {
    const live = await liveDatabase();
    // The state of a database before the newest migration (it only adds indexes).
    const old = new Database(live.file);
    const newest = old.prepare('SELECT id, created_at AS at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as { id: number; at: number };
    for (const { name } of old.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE INDEX%' AND name IN ('actions_status_due', 'actions_opened', 'actions_closed', 'actions_finding_state', 'findings_class_raised', 'findings_raised', 'verifications_at')").all() as { name: string }[]) {
      old.exec(`DROP INDEX ${name}`);
    }
    old.prepare('DELETE FROM __drizzle_migrations WHERE id = ?').run(newest.id);
    old.close();
    const dir = join(tempDir(), 'archive');
    mkdirSync(dir);
    const file = archive(live.file, dir);
    const before = digest(file);
    const res = await cli(['export', 'findings', '--format', 'json'], { AUDITBOT_DB: file });
    expect(res).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    expect(digest(file)).toBe(before);
  });
});

describe('a database that is not there, or not a database', () => {
  /** Every command that needs an existing database, with arguments that get it past its usage checks. */
  const NEEDS_DATABASE: string[][] = [
    ['trail', 'verify'],
    ['export', 'trail'],
    ['export', 'findings'],
    ['export', 'actions'],
    ['export', 'evidence'],
    ['export', 'programme'],
    ['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31'],
    ['export', 'audit', 'IA-2027-01'],
    ['export', 'calendar'],
    ['calendar', 'revoke', 'bo@acme.example'],
    ['outbox'],
    ['outbox', 'retry', '1'],
    ['job', 'run', 'nudges'],
    ['job', 'runs'],
    ['preview'],
    ['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'],
    ['programme', 'show'],
    ['audit', 'start', 'IA-2027-01'],
    ['audit', 'assign', 'IA-2027-01', '--to', 'ana@acme.example', '--justification', 'No one else'],
    ['audit', 'explain', 'IA-2027-01'],
    ['backup', 'copy.db'],
  ];

  it('is refused by every command except serve, console and import, and nothing is created', async () => {
    // Every command is in the list above, or creates its database, or needs none.
    const listed = new Set(NEEDS_DATABASE.map((argv) => argv.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ')));
    const creators = new Set(['serve', 'console', 'import', 'catalogue']);
    for (const cmd of COMMANDS) {
      const name = cmd.path.join(' ');
      expect({ name, covered: creators.has(name) || [...listed].some((l) => l === name || l.startsWith(`${name} `)) }).toEqual({ name, covered: true });
    }
    const dir = tempDir();
    const file = join(dir, 'data', 'auditbot.db');
    for (const argv of NEEDS_DATABASE) {
      const res = await cli(argv, { AUDITBOT_DB: file });
      expect({ argv, code: res.code, stdout: res.stdout }).toEqual({ argv, code: 1, stdout: '' });
      expect(res.stderr).toBe(`No database at ${file}; check AUDITBOT_DB. (auditbot serve, console and import create one.)\n`);
    }
    expect(existsSync(join(dir, 'data'))).toBe(false);
    // An empty file is no database either.
    writeFileSync(join(dir, 'empty.db'), '');
    const empty = await cli(['trail', 'verify'], { AUDITBOT_DB: join(dir, 'empty.db') });
    expect(empty).toMatchObject({ code: 1, stdout: '' });
    expect(empty.stderr).toContain('(the file is empty); check AUDITBOT_DB');
    // The commands that start from nothing still do.
    expect((await cli(['import', 'examples/org.yaml', '--dry-run'], { AUDITBOT_DB: file })).code).toBe(0);
    expect((await cli(['catalogue', '--format', 'json'], { AUDITBOT_DB: join(dir, 'none.db') })).code).toBe(0);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });

  it.each([
    ['a directory', (dir: string) => dir, /^AUDITBOT_DB names a directory, .*, not a database file\. Set it to a file path, e\.g\. .*auditbot\.db\.\n$/],
    [
      'a file that is not SQLite',
      (dir: string) => {
        writeFileSync(join(dir, 'notes.txt'), 'These are my notes, not a database. '.repeat(10));
        return join(dir, 'notes.txt');
      },
      /notes\.txt is not an Auditbot database \(it is not a SQLite file\)\. Check AUDITBOT_DB\.\n$/,
    ],
    [
      'another application’s SQLite database',
      (dir: string) => {
        const other = new Database(join(dir, 'other.db'));
        other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
        other.close();
        return join(dir, 'other.db');
      },
      /other\.db is a SQLite database of another application, not Auditbot's\. Check AUDITBOT_DB\.\n$/,
    ],
    [
      'a database written by a newer Auditbot',
      (dir: string) => {
        const file = join(dir, 'newer.db');
        openDatabase(file).$client.close();
        const db = new Database(file);
        const latest = db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number };
        db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Number(latest.at) + 86_400_000);
        db.close();
        return file;
      },
      /was written by a newer version of Auditbot \(its schema dates from \d{4}-\d\d-\d\d; this version knows schemas up to \d{4}-\d\d-\d\d\)\. Upgrade Auditbot to use it, or point AUDITBOT_DB at a backup made with this version\.\n$/,
    ],
  ])('%s: a clear message and exit 1, for reading, writing and creating commands alike', async (_what, make, message) => {
    const path = make(tempDir());
    const before = existsSync(path) && statSync(path).isFile() ? digest(path) : null;
    for (const argv of [['trail', 'verify'], ['outbox', 'retry', '1'], ['import', 'examples/org.yaml']]) {
      const res = await cli(argv, { AUDITBOT_DB: path });
      expect({ argv, code: res.code, stdout: res.stdout }).toEqual({ argv, code: 1, stdout: '' });
      expect(res.stderr).toMatch(message);
    }
    if (before) expect(digest(path)).toBe(before);
  });
});

describe('auditbot backup, hardened', () => {
  it('creates the copy with mode 0600 from its first byte', async () => {
    const live = await liveDatabase();
    // About 4 MB, so that SQLite's online backup copies it in many steps.
    const db = new Database(live.file);
    const insert = db.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, '2027-01-04T10:00:00.000Z', 'test')");
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(`padding.${i}`, 'x'.repeat(4000));
    })();
    db.close();
    const target = join(live.dir, 'copy.db');
    const previous = process.umask(0o022);
    try {
      const seen = new Set<number>();
      let done = false;
      const running = cli(['backup', target], { AUDITBOT_DB: live.file }).finally(() => {
        done = true;
      });
      // Looks at the file between the backup's steps, as another user of the machine could.
      while (!done) {
        if (existsSync(target)) seen.add(statSync(target).mode & 0o777);
        await new Promise((r) => setImmediate(r));
      }
      const res = await running;
      expect(res.code).toBe(0);
      expect(seen.size).toBeGreaterThan(0);
      expect([...seen]).toEqual([0o600]);
      // One self-contained file: rollback journal (header bytes 18 and 19 are 1), not WAL.
      expect([...readFileSync(target).subarray(18, 20)]).toEqual([1, 1]);
    } finally {
      process.umask(previous);
    }
  });

  it('refuses the live database by any path: relative, through .., a symbolic link, a hard link', async () => {
    const live = await liveDatabase();
    const before = digest(live.file);
    symlinkSync(live.file, join(live.dir, 'link.db'));
    linkSync(live.file, join(live.dir, 'hard.db'));
    const sub = join(live.dir, 'sub');
    mkdirSync(sub);
    const targets = [join(sub, '..', 'live.db'), relative(process.cwd(), live.file), join(live.dir, 'link.db'), join(live.dir, 'hard.db'), `${live.file}-wal`];
    for (const target of targets) {
      for (const force of [[], ['--force']]) {
        const res = await cli(['backup', target, ...force], { AUDITBOT_DB: live.file });
        expect({ target, code: res.code }).toEqual({ target, code: 2 });
        expect(res.stderr).toContain('The backup must go to another file than the database itself');
      }
    }
    expect(digest(live.file)).toBe(before);
    expect((await cli(['trail', 'verify'], { AUDITBOT_DB: live.file })).code).toBe(0);
  });

  it('a missing folder, or a folder as the target: a clear message and exit 1', async () => {
    const live = await liveDatabase();
    const missing = await cli(['backup', join(live.dir, 'no-such-folder', 'copy.db')], { AUDITBOT_DB: live.file });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`The folder ${join(live.dir, 'no-such-folder')} does not exist; create it first or choose another place for the backup.\n`);
    const folder = await cli(['backup', live.dir, '--force'], { AUDITBOT_DB: live.file });
    expect(folder).toMatchObject({ code: 1, stdout: '' });
    expect(folder.stderr).toContain(`${live.dir} is a directory; give the path of the backup file to create`);
  });

  it('replaces an existing file with --force, whatever was in it, as a new private file', async () => {
    const live = await liveDatabase();
    const target = join(live.dir, 'old-notes.db');
    writeFileSync(target, 'not a database at all', { mode: 0o644 });
    const res = await cli(['backup', target, '--force'], { AUDITBOT_DB: live.file });
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect((await cli(['trail', 'verify'], { AUDITBOT_DB: target })).code).toBe(0);
  });
});
