import { asc, eq } from 'drizzle-orm';
import type { TrailRepository } from '../../src/core/ports.js';
import { GENESIS_HASH, hashEvent } from '../../src/core/trail/trail-hash.js';
import type { StoredTrailEvent } from '../../src/core/trail/verify-trail.js';
import type { Db } from '../connection.js';
import { trailEvents } from '../schema.js';

const encode = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

export function createTrailRepository(db: Db, now: () => string): TrailRepository {
  // Prepared once: every state change appends an event, so this is the hottest write path.
  const lastStmt = db.$client.prepare('SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1');
  const insertStmt = db.$client.prepare(
    'INSERT INTO trail_events (seq, at, actor, action, subject, before, after, channel, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @before, @after, @channel, @prevHash, @hash)',
  );
  return {
    append(e) {
      const last = lastStmt.get() as { seq: number; hash: string } | undefined;
      const content = {
        seq: (last?.seq ?? 0) + 1,
        at: now(),
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        before: encode(e.before),
        after: encode(e.after),
        channel: e.channel,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      insertStmt.run({ ...content, prevHash, hash: hashEvent(prevHash, content) });
      return content.seq;
    },
    list(filter) {
      const q = db.select().from(trailEvents);
      return (filter?.subject ? q.where(eq(trailEvents.subject, filter.subject)) : q).orderBy(asc(trailEvents.seq)).all();
    },
    head() {
      return (lastStmt.get() as { seq: number; hash: string } | undefined) ?? null;
    },
    iterate(): Iterable<StoredTrailEvent> {
      // Streams rows so `trail verify` stays flat in memory on long trails.
      const stmt = db.$client.prepare(
        'SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq',
      );
      return stmt.iterate() as Iterable<StoredTrailEvent>;
    },
  };
}
