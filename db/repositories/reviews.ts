import { asc, eq, inArray } from 'drizzle-orm';
import type { ReviewRepository } from '../../src/core/review/ports.js';
import type { Db } from '../connection.js';
import { managementReviews, reviewActions, reviewInputs } from '../schema.js';

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
    hold(id, outcome) {
      db.update(managementReviews).set({ status: 'held', ...outcome }).where(eq(managementReviews.id, id)).run();
    },
    insertAction(action) {
      db.insert(reviewActions).values(action).run();
    },
    getAction(id) {
      return db.select().from(reviewActions).where(eq(reviewActions.id, id)).get() ?? null;
    },
    openActions() {
      return db.select().from(reviewActions).where(eq(reviewActions.status, 'open')).orderBy(asc(reviewActions.id)).all();
    },
    markActionDone(id, done) {
      db.update(reviewActions).set({ status: 'done', ...done }).where(eq(reviewActions.id, id)).run();
    },
    actionsOf(reviewIds) {
      if (reviewIds.length === 0) return [];
      return db.select().from(reviewActions).where(inArray(reviewActions.reviewId, [...reviewIds])).orderBy(asc(reviewActions.id)).all();
    },
    saveInput(input) {
      const set = { providedBy: input.providedBy, providedAt: input.providedAt, text: input.text, links: input.links, objectives: input.objectives };
      db.insert(reviewInputs).values(input).onConflictDoUpdate({ target: [reviewInputs.reviewId, reviewInputs.letter], set }).run();
    },
    inputsOf(reviewId) {
      return db.select().from(reviewInputs).where(eq(reviewInputs.reviewId, reviewId)).orderBy(asc(reviewInputs.letter)).all();
    },
  };
}
