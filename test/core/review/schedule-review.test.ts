// `review schedule`: a lead puts a management review (clause 9.3) on the calendar; the chair is
// told by DM; the same request twice changes nothing; everyone else is refused.
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../../src/core/errors.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { makeTestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const lead = { email: SEED.lead, channel: 'console' as const };

function org() {
  const t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  return t;
}

const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return isAuditbotError(e) ? [e.code, e.message] : e;
  }
  return null;
};

describe('scheduling a management review', () => {
  it('records the meeting with its chair, in the trail, and tells the chair once', () => {
    const t = org();
    const first = scheduleReview(t.core, lead, { date: '2027-06-15', chair: SEED.iamOwner.toUpperCase() });
    expect(first).toMatchObject({ created: true, review: { id: 'MR-2027-01', meetingDate: '2027-06-15', chair: SEED.iamOwner, status: 'scheduled', scheduledBy: SEED.lead } });
    const again = scheduleReview(t.core, lead, { date: '2027-06-15', chair: SEED.iamOwner });
    expect(again).toMatchObject({ created: false, review: { id: 'MR-2027-01' } });
    const { trail, dms } = t.core.store.transaction((tx) => ({ trail: tx.trail.list({ subject: 'review:MR-2027-01' }), dms: tx.outbox.list().filter((r) => r.recipient === SEED.iamOwner) }));
    expect(trail.map((e) => [e.action, e.actor, JSON.parse(String(e.after))])).toEqual([['review.scheduled', SEED.lead, { meetingDate: '2027-06-15', chair: SEED.iamOwner }]]);
    expect(dms.map((d) => d.message.summary)).toEqual([expect.stringContaining('scheduled management review MR-2027-01 for 15 June 2027 with you as its chair')]);
    // Without --chair, the lead chairs it; the next one takes the next number.
    expect(scheduleReview(t.core, lead, { date: '2027-12-01' }).review).toMatchObject({ id: 'MR-2027-02', chair: SEED.lead });
  });

  it('refuses anyone but a lead, dates in the past or not real, an unknown chair and a second chair on the same day', () => {
    const t = org();
    expect(codeOf(() => scheduleReview(t.core, { email: SEED.auditor, channel: 'console' }, { date: '2027-06-15' }))).toEqual(['forbidden', expect.stringContaining('Only an audit lead can schedule a management review')]);
    expect(codeOf(() => scheduleReview(t.core, lead, { date: '2027-01-03' }))).toEqual(['validation_failed', expect.stringContaining('3 January 2027 is in the past')]);
    expect(codeOf(() => scheduleReview(t.core, lead, { date: '2027-02-30' }))).toEqual(['validation_failed', expect.stringContaining('a real date written YYYY-MM-DD')]);
    expect(codeOf(() => scheduleReview(t.core, lead, { date: '2027-06-15', chair: 'nobody@acme.example' }))).toEqual(['validation_failed', expect.stringContaining('nobody@acme.example is not an active person')]);
    expect(codeOf(() => scheduleReview(t.core, lead, { date: '2027-06-15', chair: SEED.leaver }))).toEqual(['validation_failed', expect.stringContaining('is not an active person')]);
    scheduleReview(t.core, lead, { date: '2027-06-15' });
    expect(codeOf(() => scheduleReview(t.core, lead, { date: '2027-06-15', chair: SEED.iamOwner }))).toEqual(['conflict', expect.stringContaining('MR-2027-01 is already on 15 June 2027')]);
  });
});
