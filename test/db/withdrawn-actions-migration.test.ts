// Migration 0012 (issue 14): a withdrawn finding's corrective action, stored as closed before,
// becomes withdrawn; an action verified effective before its finding was withdrawn stays closed.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../db/connection.js';
import { tempDir } from '../helpers/cli.js';

/** The migrations folder as an upgrade finds the database: up to and including `tag`. */
function migrationsUpTo(tag: string): string {
  const dir = join(tempDir('auditbot-migrations-'), 'migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag) + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
    const snapshot = `${String(e.idx).padStart(4, '0')}_snapshot.json`;
    if (readdirSync(join(MIGRATIONS_FOLDER, 'meta')).includes(snapshot)) copyFileSync(join(MIGRATIONS_FOLDER, 'meta', snapshot), join(dir, 'meta', snapshot));
  }
  return dir;
}

describe('migration 0012: withdrawn actions', () => {
  it('moves the closed, unverified actions of withdrawn findings to withdrawn, and nothing else', () => {
    const file = join(tempDir(), 'old.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0010_calendar-feeds') });
    // Only the rows the migration reads: no programme, people or areas behind them.
    old.pragma('foreign_keys = OFF');
    old.exec(`INSERT INTO audits (id, cycle, status, start, "end", areas, clauses, controls, criteria, needs_external_auditor, evidence_due_days)
      VALUES ('IA-2027-01', '2027', 'in_progress', '2027-01-04T00:00:00Z', '2027-01-29T00:00:00Z', '[]', '[]', '[]', '[]', 0, 10)`);
    const finding = old.prepare(`INSERT INTO findings (id, audit_id, classification, requirement, out_of_scope, statement, evidence, area, owner, raised_by, raised_at, status)
      VALUES (?, 'IA-2027-01', 'minor', 'A.5.15', 0, 's', 'e', 'iam', 'bo@acme.example', 'ana@acme.example', '2027-01-04T10:00:00Z', ?)`);
    const action = old.prepare(`INSERT INTO corrective_actions (id, finding_id, owner, status, due, implementation_links, opened_at, closed_at)
      VALUES (?, ?, 'bo@acme.example', ?, '2027-02-15', '[]', '2027-01-04T10:00:00Z', ?)`);
    // Withdrawn while open: stored as closed by the old code.
    finding.run('F-2027-0001', 'withdrawn');
    action.run('CA-2027-0001', 'F-2027-0001', 'closed', '2027-01-05T10:00:00Z');
    // Verified effective, then its finding withdrawn: it was closed after verification.
    finding.run('F-2027-0002', 'withdrawn');
    action.run('CA-2027-0002', 'F-2027-0002', 'closed', '2027-01-05T10:00:00Z');
    old.exec(`INSERT INTO verifications (action_id, by, at, effective, reason) VALUES ('CA-2027-0002', 'ana@acme.example', '2027-01-05T10:00:00Z', 1, 'Checked.')`);
    // A finding that stands, its action closed after verification; and one still open.
    finding.run('F-2027-0003', 'open');
    action.run('CA-2027-0003', 'F-2027-0003', 'closed', '2027-01-05T10:00:00Z');
    finding.run('F-2027-0004', 'open');
    action.run('CA-2027-0004', 'F-2027-0004', 'open', null);
    old.close();

    const db = openDatabase(file);
    const statuses = db.$client.prepare('SELECT id, status, closed_at AS closedAt FROM corrective_actions ORDER BY id').all();
    db.$client.close();
    expect(statuses).toEqual([
      { id: 'CA-2027-0001', status: 'withdrawn', closedAt: '2027-01-05T10:00:00Z' },
      { id: 'CA-2027-0002', status: 'closed', closedAt: '2027-01-05T10:00:00Z' },
      { id: 'CA-2027-0003', status: 'closed', closedAt: '2027-01-05T10:00:00Z' },
      { id: 'CA-2027-0004', status: 'open', closedAt: null },
    ]);
  });
});
