// A management review cycle on the core (issue 16 points 1, 4, 6): scheduled, the pack shows
// every input, the chair records attendees, decisions and actions (which holds the review, in
// the trail, and tells each action owner), a second recording changes nothing, and the next
// review's pack shows the actions as input (a).
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../../src/core/errors.js';
import { buildManagementReview } from '../../../src/core/review/build-management-review.js';
import { recordReview } from '../../../src/core/review/record-review.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { makeTestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const lead = { email: SEED.lead, channel: 'console' as const };
const chair = { email: SEED.iamOwner, channel: 'console' as const };

const fieldsOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return isAuditbotError(e) ? { code: e.code, fields: e.fields, message: e.message } : e;
  }
  return null;
};

describe('a management review cycle', () => {
  it('records the outcome once, finally, and shows its actions as input (a) of the next review', () => {
    const t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
    seedSmallOrg(t);
    scheduleReview(t.core, lead, { date: '2027-01-20', chair: SEED.iamOwner });
    const before = buildManagementReview(t.core, { from: '2026-07-01', to: '2026-12-31' });
    expect(before.meeting).toMatchObject({ id: 'MR-2027-01', status: 'scheduled' });
    expect(before.inputs.a).toMatchObject({ status: 'missing', missing: ['no earlier management review is recorded in Auditbot'] });

    const outcome = {
      reviewId: 'mr-2027-01',
      attendees: 'Bo Berg (chair)\nLena Lund\n',
      improvements: 'Automate leaver deprovisioning',
      changes: 'Add supplier reviews to the ISMS scope',
      resources: 'One more internal auditor',
      actions: `${SEED.authOwner} | 2027-03-31 | Automate leaver deprovisioning in the IdP\n${SEED.lead} | 2027-02-15 | Train a third internal auditor`,
    };
    // Not before the meeting; only the chair or a lead; each line checked.
    expect(fieldsOf(() => recordReview(t.core, chair, outcome))).toMatchObject({ code: 'validation_failed', fields: { attendees: expect.stringContaining('meets on 20 January 2027') } });
    t.clock.set('2027-01-20T15:00:00.000Z');
    expect(fieldsOf(() => recordReview(t.core, { email: SEED.auditor, channel: 'console' }, outcome))).toMatchObject({ code: 'forbidden' });
    expect(fieldsOf(() => recordReview(t.core, chair, { ...outcome, actions: 'nobody@acme.example | 2027-03-31 | x' }))).toMatchObject({ fields: { actions: 'line 1: nobody@acme.example is not an active person in the organisation file' } });
    expect(fieldsOf(() => recordReview(t.core, chair, { ...outcome, actions: 'Automate it' }))).toMatchObject({ fields: { actions: expect.stringContaining('owner e-mail | due date YYYY-MM-DD | what is to be done') } });
    expect(fieldsOf(() => recordReview(t.core, chair, { ...outcome, attendees: ' \n ' }))).toMatchObject({ fields: { attendees: 'who attended, one per line' } });

    const held = recordReview(t.core, chair, outcome);
    expect(held.repeated).toBe(false);
    expect(held.review).toMatchObject({ status: 'held', heldBy: SEED.iamOwner, attendees: ['Bo Berg (chair)', 'Lena Lund'] });
    expect(held.review.decisions).toEqual([
      { kind: 'improvement', text: 'Automate leaver deprovisioning' },
      { kind: 'change', text: 'Add supplier reviews to the ISMS scope' },
      { kind: 'resources', text: 'One more internal auditor' },
    ]);
    expect(held.actions.map((a) => [a.id, a.owner, a.due])).toEqual([['RA-2027-0001', SEED.authOwner, '2027-03-31'], ['RA-2027-0002', SEED.lead, '2027-02-15']]);
    // Final: a second submission changes nothing.
    expect(recordReview(t.core, lead, { ...outcome, attendees: 'Someone else' })).toMatchObject({ repeated: true, review: { attendees: ['Bo Berg (chair)', 'Lena Lund'] } });
    const { trail, dms } = t.core.store.transaction((tx) => ({ trail: tx.trail.list({ subject: 'review:MR-2027-01' }).map((e) => e.action), dms: tx.outbox.list().filter((r) => r.message.summary.includes('gave you an action')).map((r) => r.recipient) }));
    expect(trail).toEqual(['review.scheduled', 'review.held']);
    expect(dms).toEqual([SEED.authOwner, SEED.lead]);

    const recorded = buildManagementReview(t.core, { from: '2026-07-01', to: '2026-12-31' });
    expect(recorded).toMatchObject({ meeting: { id: 'MR-2027-01', status: 'held' }, attendees: ['Bo Berg (chair)', 'Lena Lund'] });
    expect(recorded.reviewActions.map((a) => a.id)).toEqual(['RA-2027-0001', 'RA-2027-0002']);

    // The next review: its pack shows the last one's actions as input (a), one of them overdue.
    t.clock.set('2027-03-01T10:00:00.000Z');
    scheduleReview(t.core, lead, { date: '2027-07-15' });
    const next = buildManagementReview(t.core, { from: '2027-01-01', to: '2027-06-30' });
    expect(next.meeting).toMatchObject({ id: 'MR-2027-02', status: 'scheduled' });
    expect(next.reviewActions).toEqual([]);
    expect(next.inputs.a).toMatchObject({ status: 'complete', provider: 'Auditbot', providedAt: '2027-03-01T10:00:00.000Z' });
    expect(next.inputs.a.items).toEqual([
      { label: `RA-2027-0001 from MR-2027-01, owner ${SEED.authOwner}`, text: 'open, due 2027-03-31: Automate leaver deprovisioning in the IdP' },
      { label: `RA-2027-0002 from MR-2027-01, owner ${SEED.lead}`, text: 'overdue since 2027-02-15: Train a third internal auditor' },
    ]);
  });
});
