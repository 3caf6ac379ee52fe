// Actions from a management review chased like corrective actions (issue 16 point 3): the owner
// is reminded before and after the due date by the ONE reminder engine, the chair is told once
// it is long overdue, the owner marks it done (which stops the chase), and the next review's
// input (a) shows its state.
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../../src/core/errors.js';
import { buildManagementReview } from '../../../src/core/review/build-management-review.js';
import { markReviewActionDone } from '../../../src/core/review/mark-review-action-done.js';
import { recordReview } from '../../../src/core/review/record-review.js';
import { runReviewActionChase } from '../../../src/core/review/run-review-action-chase.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { makeTestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const lead = { email: SEED.lead, channel: 'console' as const };
const dee = { email: SEED.authOwner, channel: 'console' as const };

const failure = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return isAuditbotError(e) ? { code: e.code, message: e.message } : e;
  }
  return null;
};

describe('management review actions', () => {
  it('are chased before and after the due date, escalated to the chair, marked done by their owner and shown as input (a)', () => {
    const t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
    seedSmallOrg(t);
    scheduleReview(t.core, lead, { date: '2027-01-20', chair: SEED.iamOwner });
    t.clock.set('2027-01-20T15:00:00.000Z');
    const held = recordReview(t.core, { email: SEED.iamOwner, channel: 'console' }, { reviewId: 'MR-2027-01', attendees: 'Bo\nLena', actions: `${SEED.authOwner} | 2027-02-15 | Automate leaver deprovisioning` });
    expect(held.actions.map((a) => [a.id, a.status])).toEqual([['RA-2027-0001', 'open']]);
    const assigned = t.core.store.transaction((tx) => tx.outbox.list().find((r) => r.key === 'review-action:RA-2027-0001:assigned'));
    expect(assigned?.message.blocks).toContainEqual({ type: 'buttons', buttons: [{ id: 'review.action_done', label: 'Mark done', value: 'RA-2027-0001', style: 'primary' }] });

    const chased = () => t.core.store.transaction((tx) => tx.trail.list({ subject: 'review-action:RA-2027-0001' }).map((e) => ({ action: e.action, after: JSON.parse(String(e.after)) as Record<string, unknown> })));
    t.clock.set('2027-02-01T09:30:00.000Z');
    expect(runReviewActionChase(t.core)).toMatchObject({ messages: 0, open: 1 });
    // Monday 8 February, 5 working days before: due soon.
    t.clock.set('2027-02-08T09:30:00.000Z');
    expect(runReviewActionChase(t.core)).toMatchObject({ messages: 1, reminded: 1, escalated: 0 });
    expect(runReviewActionChase(t.core).messages).toBe(0);
    // Tuesday 16 February, the first working day after: overdue-1; Friday 19th: overdue-2 and the chair is told.
    t.clock.set('2027-02-16T09:30:00.000Z');
    expect(runReviewActionChase(t.core)).toMatchObject({ reminded: 1, escalated: 0 });
    t.clock.set('2027-02-19T09:30:00.000Z');
    expect(runReviewActionChase(t.core)).toMatchObject({ messages: 2, reminded: 1, escalated: 1 });
    expect(chased().map(({ action, after }) => [action, after.to, after.kind ?? after.as])).toEqual([
      ['review.action_chased', SEED.authOwner, 'due-soon'],
      ['review.action_chased', SEED.authOwner, 'overdue'],
      ['review.action_escalated', SEED.iamOwner, ['chair']],
      ['review.action_chased', SEED.authOwner, 'overdue'],
    ]);
    const toBo = t.core.store.transaction((tx) => tx.outbox.list().filter((r) => r.key.startsWith(`review:action:${SEED.iamOwner}`)));
    expect(toBo.map((r) => JSON.stringify(r.message))).toEqual([expect.stringContaining("Dee Diaz's action RA-2027-0001 from management review MR-2027-01, which you chaired, was due on 15 February 2027 and is still open after 3 reminders")]);

    // Only the owner or a lead marks it done; done once; the chase stops.
    expect(failure(() => markReviewActionDone(t.core, { email: SEED.auditor, channel: 'console' }, { actionId: 'RA-2027-0001' }))).toMatchObject({ code: 'forbidden' });
    t.clock.set('2027-02-22T11:00:00.000Z');
    expect(markReviewActionDone(t.core, dee, { actionId: 'ra-2027-0001' })).toMatchObject({ repeated: false, action: { status: 'done', doneBy: SEED.authOwner, doneAt: '2027-02-22T11:00:00.000Z' } });
    expect(markReviewActionDone(t.core, lead, { actionId: 'RA-2027-0001' }).repeated).toBe(true);
    t.clock.set('2027-02-24T09:30:00.000Z');
    expect(runReviewActionChase(t.core)).toMatchObject({ messages: 0, open: 0 });

    // The next review's input (a) shows it done.
    scheduleReview(t.core, lead, { date: '2027-07-15' });
    const next = buildManagementReview(t.core, { from: '2027-01-01', to: '2027-06-30' });
    expect(next.inputs.a).toMatchObject({ status: 'complete', items: [{ label: `RA-2027-0001 from MR-2027-01, owner ${SEED.authOwner}`, text: 'done on 2027-02-22: Automate leaver deprovisioning' }] });
  });
});
