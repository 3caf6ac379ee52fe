import { eq } from 'drizzle-orm';
import type { SettingsRepository } from '../../src/core/settings/ports.js';
import type { Db } from '../connection.js';
import { settings } from '../schema.js';

export function createSettingsRepository(db: Db, now: () => string): SettingsRepository {
  return {
    get(key) {
      return db.select().from(settings).where(eq(settings.key, key)).get() ?? null;
    },
    set(key, value, by) {
      const row = { key, value, updatedAt: now(), updatedBy: by };
      db.insert(settings)
        .values(row)
        .onConflictDoUpdate({ target: settings.key, set: { value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy } })
        .run();
      return row;
    },
  };
}
