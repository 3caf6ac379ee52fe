import { eq, lt } from 'drizzle-orm';
import type { FormInstanceRepository } from '../../src/core/forms/ports.js';
import type { Form } from '../../src/core/message.js';
import type { Db } from '../connection.js';
import { formInstances } from '../schema.js';

export function createFormInstanceRepository(db: Db): FormInstanceRepository {
  return {
    insert(instance) {
      db.insert(formInstances)
        .values({ ...instance, form: JSON.stringify(instance.form) })
        .run();
    },
    get(id) {
      const row = db.select().from(formInstances).where(eq(formInstances.id, id)).get();
      return row ? { ...row, form: JSON.parse(row.form) as Form } : null;
    },
    deleteExpiredBefore(before) {
      return db.delete(formInstances).where(lt(formInstances.expiresAt, before)).run().changes;
    },
  };
}
