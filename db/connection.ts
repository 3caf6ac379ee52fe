import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this file, not the working directory, so every entry point finds them. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * How a command uses the database:
 * - `create`: creates it when missing (serve, console, import) and applies pending migrations;
 * - `write`: it must exist; pending migrations are applied;
 * - `read`: it must exist and is opened read-only, so a read-only file (an archived copy) works
 *   and nothing is ever written to it; an older schema is upgraded in memory only.
 */
export type OpenMode = 'create' | 'write' | 'read';

/** A database that cannot be used as it is, with a message that says what to check. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function fileKind(file: string): 'missing' | 'directory' | 'file' {
  try {
    return statSync(file).isDirectory() ? 'directory' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new DatabaseError(`Cannot read the database at ${resolve(file)}: ${(e as Error).message}. Check AUDITBOT_DB.`, { cause: e });
  }
}

function createFile(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Created with mode 0600: it holds people's names and audit records.
    closeSync(openSync(file, 'a', 0o600));
  } catch (e) {
    throw new DatabaseError(`Cannot create the database at ${resolve(file)}: ${(e as Error).message}. Check AUDITBOT_DB.`, { cause: e });
  }
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The migrations this build knows that the database lacks. A database whose latest migration is
 * younger than any this build knows was written by a newer Auditbot and is refused: running on
 * a schema this code does not understand could damage it.
 */
function pendingMigrations(client: Database.Database, file: string, mode: OpenMode): number {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const latestKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const hasTable = client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined;
  if (!hasTable) {
    const tables = client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (tables.n > 0) throw new DatabaseError(`${resolve(file)} is a SQLite database of another application, not Auditbot's. Check AUDITBOT_DB.`);
    // An empty file is no database either, unless this command is the one that creates it.
    if (mode !== 'create') throw new DatabaseError(`No database at ${resolve(file)} (the file is empty); check AUDITBOT_DB. (auditbot serve, console and import create one.)`);
    return known.length;
  }
  const latest = client.prepare(`SELECT max(created_at) AS at FROM ${MIGRATIONS_TABLE}`).get() as { at: number | string | null };
  const latestApplied = latest.at === null ? 0 : Number(latest.at);
  if (latestApplied > latestKnown) {
    throw new DatabaseError(
      `The database at ${resolve(file)} was written by a newer version of Auditbot (its schema dates from ${isoDay(latestApplied)}; this version knows schemas up to ${isoDay(latestKnown)}). ` +
        'Upgrade Auditbot to use it, or point AUDITBOT_DB at a backup made with this version.',
    );
  }
  return known.filter((m) => m.folderMillis > latestApplied).length;
}

/** A database image whose header says WAL (bytes 18 and 19), set to a rollback journal. */
function withoutWal(image: Buffer): Buffer {
  image[18] = 1;
  image[19] = 1;
  return image;
}

/**
 * A WAL-mode file in a folder this process may not write (an archive on read-only storage) can
 * only be read by SQLite with its -shm file beside it. With no -wal file, the file alone holds
 * every committed change, so a private in-memory copy of it reads the same.
 */
function readWalFileInMemory(file: string): Database.Database | null {
  if (existsSync(`${file}-wal`)) return null;
  const image = readFileSync(file);
  if (image.length < 100 || image[18] !== 2 || image[19] !== 2) return null;
  return new Database(withoutWal(image));
}

/** Opens the file, turning SQLite's refusals into messages that say what is wrong. */
function openClient(file: string, readonly: boolean): Database.Database {
  let client: Database.Database | null = null;
  try {
    client = new Database(file, { readonly, fileMustExist: true });
    // Reading the schema is what tells a SQLite file from anything else.
    client.prepare('SELECT count(*) FROM sqlite_master').get();
    return client;
  } catch (e) {
    client?.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new DatabaseError(`${resolve(file)} is not an Auditbot database (it is not a SQLite file). Check AUDITBOT_DB.`, { cause: e });
    const copy = readonly && code?.startsWith('SQLITE_READONLY') ? readWalFileInMemory(file) : null;
    if (copy) return copy;
    throw new DatabaseError(`Cannot open the database at ${resolve(file)}: ${(e as Error).message}. Check AUDITBOT_DB and the file's permissions.`, { cause: e });
  }
}

/**
 * A private in-memory copy of a read-only database with the pending migrations applied, so this
 * build can read an archive written by an older one without writing to it.
 */
function upgradedCopy(client: Database.Database): Database.Database {
  const image = client.serialize();
  client.close();
  // An in-memory copy cannot use WAL.
  return new Database(withoutWal(image));
}

/**
 * Opens the SQLite database (see OpenMode), sets foreign keys and a busy timeout (and WAL when
 * writing), refuses a directory, a file that is not SQLite, another application's database and
 * one written by a newer Auditbot, and applies pending migrations. `:memory:` gives a private
 * in-memory database for tests.
 */
export function openDatabase(file: string, mode: OpenMode = 'create'): Db {
  let client: Database.Database;
  if (file === ':memory:') {
    client = new Database(file);
  } else {
    const kind = fileKind(file);
    if (kind === 'directory') {
      throw new DatabaseError(`AUDITBOT_DB names a directory, ${resolve(file)}, not a database file. Set it to a file path, e.g. ${join(file, 'auditbot.db')}.`);
    }
    if (kind === 'missing') {
      if (mode !== 'create') throw new DatabaseError(`No database at ${resolve(file)}; check AUDITBOT_DB. (auditbot serve, console and import create one.)`);
      createFile(file);
    }
    client = openClient(file, mode === 'read');
  }
  let pending: number;
  try {
    pending = pendingMigrations(client, file, file === ':memory:' ? 'create' : mode);
    if (mode === 'read') {
      if (pending > 0) client = upgradedCopy(client);
    } else {
      client.pragma('journal_mode = WAL');
      client.pragma('synchronous = NORMAL');
    }
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
  } catch (e) {
    client.close();
    throw e;
  }
  const db = drizzle(client, { schema });
  if (pending > 0) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db as Db;
}

/**
 * A private in-memory copy of an open database, for work that must change nothing: `auditbot
 * preview` runs the scheduled jobs on it.
 */
export function inMemoryCopy(db: Db): Db {
  const client = new Database(withoutWal(db.$client.serialize()));
  client.pragma('foreign_keys = ON');
  return drizzle(client, { schema }) as Db;
}
