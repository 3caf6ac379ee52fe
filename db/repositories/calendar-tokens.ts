import { eq } from 'drizzle-orm';
import type { CalendarTokenRepository } from '../../src/core/calendar/ports.js';
import type { Db } from '../connection.js';
import { calendarTokens } from '../schema.js';

export function createCalendarTokenRepository(db: Db): CalendarTokenRepository {
  return {
    get: (email) => db.select().from(calendarTokens).where(eq(calendarTokens.email, email)).get() ?? null,
    findByHash: (tokenHash) => db.select().from(calendarTokens).where(eq(calendarTokens.tokenHash, tokenHash)).get() ?? null,
    save(record) {
      db.insert(calendarTokens)
        .values(record)
        .onConflictDoUpdate({ target: calendarTokens.email, set: { tokenHash: record.tokenHash, createdAt: record.createdAt } })
        .run();
    },
    remove: (email) => db.delete(calendarTokens).where(eq(calendarTokens.email, email)).run().changes > 0,
  };
}
