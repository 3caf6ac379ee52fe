import { openDatabase, type Db } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { Core } from '../../src/core/context.js';
import type { Platform } from '../../src/core/shared/actor.js';

export interface TestCore {
  db: Db;
  core: Core;
  clock: ReturnType<typeof fixedClock>;
}

/** The core on a fresh in-memory SQLite database with a fixed clock. */
export function makeTestCore(
  at = '2027-01-04T10:00:00Z',
  opts: { timezone?: string; platforms?: Platform[]; file?: string } = {},
): TestCore {
  const clock = fixedClock(at);
  const db = openDatabase(opts.file ?? ':memory:');
  const core: Core = {
    clock,
    store: createStore(db, clock),
    settings: { timezone: opts.timezone ?? 'UTC', enabledPlatforms: opts.platforms ?? ['console'] },
  };
  return { db, core, clock };
}
