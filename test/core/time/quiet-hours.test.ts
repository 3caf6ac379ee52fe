// Issue 15 points 1 to 3 in small: every DM queued through notify gets the earliest moment it
// may go (the recipient's working hours and holidays) and the dispatcher holds it until then; a
// direct answer goes at once; what falls due together is one message within platform limits;
// holidays from the organisation file shape working days, due dates and snooze.
import { describe, expect, it } from 'vitest';
import { parseOrganisationFile } from '../../../src/core/organisation/parse-organisation-file.js';
import { BUNDLE_LIMITS, combineMessages, planBundles } from '../../../src/core/shared/bundle.js';
import { holidayDaysFor } from '../../../src/core/shared/holidays.js';
import { deliveryMoment, notifyPerson } from '../../../src/core/shared/notify.js';
import { workingHoursFor } from '../../../src/core/shared/people.js';
import { addWorkingDays, DEFAULT_WORKING_HOURS, workingDaysBetween } from '../../../src/core/shared/working-time.js';
import { createLogger } from '../../../src/logger.js';
import type { Deliverer } from '../../../src/outbox/deliverer.js';
import { createDispatcher } from '../../../src/outbox/dispatcher.js';
import type { OutboxRow } from '../../../src/core/ports.js';
import type { Message } from '../../../src/core/message.js';
import { makeTestCore } from '../../helpers/core.js';
import { HOLIDAYS, TORG, seedTimeOrg } from './time-org.js';
import { readFileSync } from 'node:fs';
import { reviewEvidence } from '../../../src/core/evidence/review-evidence.js';
import { submitEvidence } from '../../../src/core/evidence/submit-evidence.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { onWorkingDay } from '../../../src/core/shared/due-dates.js';
import { resolve } from 'node:path';

const message = (text: string, buttons = 1): Message => ({
  summary: text,
  title: text,
  blocks: [{ type: 'text', text }, { type: 'buttons', buttons: Array.from({ length: buttons }, (_, i) => ({ id: 'evidence.submit', label: 'Submit', value: `${text}-${i}` })) }],
});

function recorder(): Deliverer & { sent: OutboxRow[] } {
  const sent: OutboxRow[] = [];
  return { platform: 'console', sent, deliver: (row) => (sent.push(row), Promise.resolve({ ok: true })) };
}

describe('quiet hours for every DM', () => {
  it('queues a DM with the start of the recipient’s next working period and holds it until then; an answer goes at once', async () => {
    // Sunday 17 October 2027, 23:05 UTC: 08:05 on Monday in Tokyo, 19:05 on Sunday in New York.
    const t = makeTestCore('2027-10-17T23:05:00.000Z', { timezone: 'Europe/London' });
    seedTimeOrg(t);
    const at = (email: string) => t.core.store.transaction((tx) => deliveryMoment(tx, t.core, tx.organisation.getPerson(email) ?? { timezone: null, team: null }, t.clock.now())).toISOString();
    expect(at(TORG.tokyo)).toBe('2027-10-18T00:00:00.000Z');
    expect(at(TORG.newYork)).toBe('2027-10-18T13:00:00.000Z');
    expect(at(TORG.mexico)).toBe('2027-10-18T15:00:00.000Z');
    expect(at(TORG.london)).toBe('2027-10-18T08:00:00.000Z');

    t.core.store.transaction((tx) => {
      const nora = tx.organisation.getPerson(TORG.newYork);
      if (!nora) throw new Error('no Nora');
      notifyPerson(tx, t.core, nora, 'held', message('Held for the morning'));
      notifyPerson(tx, t.core, nora, 'answer', message('What you just did'), { answer: true });
    });
    const out = recorder();
    const dispatcher = createDispatcher({ store: t.core.store, clock: t.clock, deliverers: [out], maxAttempts: 3, logger: createLogger('silent') });
    await dispatcher.runOnce();
    // The answer is not held behind the DM that waits for the morning.
    expect(out.sent.map((r) => r.key)).toEqual(['answer']);
    t.clock.set('2027-10-18T12:59:59.000Z');
    await dispatcher.runOnce();
    expect(out.sent).toHaveLength(1);
    t.clock.set('2027-10-18T13:00:00.000Z');
    await dispatcher.runOnce();
    expect(out.sent.map((r) => r.key)).toEqual(['answer', 'held']);
  });

  it('skips the recipient’s own holidays (by country or team), not other people’s', () => {
    // Tuesday 2 November 2027, 20:00 UTC: Wednesday 05:00 in Tokyo, Culture Day in Japan.
    const t = makeTestCore('2027-11-02T20:00:00.000Z', { timezone: 'Europe/London' });
    seedTimeOrg(t);
    const moment = (person: { timezone: string; team: string; country: string | null }) => t.core.store.transaction((tx) => deliveryMoment(tx, t.core, person, t.clock.now())).toISOString();
    expect(moment({ timezone: 'Asia/Tokyo', team: 'ops', country: 'JP' })).toBe('2027-11-04T00:00:00.000Z');
    expect(moment({ timezone: 'Asia/Tokyo', team: 'ops', country: null })).toBe('2027-11-03T00:00:00.000Z');
  });
});

