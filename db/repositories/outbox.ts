import { and, asc, eq, gt, inArray, isNull, lt, lte, min, ne, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Message } from '../../src/core/message.js';
import type { OutboxRepository, OutboxRow } from '../../src/core/ports.js';
import type { Db } from '../connection.js';
import { outbox } from '../schema.js';
import type { Platform } from '../../src/core/shared/actor.js';

type Row = typeof outbox.$inferSelect;

/**
 * A stored message as the neutral model reads it now. Rows queued before buttons were called
 * buttons carry `{ type: 'actions', actions }` blocks; they are read as `{ type: 'buttons' }` so
 * that a notification still pending across an upgrade is delivered with its buttons.
 */
export function readStoredMessage(json: string): Message {
  const message = JSON.parse(json) as Message;
  if (!message.blocks.some((b) => (b as { type: string }).type === 'actions')) return message;
  const blocks = message.blocks.map((b) => {
    const legacy = b as unknown as { type: string; actions?: Extract<Message['blocks'][number], { type: 'buttons' }>['buttons'] };
    return legacy.type === 'actions' ? { type: 'buttons' as const, buttons: legacy.actions ?? [] } : b;
  });
  return { ...message, blocks };
}

const toRow = (r: Row): OutboxRow => ({ ...r, message: readStoredMessage(r.message) });
/** The same table again, for "an earlier row to the same recipient" in `due`. */
const earlier = alias(outbox, 'earlier');

export function createOutboxRepository(db: Db, now: () => string): OutboxRepository {
  // Thousands in one run (an audit cycle's start, bench/delivery.bench.ts): one statement,
  // prepared on first use, without a query builder in between.
  const prepareInsert = () =>
    db.$client.prepare<[string, string, string, string, string, string, string]>(
      "INSERT INTO outbox (key, platform, recipient, message, status, attempts, next_attempt_at, created_at, deliver_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
    );
  let insertRow: ReturnType<typeof prepareInsert> | undefined;
  const repo: OutboxRepository = {
    enqueue(n) {
      const at = now();
      const deliverAt = n.deliverAt !== undefined && n.deliverAt > at ? n.deliverAt : at;
      insertRow ??= prepareInsert();
      const result = insertRow.run(n.key, n.platform, n.recipient, JSON.stringify(n.message), deliverAt, at, deliverAt);
      return result.changes === 1;
    },
    due(at, limit, platforms?: readonly Platform[], recipient?: string) {
      const waiting = db
        .select({ one: sql`1` })
        .from(earlier)
        .where(
          and(
            eq(earlier.status, 'pending'),
            eq(earlier.platform, outbox.platform),
            eq(earlier.recipient, outbox.recipient),
            lt(earlier.id, outbox.id),
            gt(earlier.nextAttemptAt, at),
            // Waiting for a retry, not for its delivery moment: a DM held for the morning does not
            // hold back a direct answer queued after it.
            or(isNull(earlier.deliverAt), lte(earlier.deliverAt, at)),
          ),
        );
      const conditions = [eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, at), notExists(waiting)];
      if (platforms) conditions.push(inArray(outbox.platform, [...platforms]));
      if (recipient !== undefined) conditions.push(eq(outbox.recipient, recipient));
      return db
        .select()
        .from(outbox)
        .where(and(...conditions))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .all()
        .map(toRow);
    },
    claim(id, dueAt, until) {
      return (
        db
          .update(outbox)
          .set({ nextAttemptAt: until })
          .where(and(eq(outbox.id, id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, dueAt)))
          .run().changes === 1
      );
    },
    markDelivered(id, at) {
      db.update(outbox).set({ status: 'delivered', deliveredAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null }).where(eq(outbox.id, id)).run();
    },
    markFailed(id, u) {
      db.update(outbox)
        .set({ attempts: u.attempts, nextAttemptAt: u.nextAttemptAt, lastError: u.lastError, status: u.dead ? 'dead' : 'pending' })
        .where(eq(outbox.id, id))
        .run();
    },
    requeue(id, at) {
      const changed = db
        .update(outbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: at })
        .where(and(eq(outbox.id, id), ne(outbox.status, 'delivered')))
        .run().changes;
      return changed === 1 ? repo.get(id) : null;
    },
    get(id) {
      const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
      return row ? toRow(row) : null;
    },
    lastId() {
      return db.select({ id: sql<number | null>`max(${outbox.id})` }).from(outbox).get()?.id ?? 0;
    },
    listAfter(id) {
      return db.select().from(outbox).where(gt(outbox.id, id)).orderBy(asc(outbox.id)).all().map(toRow);
    },
    nextDue() {
      return db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get()?.at ?? null;
    },
    list(filter) {
      const q = db.select().from(outbox);
      return (filter?.status ? q.where(eq(outbox.status, filter.status)) : q).orderBy(asc(outbox.id)).all().map(toRow);
    },
    backlog() {
      const counts = db
        .select({ status: outbox.status, n: sql<number>`count(*)`, oldest: min(outbox.createdAt) })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'dead']))
        .groupBy(outbox.status)
        .all();
      const pending = counts.find((c) => c.status === 'pending');
      const dead = counts.find((c) => c.status === 'dead');
      return { pending: pending?.n ?? 0, dead: dead?.n ?? 0, oldestPendingAt: pending?.oldest ?? null };
    },
  };
  return repo;
}
