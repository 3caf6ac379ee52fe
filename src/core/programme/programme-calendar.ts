import { offsetAt, wallClock } from '../shared/time-zone.js';

// Cycle months in the organisation's time zone. A cycle starting on 2027-01-01 in
// Europe/London has months that begin at local midnight, stored as UTC instants.

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}


/** `2027-01-15` → { year: 2027, month: 1, day: 15 }; null when it is not a real date. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export const formatLocalDate = (d: LocalDate): string => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day `n` months later; the 31st becomes the last day of a shorter month. */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** The UTC instant of local midnight starting `d` in `timeZone`. */
export function startOfLocalDay(d: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(d.year, d.month - 1, d.day);
  const first = guess - offsetAt(guess, timeZone);
  // Around a DST change the offset at the guess and at the answer differ; the second wins.
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

// Windows repeat (a cycle has a dozen months) and formatting through Intl is slow, so the
// dates of instants already seen are remembered; the cache is small and bounded.
const localDates = new Map<string, string>();

/** The local calendar date of an instant. */
export function localDateOf(iso: string, timeZone: string): string {
  const key = `${timeZone}|${iso}`;
  const known = localDates.get(key);
  if (known) return known;
  const w = wallClock(new Date(iso).getTime(), timeZone);
  const date = formatLocalDate({ year: w.year, month: w.month, day: w.day });
  if (localDates.size >= 10_000) localDates.clear();
  localDates.set(key, date);
  return date;
}

export interface MonthWindow {
  index: number;
  /** First instant of the month, ISO UTC. */
  start: string;
  /** Last millisecond of the month, ISO UTC. */
  end: string;
  /** Local first day, `YYYY-MM-DD`. */
  firstDay: string;
  /** Local last day, `YYYY-MM-DD`. */
  lastDay: string;
}

/** Month `index` (0-based) of a cycle starting on `start`. */
export function cycleMonth(start: LocalDate, index: number, timeZone: string): MonthWindow {
  const first = addMonths(start, index);
  const next = addMonths(start, index + 1);
  const begin = startOfLocalDay(first, timeZone);
  const after = startOfLocalDay(next, timeZone);
  const lastInstant = new Date(after.getTime() - 1);
  return {
    index,
    start: begin.toISOString(),
    end: lastInstant.toISOString(),
    firstDay: formatLocalDate(first),
    lastDay: localDateOf(lastInstant.toISOString(), timeZone),
  };
}