describe('one message per person', () => {
  it('sends what one person has due together as one message with every button; others get their own', async () => {
    const t = makeTestCore('2027-10-18T10:00:00.000Z');
    t.core.store.transaction((tx) => {
      for (let i = 1; i <= 6; i++) tx.outbox.enqueue({ key: `a${i}`, platform: 'console', recipient: 'ana@acme.example', message: message(`Audit ${i} started`, 2) });
      tx.outbox.enqueue({ key: 'b1', platform: 'console', recipient: 'bo@acme.example', message: message('For Bo') });
      tx.outbox.enqueue({ key: 'c1', platform: 'console', recipient: 'channel:digest', message: message('Digest') });
      tx.outbox.enqueue({ key: 'c2', platform: 'console', recipient: 'channel:digest', message: message('Digest 2') });
    });
    const out = recorder();
    await createDispatcher({ store: t.core.store, clock: t.clock, deliverers: [out], maxAttempts: 3, logger: createLogger('silent') }).runOnce();
    const ana = out.sent.filter((r) => r.recipient === 'ana@acme.example');
    expect(ana).toHaveLength(1);
    expect(ana[0]?.parts).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(ana[0]?.message.title).toBe('6 updates for you');
    const buttons = ana[0]?.message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.value) : []));
    expect(buttons).toEqual([1, 2, 3, 4, 5, 6].flatMap((i) => [`Audit ${i} started-0`, `Audit ${i} started-1`]));
    // Channel posts are never bundled.
    expect(out.sent.filter((r) => r.recipient === 'channel:digest').map((r) => r.key)).toEqual(['c1', 'c2']);
    expect(t.core.store.transaction((tx) => tx.outbox.list()).every((r) => r.status === 'delivered')).toBe(true);
  });

  it('still sends one message per person when their rows are spread over many batches', async () => {
    const t = makeTestCore('2027-10-18T10:00:00.000Z');
    t.core.store.transaction((tx) => {
      // Eight small parts each: within one bundle's limits, spread over six batches of four.
      for (let i = 1; i <= 8; i++) for (const who of ['ana', 'bo', 'cy']) tx.outbox.enqueue({ key: `${who}${i}`, platform: 'console', recipient: `${who}@acme.example`, message: message(`${who} ${i}`) });
    });
    const out = recorder();
    await createDispatcher({ store: t.core.store, clock: t.clock, deliverers: [out], maxAttempts: 3, logger: createLogger('silent'), batchSize: 4 }).runOnce();
    expect(out.sent.map((r) => [r.recipient, r.parts?.length])).toEqual([
      ['ana@acme.example', 8],
      ['bo@acme.example', 8],
      ['cy@acme.example', 8],
    ]);
  });

  it('splits a bundle that would pass the platforms’ limits, cutting nothing', () => {
    const long = (i: number): Message => message(`${i} ${'x'.repeat(2500)}`, 3);
    const plan = planBundles(Array.from({ length: 10 }, (_, i) => long(i)));
    expect(plan.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.length).toBeGreaterThan(1);
    for (const group of plan) {
      const combined = combineMessages(group.map(long));
      const chars = combined.blocks.reduce((n, b) => n + (b.type === 'text' ? b.text.length : 0), 0);
      expect(chars).toBeLessThanOrEqual(BUNDLE_LIMITS.chars);
      expect(combined.blocks.length).toBeLessThanOrEqual(BUNDLE_LIMITS.blocks);
    }
    // Many small parts: never more than the block budget in one message.
    const small = planBundles(Array.from({ length: 60 }, (_, i) => message(`n${i}`)));
    for (const group of small) expect(combineMessages(group.map((i) => message(`n${i}`))).blocks.length).toBeLessThanOrEqual(BUNDLE_LIMITS.blocks);
  });
});

