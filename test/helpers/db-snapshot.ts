import type { Db } from '../../db/connection.js';

/** Every row of every table: equal snapshots mean nothing in the database changed. */
export function dbSnapshot(db: Db): Record<string, unknown[]> {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.$client.prepare(`select * from "${t.name}"`).all()]));
}
