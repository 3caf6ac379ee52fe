// Short-lived links to a review pack (`GET /review-pack/<token>.html`), how Teams hands the pack
// over. The token is random (made by the caller with a cryptographic generator, so the core
// stays deterministic), given to one person for one review, kept only as its SHA-256, and ends
// after PACK_LINK_MINUTES. The page is made when the link is opened, for a reader who may still
// read it: nothing of the pack is stored.
import { hashFeedToken } from '../calendar/feed-links.js';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Block } from '../message.js';
import type { Actor } from '../shared/actor.js';
import { wallClock } from '../shared/time-zone.js';
import { mayReadReviewPack, reviewPackForReader, type ReviewPackOf } from './review-pack.js';

export const PACK_LINK_MINUTES = 15;

/**
 * 32 random bytes in hex: all a link may carry. Hex, not base64url, because chat renderers escape
 * `_` as Markdown (Teams shows `\_`), which would break the link a person is given.
 */
export const PACK_TOKEN = /^[0-9a-f]{64}$/;

export const REVIEW_PACK_PREFIX = '/review-pack/';

export const packLinkUrl = (publicUrl: string, token: string): string => `${publicUrl}${REVIEW_PACK_PREFIX}${token}.html`;

export const PACK_LINKS_NOT_SET_UP =
  'Links to review packs are not set up on this server: an administrator sets PUBLIC_URL to the address people reach it at (see docs/configuration.md). Until then an administrator can write the pack with `auditbot export review --format html`.';

export interface PackLink {
  url: string;
  expiresAt: string;
}

/** Gives `actor` a link to the pack of `reviewId` for the next PACK_LINK_MINUTES. */
export function issueReviewPackLink(core: Core, actor: Actor, input: { token: string; reviewId: string }): PackLink {
  const publicUrl = core.settings.publicUrl;
  if (!publicUrl) throw new AuditbotError('conflict', PACK_LINKS_NOT_SET_UP);
  if (!PACK_TOKEN.test(input.token)) throw new AuditbotError('internal', 'A review pack token must be 32 random bytes in hex.');
  const now = core.clock.now();
  const expiresAt = new Date(now.getTime() + PACK_LINK_MINUTES * 60_000).toISOString();
  return core.store.transaction((tx) => {
    const review = tx.reviews.get(input.reviewId);
    if (!review || !mayReadReviewPack(tx, actor.email, review)) throw new AuditbotError('forbidden', 'Only an audit lead or the chair of a management review can get its pack.');
    tx.reviewPackLinks.removeExpired(now.toISOString());
    tx.reviewPackLinks.save({ tokenHash: hashFeedToken(input.token), email: actor.email, reviewId: review.id, createdAt: now.toISOString(), expiresAt });
    return { url: packLinkUrl(publicUrl, input.token), expiresAt };
  });
}

/**
 * The pack a link opens, made now, or null for anything that is not a live link: malformed,
 * unknown, expired, or a reader who may no longer read it. The lookup is by hash on the primary
 * key, so an unknown token costs what an expired one does.
 */
export function reviewPackByLink(core: Core, token: string): ReviewPackOf | null {
  if (!PACK_TOKEN.test(token)) return null;
  const now = core.clock.now().toISOString();
  const link = core.store.transaction((tx) => tx.reviewPackLinks.findByHash(hashFeedToken(token)));
  if (!link || link.expiresAt <= now) return null;
  return reviewPackForReader(core, link.email, link.reviewId);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** What the person is told with the link: that it is theirs alone, and when it ends. */
export function packLinkBlocks(core: Core, link: PackLink): Block[] {
  const tz = core.settings.timezone;
  const end = wallClock(Date.parse(link.expiresAt), tz);
  return [
    { type: 'text', text: `Open the pack (one self-contained page to read, print to PDF or send to the board): ${link.url}` },
    { type: 'context', text: `The link is for you only and expires in ${PACK_LINK_MINUTES} minutes, at ${two(end.hour)}:${two(end.minute)} (${tz}) on ${end.year}-${two(end.month)}-${two(end.day)}. Type "review pack" again for a new one.` },
  ];
}
