import type { Clock } from '../src/core/clock.js';
import type { Store, Tx } from '../src/core/ports.js';
import type { Db } from './connection.js';
import { createProcessedRequestRepository, createSequenceRepository } from './repositories/misc.js';
import { createOrganisationRepository } from './repositories/organisation.js';
import { createOutboxRepository } from './repositories/outbox.js';
import { createTrailRepository } from './repositories/trail.js';

/** The SQLite implementation of the core's Store port. */
export function createStore(db: Db, clock: Clock): Store {
  const now = () => clock.now().toISOString();
  const tx: Tx = {
    trail: createTrailRepository(db, now),
    outbox: createOutboxRepository(db, now),
    processed: createProcessedRequestRepository(db),
    sequences: createSequenceRepository(db),
    organisation: createOrganisationRepository(db, now),
  };
  // better-sqlite3 transactions are synchronous; nested calls become savepoints.
  return {
    transaction<T>(fn: (t: Tx) => T): T {
      return db.$client.transaction(() => fn(tx)).immediate();
    },
  };
}
