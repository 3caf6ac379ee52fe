// Holidays from the organisation file: a date off for everyone, for some teams, or for the
// people of some countries (a person's `country`). Working time (working-time.ts) takes the set
// that applies to one person, so reminders, escalations, due dates, snooze and the delivery
// moment of every DM skip that person's holidays.
import { dayNumber } from './working-time.js';

export interface Holiday {
  /** `YYYY-MM-DD`, a date in the person's own calendar. */
  date: string;
  name: string | null;
  /** Team keys it applies to; empty: every team. */
  teams: string[];
  /** ISO 3166 country codes (upper case) it applies to; empty: every country. */
  countries: string[];
}

/** Whose calendar a holiday is checked against. */
export interface HolidayPerson {
  team: string | null;
  country?: string | null;
}

export const appliesTo = (h: Holiday, person: HolidayPerson | null): boolean =>
  (h.teams.length === 0 || (person?.team != null && h.teams.includes(person.team))) &&
  (h.countries.length === 0 || (person?.country != null && h.countries.includes(person.country)));

// Each read of the organisation gives a new list; the sets are kept for the last list seen, so
// queueing a thousand DMs builds each person's set of holidays once, not once per DM.
let cache: { signature: string; byKey: Map<string, ReadonlySet<number>> } = { signature: '', byKey: new Map() };

/** The day numbers of the holidays that apply to `person` (null: only those that apply to everyone). */
export function holidayDaysFor(all: readonly Holiday[], person: HolidayPerson | null): ReadonlySet<number> {
  const signature = JSON.stringify(all);
  if (cache.signature !== signature) cache = { signature, byKey: new Map() };
  const byKey = cache.byKey;
  const key = `${person?.team ?? ''}\u0000${person?.country ?? ''}`;
  let days = byKey.get(key);
  if (!days) byKey.set(key, (days = new Set(all.filter((h) => appliesTo(h, person)).map((h) => dayNumber(h.date)))));
  return days;
}

/** The holiday on `date` for `person`, if any. */
export const holidayOn = (all: readonly Holiday[], date: string, person: HolidayPerson | null): Holiday | undefined =>
  all.find((h) => h.date === date && appliesTo(h, person));
