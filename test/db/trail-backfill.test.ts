// Migration 0005 moves into tables what the core used to parse back out of the trail (proposed
// due dates, extensions, needs-external exclusions, evidence submitters, reported refusals) and
// fills them from the trail of an existing database. The check is a round trip: a year's audit
// is run by this version (which writes those tables itself), its data is copied into a database
// at the previous migration, as an upgrade would find it, and migrating that copy must rebuild
// the same rows from the trail alone.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { listActionLog } from '../../src/core/corrective-actions/list-actions.js';
import type { Core } from '../../src/core/context.js';
import { explainAssignment } from '../../src/core/programme/explain-assignment.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { tempDir } from '../helpers/cli.js';
import { fullTrail } from '../helpers/full-trail.js';

/** The migrations folder as it was before 0005: the files and a journal that ends at 0004. */
function migrationsBefore(tag: string): string {
  const dir = join(tempDir('auditbot-migrations-'), 'migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  const entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
    const snapshot = `${String(e.idx).padStart(4, '0')}_snapshot.json`;
    if (readdirSync(join(MIGRATIONS_FOLDER, 'meta')).includes(snapshot)) copyFileSync(join(MIGRATIONS_FOLDER, 'meta', snapshot), join(dir, 'meta', snapshot));
  }
  return dir;
}

/** What the code keeps in tables instead of reading it back from the trail. */
function derived(client: Database.Database) {
  const all = (sql: string) => client.prepare(sql).all();
  return {
    proposals: all('SELECT finding_id, due FROM finding_due_proposals ORDER BY finding_id'),
    extensions: all('SELECT action_id, by, at, from_due, to_due, reason FROM action_extensions ORDER BY id'),
    submissions: all('SELECT request_id, submitted_by, submitted_at FROM evidence_submissions ORDER BY id'),
    needsExternal: all('SELECT id, needs_external_record FROM audits WHERE needs_external_record IS NOT NULL ORDER BY id'),
    refusals: all("SELECT subject, stage, at FROM reminders WHERE stage = 'refused' ORDER BY subject"),
  };
}

describe('migration 0005 backfills from the trail', () => {
  it('rebuilds from the trail of an upgraded database exactly what this version writes itself', () => {
    const dir = tempDir();
    const liveFile = join(dir, 'live.db');
    const story = fullTrail(liveFile);
    story.db.$client.close();
    const live = new Database(liveFile, { readonly: true });
    const expected = derived(live);
    live.close();
    // The story exercised each of them, so the comparison below means something.
    expect(expected.proposals.length).toBeGreaterThan(0);
    expect(expected.extensions.length).toBeGreaterThan(0);
    expect(new Set(expected.submissions.map((s) => (s as { submitted_by: string }).submitted_by)).size).toBe(2);
    expect(expected.needsExternal.length).toBeGreaterThan(0);
    expect(expected.refusals.length).toBeGreaterThan(0);

    // The database as an upgrade finds it: at migration 0004, with the data of every table that
    // existed then and nothing of what 0005 adds.
    const oldFile = join(dir, 'old.db');
    const old = new Database(oldFile);
    migrate(drizzle(old), { migrationsFolder: migrationsBefore('0004_form_instances') });
    // Tables are copied in any order, so their references are checked only once all are there.
    old.pragma('foreign_keys = OFF');
    old.prepare('ATTACH DATABASE ? AS live').run(liveFile);
    const tables = (old.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['trail_events', 'findings', 'audits', 'reminders']));
    expect(tables).not.toContain('action_extensions');
    for (const table of tables) {
      const columns = (old.prepare(`PRAGMA main.table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
      const where = table === 'reminders' ? " WHERE stage <> 'refused'" : '';
      old.prepare(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM live."${table}"${where}`).run();
    }
    old.prepare('DETACH DATABASE live').run();
    expect(old.prepare("SELECT count(*) AS n FROM reminders WHERE stage = 'refused'").get()).toEqual({ n: 0 });
    expect(old.pragma('foreign_key_check')).toEqual([]);
    old.close();

    // Upgrading applies 0005: the tables are rebuilt from the trail alone, and the trail is untouched.
    const upgraded = openDatabase(oldFile, 'write');
    expect(derived(upgraded.$client)).toEqual(expected);
    const events = upgraded.$client.prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq').all() as never[];
    expect(verifyTrail(events)).toMatchObject({ ok: true, count: events.length });

    // And the upgraded database behaves as the old code did when it read the trail.
    const clock = fixedClock('2027-08-01T09:00:00Z');
    const core: Core = { clock, store: createStore(upgraded, clock), settings: { timezone: 'UTC', enabledPlatforms: ['console'] } };
    expect(listActionLog(core).find((a) => a.id === story.actionId)?.extensions).toEqual([
      expect.objectContaining({ from: '2027-04-30', to: '2027-05-31', reason: 'The checklist change needs the procurement board in May.' }),
    ]);
    expect(explainAssignment(core, { auditId: story.needsExternal }).excludedAsOf).toBe('needs_external');
    upgraded.$client.close();
  });
});
