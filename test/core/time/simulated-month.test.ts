// Acceptance of issue 15 (quiet hours, one message per person, holidays): a simulated month of
// the scheduled jobs at their default times (audit starts at 00:05 London, nudges every 15
// minutes, the chase at 09:00 on weekdays, the Monday digest) and the outbox dispatcher, for
// people in Tokyo, London, New York and Mexico City, while London and New York leave summer
// time, with Japan's Culture Day and Mexico's Revolution Day as holidays.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { submitEvidence } from '../../../src/core/evidence/submit-evidence.js';
import { isWithinWorkingHours, localDate } from '../../../src/core/shared/working-time.js';
import { createLogger } from '../../../src/logger.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import { simulate, type SimulatedDelivery } from '../../../src/scheduler/simulate.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { HOLIDAYS, COUNTRIES, TORG, ZONES, seedTimeOrg } from './time-org.js';
import { appliesTo } from '../../../src/core/shared/holidays.js';

const START = '2027-10-17T12:00:00.000Z';
const END = '2027-11-17T12:00:00.000Z';

/**
 * Every message of the month: [delivered at (UTC, to the minute), to whom, what it carries]. Read
 * with the recipient's zone: 00:00 UTC is 09:00 in Tokyo; London is UTC+1 until 31 October
 * (09:00 = 08:00 UTC), then UTC; New York is UTC-4 until 7 November (09:00 = 13:00 UTC), then
 * UTC-5 (14:00 UTC); Mexico City is UTC-6 all month (15:00 UTC).
 *
 * - The audits start at 00:05 London on Monday 18 October (23:05 UTC on Sunday): nobody is
 *   woken. Tokyo gets it at 09:00 on Monday, London at 09:00, New York and Mexico City at 09:00
 *   on Monday, not on Sunday evening. Aki, Taro, Nora and Mateo each serve both audits: two
 *   notifications, ONE message.
 * - Nora's submission on Monday evening in New York (02:00 UTC) reaches Aki at once: 11:00 on
 *   Tuesday in Tokyo is within his working hours.
 * - Taro's due date is Monday 1 November; his first overdue reminder skips Culture Day
 *   (Wednesday 3 November, a holiday in Japan) and comes on Thursday 4 November.
 * - Mateo's sixth overdue reminder would be Tuesday 16 November without Revolution Day (Monday
 *   15 November, a holiday in Mexico); with it, it falls on 17 November, after the month.
 * - The digest is a channel post: it goes at the channel's scheduled time, Mondays 09:00 London.
 */
const EXPECTED: [string, string, string][] = [
  ['2027-10-18T00:00', 'aki@acme.example', 'audit started + audit started'],
  ['2027-10-18T00:00', 'taro@acme.example', 'evidence requested + evidence requested'],
  ['2027-10-18T08:00', 'lena@acme.example', 'audit started'],
  ['2027-10-18T08:00', 'liam@acme.example', 'evidence requested'],
  ['2027-10-18T08:00', 'channel:digest', 'digest'],
  ['2027-10-18T13:00', 'nora@acme.example', 'evidence requested + evidence requested'],
  ['2027-10-18T15:00', 'mateo@acme.example', 'evidence requested + evidence requested'],
  ['2027-10-25T08:00', 'channel:digest', 'digest'],
  ['2027-10-26T02:00', 'aki@acme.example', 'evidence submitted'],
  ['2027-10-27T13:00', 'nora@acme.example', 'reminder'],
  ['2027-10-27T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-10-28T00:00', 'taro@acme.example', 'reminder'],
  ['2027-10-28T08:00', 'liam@acme.example', 'reminder'],
  ['2027-10-29T13:00', 'nora@acme.example', 'reminder'],
  ['2027-10-29T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-01T00:00', 'taro@acme.example', 'reminder'],
  // Two months before the cycle ends the lead hears what is not yet assessed (issue 13.8).
  ['2027-11-01T09:00', 'lena@acme.example', 'coverage notice'],
  ['2027-11-01T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-01T09:00', 'channel:digest', 'digest'],
  ['2027-11-02T13:00', 'nora@acme.example', 'reminder'],
  ['2027-11-02T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-03T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-04T00:00', 'taro@acme.example', 'reminder'],
  ['2027-11-04T13:00', 'lena@acme.example', 'reminder'],
  ['2027-11-04T13:00', 'nora@acme.example', 'reminder'],
  ['2027-11-04T13:00', 'sam@acme.example', 'reminder'],
  ['2027-11-04T15:00', 'lena@acme.example', 'reminder'],
  ['2027-11-04T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-05T00:00', 'aki@acme.example', 'reminder'],
  ['2027-11-05T09:00', 'lena@acme.example', 'reminder'],
  ['2027-11-05T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-08T00:00', 'aki@acme.example', 'reminder'],
  ['2027-11-08T00:00', 'hana@acme.example', 'reminder'],
  ['2027-11-08T00:00', 'taro@acme.example', 'reminder'],
  ['2027-11-08T09:00', 'lena@acme.example', 'reminder'],
  ['2027-11-08T09:00', 'channel:digest', 'digest'],
  ['2027-11-08T14:00', 'nora@acme.example', 'reminder'],
  ['2027-11-08T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-09T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-10T00:00', 'taro@acme.example', 'reminder'],
  ['2027-11-10T14:00', 'nora@acme.example', 'reminder'],
  ['2027-11-10T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-11T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-12T00:00', 'taro@acme.example', 'reminder'],
  ['2027-11-12T14:00', 'nora@acme.example', 'reminder'],
  ['2027-11-12T15:00', 'mateo@acme.example', 'reminder'],
  ['2027-11-15T09:00', 'liam@acme.example', 'reminder'],
  ['2027-11-15T09:00', 'channel:digest', 'digest'],
  ['2027-11-16T00:00', 'taro@acme.example', 'reminder'],
  ['2027-11-16T14:00', 'nora@acme.example', 'reminder'],
  ['2027-11-17T09:00', 'liam@acme.example', 'reminder'],
];