describe('holidays', () => {
  it('are read from the organisation file, per team or per country, and unknown teams are refused', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../../examples/org.yaml'), 'utf8');
    const parsed = parseOrganisationFile('org.yaml', text);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.text).join('\n'));
    expect(parsed.snapshot.organisation?.holidays).toContainEqual({ date: '2027-11-25', name: 'Thanksgiving', teams: [], countries: ['US'] });
    expect(parsed.snapshot.people.find((p) => p.email === 'yuki@acme.example')?.country).toBe('JP');
    const bad = parseOrganisationFile('org.yaml', `${text}\n  - { date: 2027-13-01 }\n  - { date: 2027-12-01, teams: [nobody], countries: [USA] }\n`);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const errors = bad.errors.map((e) => e.text).join('\n');
    expect(errors).toContain('"2027-13-01" is not a date; write it as YYYY-MM-DD');
    expect(errors).toContain('unknown team "nobody"');
    expect(errors).toContain('"USA" is not a two-letter country code');
  });

  it('are not working days: due dates, snooze offers and working-day counts skip them', () => {
    const hours = { ...DEFAULT_WORKING_HOURS, holidays: holidayDaysFor(HOLIDAYS, { team: 'ops', country: 'JP' }) };
    // Tuesday 2 November + 1 working day: Thursday 4 November (Culture Day is skipped).
    expect(addWorkingDays('2027-11-02', 1, hours)).toBe('2027-11-04');
    expect(addWorkingDays('2027-11-02', 1, DEFAULT_WORKING_HOURS)).toBe('2027-11-03');
    expect(workingDaysBetween('2027-11-01', '2027-11-05', hours)).toBe(3);
    const t = makeTestCore('2027-11-02T01:00:00.000Z', { timezone: 'Europe/London' });
    seedTimeOrg(t);
    const taro = t.core.store.transaction((tx) => workingHoursFor(tx, t.core, tx.organisation.getPerson(TORG.tokyo)));
    const liam = t.core.store.transaction((tx) => workingHoursFor(tx, t.core, tx.organisation.getPerson(TORG.london)));
    expect(addWorkingDays('2027-11-02', 1, taro)).toBe('2027-11-04');
    expect(addWorkingDays('2027-11-12', 1, liam)).toBe('2027-11-15');
  });

  it('a due date a person types on a weekend or on the owner’s holiday is refused with the reason and a working day to choose', () => {
    const t = makeTestCore('2027-10-25T02:00:00.000Z', { timezone: 'Europe/London' });
    seedTimeOrg(t);
    transitionAudit(t.core, { auditId: TORG.audits.records, to: 'in_progress' }, { email: TORG.lead, channel: 'cli' });
    const id = t.core.store.transaction((tx) => tx.evidence.findByRequirement(TORG.audits.records, 'A.8.13'))?.id ?? 0;
    submitEvidence(t.core, { email: TORG.tokyo, channel: 'console' }, { requestId: id, links: 'https://wiki.acme.example/backups' });
    const review = (due: string) => () => reviewEvidence(t.core, { email: TORG.auditor, channel: 'console' }, { requestId: id, decision: 'more', comment: 'The restore test too, please.', due });
    expect(review('2027-11-06')).toThrow('Saturday 6 November 2027 is a Saturday, not a working day for Taro Tanaka; choose a working day, such as Monday 8 November 2027.');
    expect(review('2027-11-03')).toThrow('Wednesday 3 November 2027 is a holiday for Taro Tanaka (Culture Day); choose a working day, such as Thursday 4 November 2027.');
    try {
      review('2027-11-03')();
    } catch (e) {
      expect((e as { fields?: Record<string, string> }).fields?.due).toBe('Wednesday 3 November 2027 is a holiday for Taro Tanaka (Culture Day). Choose a working day, such as Thursday 4 November 2027.');
    }
    expect(review('2027-11-04')().request.due).toBe('2027-11-04');
  });

  it('a date the bot computes is moved to the next working day', () => {
    const hours = { ...DEFAULT_WORKING_HOURS, holidays: holidayDaysFor(HOLIDAYS, { team: 'ops', country: 'MX' }) };
    expect(onWorkingDay('2027-11-13', hours)).toBe('2027-11-16');
    expect(onWorkingDay('2027-11-12', hours)).toBe('2027-11-12');
  });
});
