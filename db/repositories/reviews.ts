import { asc, eq } from 'drizzle-orm';
import type { ReviewRepository } from '../../src/core/review/ports.js';
import type { Db } from '../connection.js';
import { managementReviews } from '../schema.js';

export function createReviewRepository(db: Db): ReviewRepository {
  return {
    insert(review) {
      db.insert(managementReviews).values(review).run();
    },
    get(id) {
      return db.select().from(managementReviews).where(eq(managementReviews.id, id)).get() ?? null;
    },
    byMeetingDate(date) {
      return db.select().from(managementReviews).where(eq(managementReviews.meetingDate, date)).get() ?? null;
    },
    list() {
      return db.select().from(managementReviews).orderBy(asc(managementReviews.meetingDate)).all();
    },
  };
}
