import type { Db } from '../../db/connection.js';

/**
 * Rows every signed Slack request leaves behind, whatever it asked: the replay guard's record of
 * the signatures seen (adapters/slack/seen-requests.ts). They say a request arrived, not that it
 * changed anything, so a "nothing changed" comparison leaves them out.
 */
export const isRequestBookkeeping = (table: string, row: Record<string, unknown>): boolean =>
  table === 'processed_requests' && typeof row.key === 'string' && row.key.startsWith('slack-signature:');

/** Every row of every table: equal snapshots mean nothing in the database changed. */
export function dbSnapshot(db: Db): Record<string, unknown[]> {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (db.$client.prepare(`select * from "${t.name}"`).all() as Record<string, unknown>[]).filter((row) => !isRequestBookkeeping(t.name, row))]),
  );
}
