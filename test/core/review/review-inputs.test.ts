// Inputs of a management review collected from their providers (issue 16 point 2), on the core:
// two weeks before the meeting each provider named in the organisation file is asked through the
// ONE reminder engine, with a button to the form; one gives their input (with a status per
// objective), the other is late, reminded and escalated to the chair; the pack shows each input
// complete, partial or missing with who gave it and when.
import { describe, expect, it } from 'vitest';
import { organisation } from '../../../db/schema.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { isForm } from '../../../src/core/message.js';
import { buildManagementReview } from '../../../src/core/review/build-management-review.js';
import { provideInput, provideInputForm } from '../../../src/core/review/provide-input.js';
import { runInputRequests } from '../../../src/core/review/run-input-requests.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const fay = { email: SEED.suppliersOwner, channel: 'console' as const };
const dee = { email: SEED.authOwner, channel: 'console' as const };

/** 5 July 2027 (Monday); review MR-2027-01 on Tuesday 20 July, chaired by Bo; (b) from Fay, (d) from Dee. */
export function reviewWithProviders(): TestCore {
  const t = makeTestCore('2027-07-05T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  t.db.update(organisation).set({ managementReview: { everyMonths: 6, chair: SEED.iamOwner, inputs: { b: SEED.suppliersOwner, d: SEED.authOwner } } }).run();
  scheduleReview(t.core, { email: SEED.lead, channel: 'console' }, { date: '2027-07-20' });
  return t;
}

const outboxOf = (t: TestCore, prefix: string) => t.core.store.transaction((tx) => tx.outbox.list().filter((r) => r.key.startsWith(prefix)));

const failure = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return isAuditbotError(e) ? { code: e.code, fields: e.fields, message: e.message } : e;
  }
  return null;
};

