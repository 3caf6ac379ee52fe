import { closeSync, fchmodSync, lstatSync, openSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyTrail, type StoredTrailEvent, type TrailVerdict } from '../src/core/trail/verify-trail.js';
import { DatabaseError, type Db } from './connection.js';

/** What is at a backup target before it is written. */
export type TargetState = { kind: 'missing' } | { kind: 'file' } | { kind: 'directory' } | { kind: 'live' };

/** The files SQLite keeps for a database: the database itself and its journals. */
const companions = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** The path with its folder's symbolic links resolved (the file itself may not exist). */
function canonical(path: string): string {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

function identity(path: string): { real: string; dev: number; ino: number } | null {
  try {
    const st = statSync(path);
    return { real: realpathSync(path), dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/**
 * Whether `target` is free, an existing file, a directory, or the live database itself (or one
 * of its journals) by any path: a symbolic link, a hard link or `..` in the path all count.
 */
export function backupTargetState(liveFile: string, target: string): TargetState {
  const live = companions(liveFile).map(identity);
  const it = identity(target);
  if (it && live.some((l) => l && (l.real === it.real || (l.dev === it.dev && l.ino === it.ino)))) return { kind: 'live' };
  // A journal that is not there at the moment is still the database's name to use.
  const names = companions(canonical(liveFile));
  if (names.includes(canonical(target))) return { kind: 'live' };
  try {
    // lstat: a dangling symbolic link is something there too, not a free name.
    lstatSync(target);
  } catch {
    return { kind: 'missing' };
  }
  return it !== null && statSync(target).isDirectory() ? { kind: 'directory' } : { kind: 'file' };
}

/** Creates the (empty) target file with mode 0600 from its first byte; a file already there is an error. */
function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const folder = dirname(file);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DatabaseError(`The folder ${folder} does not exist; create it first or choose another place for the backup.`, { cause: e });
    if (code === 'EEXIST') throw new DatabaseError(`${file} appeared while the backup was starting; choose another name.`, { cause: e });
    throw new DatabaseError(`Cannot create ${file}: ${(e as Error).message}.`, { cause: e });
  }
  try {
    // The umask may only take permissions away; this makes the mode exactly 0600.
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

export interface BackupResult {
  bytes: number;
  trail: TrailVerdict;
  /** The last event of the copied trail, for `trail verify --head <seq>:<hash>`; null when empty. */
  head: { seq: number; hash: string } | null;
}

/**
 * Copies the live database with SQLite's online backup (writers may keep going) into a new file
 * that is private to its owner from the start (it holds people's names and audit records), makes
 * the copy a single self-contained file (rollback journal, not WAL), and verifies its trail.
 * With `replace`, an existing file at `file` is removed first; the caller has checked that it is
 * not the live database.
 */
export async function backupDatabase(db: Db, file: string, options: { replace?: boolean } = {}): Promise<BackupResult> {
  if (options.replace) {
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new DatabaseError(`Cannot replace ${file}: ${(e as Error).message}.`, { cause: e });
    }
  }
  createPrivateFile(file);
  try {
    await db.$client.backup(file);
    const copy = new Database(file, { fileMustExist: true });
    try {
      // A copy in WAL mode would need its -wal and -shm files beside it to be read read-only.
      copy.pragma('journal_mode = DELETE');
      const events = copy
        .prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq')
        .iterate() as Iterable<StoredTrailEvent>;
      const trail = verifyTrail(events);
      const last = copy.prepare('SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      return { bytes: statSync(file).size, trail, head: last ?? null };
    } finally {
      copy.close();
    }
  } catch (e) {
    // A half-written copy is worse than none: it would look like a backup.
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
    throw e;
  }
}
