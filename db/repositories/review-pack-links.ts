import { eq, lte } from 'drizzle-orm';
import type { ReviewPackLinkRepository } from '../../src/core/review/ports.js';
import type { Db } from '../connection.js';
import { reviewPackLinks } from '../schema.js';

export function createReviewPackLinkRepository(db: Db): ReviewPackLinkRepository {
  return {
    save: (link) => void db.insert(reviewPackLinks).values(link).run(),
    findByHash: (tokenHash) => db.select().from(reviewPackLinks).where(eq(reviewPackLinks.tokenHash, tokenHash)).get() ?? null,
    removeExpired: (now) => db.delete(reviewPackLinks).where(lte(reviewPackLinks.expiresAt, now)).run().changes,
  };
}