describe('management review inputs from their providers', () => {
  it('asks two weeks ahead, reminds and escalates the late provider to the chair, and the pack shows each state', () => {
    const t = reviewWithProviders();
    expect(runInputRequests(t.core)).toMatchObject({ messages: 0, open: 2 });

    // Tuesday 6 July, 14 days before: both providers are asked, each with the button to the form.
    t.clock.set('2027-07-06T09:30:00.000Z');
    expect(runInputRequests(t.core)).toMatchObject({ messages: 2, reminded: 2, escalated: 0 });
    const asked = outboxOf(t, 'review:input:');
    expect(asked.map((r) => r.recipient).sort()).toEqual([SEED.authOwner, SEED.suppliersOwner]);
    const toFay = asked.find((r) => r.recipient === SEED.suppliersOwner);
    expect(JSON.stringify(toFay?.message)).toContain('Please give input (b), changes in external and internal issues relevant to the isms, by 13 July 2027.');
    expect(toFay?.message.blocks).toContainEqual({ type: 'buttons', buttons: [{ id: 'review.input', label: 'Give input (b)', value: 'MR-2027-01:b', style: 'primary' }] });
    expect(runInputRequests(t.core).messages).toBe(0);

    // Dee opens the form (with the objectives box, as (d) includes them) and gives the input.
    const form = provideInputForm(t.core, dee, 'MR-2027-01:d');
    expect(isForm(form) && form.fields.map((f) => f.id)).toEqual(['text', 'links', 'objectives']);
    expect(failure(() => provideInput(t.core, dee, { reviewId: 'MR-2027-01', letter: 'd', links: 'file:///etc/passwd' }))).toMatchObject({ fields: { links: expect.stringContaining('"file:" links cannot be accepted') } });
    expect(failure(() => provideInput(t.core, dee, { reviewId: 'MR-2027-01', letter: 'd', objectives: 'Patch within 14 days | nearly' }))).toMatchObject({ fields: { objectives: 'line 1: write each objective as: objective | met, on track, at risk, not met' } });
    expect(failure(() => provideInput(t.core, { email: SEED.auditor, channel: 'console' }, { reviewId: 'MR-2027-01', letter: 'b', text: 'x' }))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('provided by fay@acme.example') });
    t.clock.set('2027-07-08T13:00:00.000Z');
    provideInput(t.core, dee, { reviewId: 'MR-2027-01', letter: 'd', text: 'Phishing click rate down to 3%.', links: 'https://wiki.acme.example/kpi', objectives: 'Patch critical CVEs within 14 days | on track\nMFA for all staff | met' });

    // Wednesday 14 July, the first working day after the due date: Fay is reminded, Bo told.
    t.clock.set('2027-07-14T09:30:00.000Z');
    expect(runInputRequests(t.core)).toMatchObject({ messages: 2, reminded: 1, escalated: 1, open: 1 });
    const late = outboxOf(t, 'review:input:').filter((r) => !asked.some((a) => a.id === r.id));
    expect(late.map((r) => [r.recipient, r.message.summary])).toEqual(
      expect.arrayContaining([
        [SEED.suppliersOwner, expect.stringContaining('1 input of a management review is asked of you')],
        [SEED.iamOwner, expect.stringContaining('1 input of the management review you chair is late')],
      ]),
    );
    expect(JSON.stringify(late.find((r) => r.recipient === SEED.iamOwner)?.message)).toContain('has not yet given input (b) for management review MR-2027-01, due 13 July 2027: 1 working day late after 2 reminders.');
    const trail = t.core.store.transaction((tx) => tx.trail.list({ subject: 'review-input:MR-2027-01:b' }).map((e) => e.action));
    // One run queues by recipient (Bo before Fay).
    expect(trail).toEqual(['review.input_requested', 'review.input_escalated', 'review.input_requested']);
    expect(runInputRequests(t.core).messages).toBe(0);

    const pack = buildManagementReview(t.core, { from: '2027-01-01', to: '2027-06-30' });
    expect(pack.inputs.b).toMatchObject({ status: 'missing', provider: null, missing: ['not yet given by fay@acme.example'] });
    expect(pack.inputs.d).toMatchObject({ status: 'complete', provider: SEED.authOwner, providedAt: '2027-07-08T13:00:00.000Z', missing: [] });
    expect(pack.inputs.d.items).toEqual(
      expect.arrayContaining([
        { label: 'From dee@acme.example', text: 'Phishing click rate down to 3%.' },
        { label: 'Link', text: 'https://wiki.acme.example/kpi' },
        { label: 'Objective: MFA for all staff', text: 'met' },
      ]),
    );

    // Fay gives it late; a text without objectives, so (b) is complete; the engine stops asking.
    t.clock.set('2027-07-15T08:00:00.000Z');
    provideInput(t.core, fay, { reviewId: 'mr-2027-01', letter: 'b', text: 'A new customer contract requires SOC 2.' });
    expect(buildManagementReview(t.core, { from: '2027-01-01', to: '2027-06-30' }).inputs.b).toMatchObject({ status: 'complete', provider: SEED.suppliersOwner, providedAt: '2027-07-15T08:00:00.000Z' });
    t.clock.set('2027-07-16T09:30:00.000Z');
    expect(runInputRequests(t.core)).toMatchObject({ messages: 0, open: 0 });
  });

  it('a (d) without objectives is partial; after the review is held the inputs are final', () => {
    const t = reviewWithProviders();
    t.clock.set('2027-07-08T13:00:00.000Z');
    provideInput(t.core, dee, { reviewId: 'MR-2027-01', letter: 'd', text: 'Figures attached.' });
    expect(buildManagementReview(t.core, { from: '2027-01-01', to: '2027-06-30' }).inputs.d).toMatchObject({ status: 'partial', provider: SEED.authOwner, missing: ['fulfilment of information security objectives (no status per objective given)'] });
    t.db.$client.prepare("UPDATE management_reviews SET status = 'held' WHERE id = 'MR-2027-01'").run();
    expect(failure(() => provideInput(t.core, dee, { reviewId: 'MR-2027-01', letter: 'd', text: 'More' }))).toMatchObject({ code: 'conflict', message: expect.stringContaining('its inputs are final') });
  });
});
