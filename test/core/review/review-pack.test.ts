// `review pack` on the core (issue 16 point 5): an audit lead or the review's chair gets the pack
// of a review, over the period since the previous review's meeting; everyone else is refused the
// same way whether or not the review exists.
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../../src/core/errors.js';
import { PACK_REFUSED, reviewPackFor, reviewPackForReader, reviewPackMessage } from '../../../src/core/review/review-pack.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { reviewHistory } from '../../helpers/review-seed.js';
import { SEED } from '../../helpers/seed.js';

const as = (email: string) => ({ email, channel: 'console' as const });

const refusal = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return isAuditbotError(e) ? [e.code, e.message] : e;
  }
  return null;
};

describe('the pack of a management review', () => {
  it('gives a lead the next review, over the twelve months to its meeting, with every input stated', () => {
    const t = reviewHistory();
    const of = reviewPackFor(t.core, as(SEED.lead));
    expect(of.review.id).toBe('MR-2027-01');
    expect(of.period).toEqual({ from: '2026-07-21', to: '2027-07-20' });
    expect(of.pack.meeting).toMatchObject({ id: 'MR-2027-01', chair: SEED.iamOwner });
    const message = reviewPackMessage(of, [{ type: 'text', text: 'Here it is.' }]);
    expect(message.summary).toBe(`Management review pack MR-2027-01: meeting on 20 July 2027, chaired by ${SEED.iamOwner}; 0 of 7 inputs complete, 2 partial, 5 missing.`);
    expect(message.blocks.find((b) => b.type === 'fields')).toMatchObject({ fields: expect.arrayContaining([{ label: '(d) Feedback on information security performance', value: 'partial, from Auditbot' }]) });
    expect(message.blocks.at(-1)).toEqual({ type: 'text', text: 'Here it is.' });
  });

  it('gives the chair their review, and a named review its own meeting and the period since the previous one', () => {
    const t = reviewHistory();
    scheduleReview(t.core, as(SEED.lead), { date: '2027-12-14', chair: SEED.lead });
    expect(reviewPackFor(t.core, as(SEED.iamOwner), 'mr-2027-01').review.id).toBe('MR-2027-01');
    const later = reviewPackFor(t.core, as(SEED.lead), 'MR-2027-02');
    expect(later.period).toEqual({ from: '2027-07-21', to: '2027-12-14' });
    expect(later.pack.meeting).toMatchObject({ id: 'MR-2027-02', date: '2027-12-14' });
    // Bo chairs MR-2027-01 only.
    expect(refusal(() => reviewPackFor(t.core, as(SEED.iamOwner), 'MR-2027-02'))).toEqual(['forbidden', PACK_REFUSED]);
  });

  it('refuses everyone else alike, whether or not the review exists', () => {
    const t = reviewHistory();
    for (const email of [SEED.auditor, SEED.authOwner]) {
      expect(refusal(() => reviewPackFor(t.core, as(email)))).toEqual(['forbidden', PACK_REFUSED]);
      expect(refusal(() => reviewPackFor(t.core, as(email), 'MR-2027-01'))).toEqual(['forbidden', PACK_REFUSED]);
      expect(refusal(() => reviewPackFor(t.core, as(email), 'MR-2031-07'))).toEqual(['forbidden', PACK_REFUSED]);
    }
    expect(refusal(() => reviewPackFor(t.core, as(SEED.lead), 'MR-2031-07'))).toEqual(['not_found', 'There is no management review MR-2031-07. Type "review pack" for the next one.']);
    expect(refusal(() => reviewPackFor(t.core, as(SEED.lead), 'pack.html'))).toMatchObject(['validation_failed', expect.stringContaining('is not a review id')]);
    // A link rebuilds the pack only for someone who may still read it.
    expect(reviewPackForReader(t.core, SEED.iamOwner, 'MR-2027-01')?.review.id).toBe('MR-2027-01');
    expect(reviewPackForReader(t.core, SEED.auditor, 'MR-2027-01')).toBeNull();
  });
});
