// Shared by the benchmarks that time work on a seeded database and must start every run from the
// same state (the chase, delivering a cycle's start).
import type { Db } from '../db/connection.js';

/** Runs `fn` in a transaction that is then rolled back; answers how long `fn` took (ms). */
export function rolledBack(db: Db, fn: () => unknown): number {
  const rollback = new Error('rollback');
  let t = 0;
  try {
    db.$client.transaction(() => {
      const t0 = performance.now();
      fn();
      t = performance.now() - t0;
      throw rollback;
    })();
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return t;
}
