// The delivery moment keeps the next working start it worked out (per zone and working calendar)
// until that start arrives, so that a cycle's start plans a thousand DMs quickly
// (bench/delivery.bench.ts). That must never change an answer: whatever instants are asked, in
// whatever order, and whatever holidays apply, it answers what the working calendar says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryMoment } from '../../../src/core/shared/notify.js';
import { workingHoursFor } from '../../../src/core/shared/people.js';
import { nextWorkingInstant } from '../../../src/core/shared/working-time.js';
import { makeTestCore } from '../../helpers/core.js';

const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Mexico_City', null] as const;
const START = Date.parse('2027-03-20T00:00:00Z');

describe('the delivery moment, worked out once per calendar', () => {
  it('answers as the working calendar does for any sequence of instants, zones and holidays', () => {
    const { core } = makeTestCore('2027-03-20T00:00:00Z', { timezone: 'Europe/London' });
    core.store.transaction((tx) =>
      tx.organisation.applySnapshot({
        organisation: { name: 'Acme', timezone: 'Europe/London', holidays: [{ date: '2027-03-22', name: null, teams: [], countries: ['MX'] }, { date: '2027-03-29', name: null, teams: ['ops'], countries: [] }] },
        teams: [{ key: 'ops', name: 'Ops', active: true }],
        people: [],
        areas: [],
        applicability: [],
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ minutes: fc.integer({ min: 0, max: 20 * 24 * 60 }), zone: fc.constantFrom(...ZONES), team: fc.constantFrom('ops', null), country: fc.constantFrom('MX', 'JP', null) }), { minLength: 1, maxLength: 40 }),
        (asks) => {
          core.store.transaction((tx) => {
            for (const ask of asks) {
              const person = { timezone: ask.zone, team: ask.team, country: ask.country };
              const now = new Date(START + ask.minutes * 60_000);
              const expected = nextWorkingInstant(now, ask.zone ?? 'Europe/London', workingHoursFor(tx, core, person));
              expect(deliveryMoment(tx, core, person, now).toISOString()).toBe(expected.toISOString());
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
