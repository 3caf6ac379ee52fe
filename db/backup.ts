import { chmodSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { verifyTrail, type StoredTrailEvent, type TrailVerdict } from '../src/core/trail/verify-trail.js';
import type { Db } from './connection.js';

/**
 * Copies the live database with SQLite's online backup (writers may keep going), restricts the
 * copy to its owner (it holds people's names and audit records), and verifies the copy's trail.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ bytes: number; trail: TrailVerdict }> {
  await db.$client.backup(file);
  chmodSync(file, 0o600);
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const events = copy
      .prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq')
      .iterate() as Iterable<StoredTrailEvent>;
    return { bytes: statSync(file).size, trail: verifyTrail(events) };
  } finally {
    copy.close();
  }
}
