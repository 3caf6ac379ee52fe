// Calendar arithmetic for reports, on local dates (`YYYY-MM-DD`) in the organisation's time
// zone: ISO weeks for the digest, quarters and equal-length previous periods for the review pack.
import { parseLocalDate, startOfLocalDay } from '../programme/programme-calendar.js';
import { dateOfDayNumber, dayNumber, isoWeekday } from '../shared/working-time.js';
import type { InstantWindow } from './ports.js';

export const addDays = (date: string, n: number): string => dateOfDayNumber(dayNumber(date) + n);

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The Monday of the ISO week holding `date`. */
export const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));

/** ISO 8601 week, e.g. `2027-W01`: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The UTC instant at which local `date` begins in `timeZone`. */
export function startOfDate(date: string, timeZone: string): string {
  const d = parseLocalDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return startOfLocalDay(d, timeZone).toISOString();
}

/** The instants of local dates `from` to `to`, both inclusive. */
export const dateWindow = (from: string, to: string, timeZone: string): InstantWindow => ({ from: startOfDate(from, timeZone), to: startOfDate(addDays(to, 1), timeZone) });

export interface Quarter {
  /** `2027-Q1` */
  label: string;
  /** First and last local date of the quarter inside the period. */
  from: string;
  to: string;
}

/** Calendar quarters (January–March, …) overlapping `from`–`to`, cut to the period. */
export function quartersOf(from: string, to: string): Quarter[] {
  const out: Quarter[] = [];
  let year = Number(from.slice(0, 4));
  let q = Math.floor((Number(from.slice(5, 7)) - 1) / 3);
  for (;;) {
    const first = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    if (first > to) break;
    const nextFirst = q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`;
    const last = addDays(nextFirst, -1);
    out.push({ label: `${year}-Q${q + 1}`, from: first < from ? from : first, to: last > to ? to : last });
    if (q === 3) {
      q = 0;
      year++;
    } else q++;
  }
  return out;
}

/** The period of the same length just before `from`–`to` (dates inclusive). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** `2027-01-04` → `4 Jan 2027`. */
export const shortDate = (date: string): string => SHORT.format(new Date(`${date}T00:00:00Z`));

/** `2027-01-04` → `4 January 2027`. */
export const longDate = (date: string): string => LONG.format(new Date(`${date}T00:00:00Z`));
