import { and, eq, lt, sql } from 'drizzle-orm';
import type { ProcessedRequestRepository, SequenceRepository } from '../../src/core/ports.js';
import type { Db } from '../connection.js';
import { processedRequests, sequences } from '../schema.js';

export function createProcessedRequestRepository(db: Db): ProcessedRequestRepository {
  return {
    claim(key, at, result) {
      return db.insert(processedRequests).values({ key, at, result: result ?? null }).onConflictDoNothing().run().changes === 1;
    },
    get(key) {
      const row = db.select({ at: processedRequests.at, result: processedRequests.result }).from(processedRequests).where(eq(processedRequests.key, key)).get();
      return row ?? null;
    },
    forget(prefix, before) {
      return db
        .delete(processedRequests)
        .where(and(sql`substr(${processedRequests.key}, 1, ${prefix.length}) = ${prefix}`, lt(processedRequests.at, before)))
        .run().changes;
    },
  };
}

export function createSequenceRepository(db: Db): SequenceRepository {
  return {
    next(name) {
      const row = db
        .insert(sequences)
        .values({ name, value: 1 })
        .onConflictDoUpdate({ target: sequences.name, set: { value: sql`${sequences.value} + 1` } })
        .returning({ value: sequences.value })
        .get();
      return row.value;
    },
  };
}
