// `review pack [review id]`: the pack of one management review (clause 9.3), for the people who
// may record its outcome (an audit lead or the review's chair, as in record-review.ts), to read
// before the meeting or send to the board. Its period runs from the day after the previous
// review's meeting (for the first review, the organisation's cadence back, else twelve months)
// to the meeting itself; figures still count only what happened before the moment it is made.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Block, Message } from '../message.js';
import type { Tx } from '../ports.js';
import { addMonths, formatLocalDate, localDateOf, parseLocalDate } from '../programme/programme-calendar.js';
import { MAX_REVIEW_DAYS } from '../reporting/build-review-pack.js';
import { addDays, daysBetween, longDate } from '../reporting/reporting-periods.js';
import { count } from '../reporting/review-wording.js';
import type { Actor } from '../shared/actor.js';
import { isLead } from '../shared/people.js';
import { buildManagementReview, INPUT_KEYS, type InputStatus, type ManagementReviewPack } from './build-management-review.js';
import type { ManagementReviewRecord } from './ports.js';

const REVIEW_ID = /^MR-\d{4}-\d{2,}$/;

export const PACK_REFUSED = 'Only an audit lead or the chair of a management review can get its pack.';

export interface ReviewPackOf {
  review: ManagementReviewRecord;
  period: { from: string; to: string };
  pack: ManagementReviewPack;
}

/** Whether `email` may read the pack of `review`: an active audit lead, or the review's chair. */
export function mayReadReviewPack(tx: Tx, email: string, review: ManagementReviewRecord): boolean {
  const person = tx.organisation.getPerson(email);
  return Boolean(person?.active && (isLead(person) || person.email === review.chair));
}

/** From the day after the previous review's meeting to this one's (at most the five years a pack covers). */
export function reviewPackPeriod(tx: Tx, review: ManagementReviewRecord): { from: string; to: string } {
  const to = review.meetingDate;
  const previous = tx.reviews.list().filter((r) => r.meetingDate < to).at(-1);
  const meeting = parseLocalDate(to);
  const months = tx.organisation.getOrganisation()?.managementReview?.everyMonths ?? 12;
  let from = previous ? addDays(previous.meetingDate, 1) : meeting ? addDays(formatLocalDate(addMonths(meeting, -months)), 1) : to;
  if (daysBetween(from, to) >= MAX_REVIEW_DAYS) from = addDays(to, -(MAX_REVIEW_DAYS - 1));
  return { from, to };
}

/** The review `id` names, else the next one (else the latest), when `actor` may read its pack. */
function reviewOf(tx: Tx, core: Core, actor: Actor, id: string | undefined): ManagementReviewRecord {
  const wanted = id?.trim().toUpperCase();
  if (wanted !== undefined && !REVIEW_ID.test(wanted)) throw new AuditbotError('validation_failed', `"${id ?? ''}" is not a review id. Type "review pack" for the next review, or "review pack MR-2027-01".`);
  const person = tx.organisation.getPerson(actor.email);
  const reviews = tx.reviews.list();
  const today = localDateOf(core.clock.now().toISOString(), core.settings.timezone);
  const review = wanted ? (reviews.find((r) => r.id === wanted) ?? null) : (reviews.find((r) => r.meetingDate >= today) ?? reviews.at(-1) ?? null);
  // Someone who may not read packs learns nothing about which reviews exist.
  if (!person?.active || (!isLead(person) && (!review || review.chair !== person.email))) throw new AuditbotError('forbidden', PACK_REFUSED);
  if (!review) throw new AuditbotError('not_found', wanted ? `There is no management review ${wanted}. Type "review pack" for the next one.` : 'No management review is scheduled. Type "review schedule <date>" to plan one.');
  return review;
}

/** The pack of the review `id` names (else the next one), for an audit lead or the review's chair. */
export function reviewPackFor(core: Core, actor: Actor, id?: string): ReviewPackOf {
  const { review, period } = core.store.transaction((tx) => {
    const r = reviewOf(tx, core, actor, id);
    return { review: r, period: reviewPackPeriod(tx, r) };
  });
  return { review, period, pack: buildManagementReview(core, period, review.id) };
}

/** The pack a short-lived link names, rebuilt as of now; null when its reader may no longer read it. */
export function reviewPackForReader(core: Core, email: string, reviewId: string): ReviewPackOf | null {
  const found = core.store.transaction((tx) => {
    const r = tx.reviews.get(reviewId);
    return r && mayReadReviewPack(tx, email, r) ? { review: r, period: reviewPackPeriod(tx, r) } : null;
  });
  return found ? { ...found, pack: buildManagementReview(core, found.period, found.review.id) } : null;
}

export const reviewPackFileName = (reviewId: string): string => `management-review-${reviewId}.html`;

const STATE_WORD: Record<InputStatus, string> = { complete: 'complete', partial: 'partial', missing: 'missing' };

/**
 * What the person is told with the file: the review, the period, and the state of every input of
 * 9.3.2, then `delivery` (where the file is, as the platform hands it over).
 */
export function reviewPackMessage(of: ReviewPackOf, delivery: Block[]): Message {
  const { review, period, pack } = of;
  const states = INPUT_KEYS.map((k) => pack.inputs[k].status);
  const tally = (s: InputStatus): number => states.filter((x) => x === s).length;
  const summary = `Management review pack ${review.id}: meeting on ${longDate(review.meetingDate)}, chaired by ${review.chair}; ${tally('complete')} of 7 inputs complete, ${tally('partial')} partial, ${tally('missing')} missing.`;
  const held = review.status === 'held' ? ` The outcome was recorded on ${(review.heldAt ?? '').slice(0, 10)}: ${count(pack.decisions.length, 'decision')}, ${count(pack.reviewActions.length, 'action')}.` : '';
  return {
    summary,
    title: `Management review pack ${review.id}`,
    blocks: [
      { type: 'text', text: `${summary}${held} The pack covers ${longDate(period.from)} to ${longDate(period.to)}, counting only what happened before ${pack.generatedAt.slice(0, 16).replace('T', ' ')} UTC.` },
      { type: 'fields', fields: INPUT_KEYS.map((k) => ({ label: `(${k}) ${pack.inputs[k].title.split(':')[0] ?? ''}`, value: STATE_WORD[pack.inputs[k].status] + (pack.inputs[k].provider ? `, from ${pack.inputs[k].provider ?? ''}` : '') })) },
      ...delivery,
    ],
  };
}
