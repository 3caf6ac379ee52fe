import { desc, eq } from 'drizzle-orm';
import type { ConversationRefRepository, StoredConversationRef } from '../../src/core/conversations/ports.js';
import type { Db } from '../connection.js';
import { conversationRefs } from '../schema.js';

type Row = typeof conversationRefs.$inferSelect;

const toStored = (r: Row): StoredConversationRef => ({ owner: r.owner, reference: JSON.parse(r.reference) as Record<string, unknown>, updatedAt: r.updatedAt });

export function createConversationRefRepository(db: Db, now: () => string): ConversationRefRepository {
  return {
    get(owner) {
      const row = db.select().from(conversationRefs).where(eq(conversationRefs.owner, owner)).get();
      return row ? toStored(row) : null;
    },
    save(owner, reference) {
      const row = { owner, reference: JSON.stringify(reference), updatedAt: now() };
      db.insert(conversationRefs)
        .values(row)
        .onConflictDoUpdate({ target: conversationRefs.owner, set: { reference: row.reference, updatedAt: row.updatedAt } })
        .run();
    },
    remove(owner) {
      return db.delete(conversationRefs).where(eq(conversationRefs.owner, owner)).run().changes > 0;
    },
    latest() {
      const row = db.select().from(conversationRefs).orderBy(desc(conversationRefs.updatedAt), desc(conversationRefs.owner)).limit(1).get();
      return row ? toStored(row) : null;
    },
  };
}