const kind = (k: string): string =>
  k.startsWith('nudge:') ? 'reminder' : k.startsWith('programme:') ? 'coverage notice' : k.startsWith('digest:') ? 'digest' : k.startsWith('audit:') ? `audit ${k.split(':')[2]}` : `evidence ${k.split(':')[1]}`;

let t: TestCore;
let deliveries: SimulatedDelivery[] = [];

const requestOf = (requirement: string): number => {
  const found = t.core.store.transaction((tx) => tx.evidence.findByRequirement(TORG.audits.records, requirement));
  if (!found) throw new Error(`no request for ${requirement}`);
  return found.id;
};

beforeAll(async () => {
  t = makeTestCore(START, { timezone: 'Europe/London' });
  seedTimeOrg(t);
  deliveries = await simulate({
    core: t.core,
    clock: t.clock,
    jobs: buildJobs(loadConfig({})),
    timezone: 'Europe/London',
    until: new Date(END),
    logger: createLogger('silent'),
    events: [
      { at: '2027-10-26T02:00:00.000Z', run: () => void submitEvidence(t.core, { email: TORG.newYork, channel: 'console' }, { requestId: requestOf('A.8.32'), links: 'https://wiki.acme.example/change-log' }) },
    ],
  });
}, 180_000);

const dms = () => deliveries.filter((d) => !d.recipient.startsWith('channel:'));

describe('a simulated month in Tokyo, London, New York and Mexico City (issue 15)', () => {
  it('delivers every message of every kind at the exact minute expected', () => {
    expect(deliveries.map((d) => [d.at.slice(0, 16), d.recipient, d.keys.map(kind).join(' + ')])).toEqual(EXPECTED);
    // Every kind the jobs send in a month is there.
    const kinds = new Set(EXPECTED.flatMap(([, , k]) => k.split(' + ')));
    expect([...kinds].sort()).toEqual(['audit started', 'coverage notice', 'digest', 'evidence requested', 'evidence submitted', 'reminder']);
  });

  it('delivers no DM outside the recipient’s working hours, on a weekend or on their holiday', () => {
    expect(dms().length).toBeGreaterThan(40);
    for (const d of dms()) {
      const zone = ZONES[d.recipient] as string;
      const at = new Date(d.at);
      expect(isWithinWorkingHours(at, zone), `${d.recipient} at ${d.at}`).toBe(true);
      const date = localDate(at, zone);
      expect(HOLIDAYS.filter((h) => h.date === date && appliesTo(h, { team: 'ops', country: COUNTRIES[d.recipient] ?? null })), `${d.recipient} on ${date}`).toEqual([]);
    }
    // Each holiday is a working day for everyone else: Liam in London hears on both.
    expect(dms().some((d) => d.recipient === TORG.london && localDate(new Date(d.at), 'Europe/London') === '2027-11-03')).toBe(true);
    expect(dms().some((d) => d.recipient === TORG.london && localDate(new Date(d.at), 'Europe/London') === '2027-11-15')).toBe(true);
  });

  it('gives each person as many DMs a day as there are distinct delivery moments, not one per notification', () => {
    const perDay = new Map<string, { messages: number; moments: Set<string>; notifications: number }>();
    for (const d of dms()) {
      const key = `${d.recipient} ${localDate(new Date(d.at), ZONES[d.recipient] as string)}`;
      const day = perDay.get(key) ?? { messages: 0, moments: new Set<string>(), notifications: 0 };
      day.messages += 1;
      day.moments.add(d.at);
      day.notifications += d.keys.length;
      perDay.set(key, day);
    }
    for (const [key, day] of perDay) expect(day.messages, key).toBe(day.moments.size);
    // The start of the audits: four people had two notifications each, in one message.
    const start = [...perDay.entries()].filter(([key, day]) => key.endsWith('2027-10-18') && day.notifications === 2 && day.messages === 1).map(([key]) => key.split(' ')[0]);
    expect(start.sort()).toEqual([TORG.auditor, TORG.mexico, TORG.newYork, TORG.tokyo].sort());
    // Every row in the outbox was delivered, and bundled rows were delivered at the same moment.
    const rows = t.core.store.transaction((tx) => tx.outbox.list());
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    expect(rows.length).toBe(deliveries.reduce((n, d) => n + d.keys.length, 0));
  });

  it('a bundle keeps every part’s text and every button', () => {
    const bundle = deliveries.find((d) => d.recipient === TORG.tokyo && d.keys.length === 2);
    const parts = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => bundle?.keys.includes(r.key));
    expect(parts).toHaveLength(2);
    const buttonsOf = (blocks: { type: string; buttons?: { id: string; value: string }[] }[]) => blocks.flatMap((b) => b.buttons ?? []).map((b) => `${b.id}=${b.value}`);
    const all = parts.flatMap((p) => buttonsOf(p.message.blocks));
    expect(all.length).toBeGreaterThan(0);
    expect(buttonsOf(bundle?.message.blocks ?? [])).toEqual(all);
    for (const p of parts) expect(bundle?.message.summary).toContain(p.message.summary);
  });
});
