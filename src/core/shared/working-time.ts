// Working days and working hours in any IANA time zone, with Intl only. Calendar dates are
// `YYYY-MM-DD` strings in the person's own time zone; instants are Dates. Local wall times are
// read from Intl, never computed from a fixed offset, so they stay right across DST changes.
import { isTimeZone, offsetAt, wallClock } from './time-zone.js';

/** When people are at work: minutes after local midnight, and the ISO weekdays that are working days. */
export interface WorkingHours {
  /** Start of the working day, minutes after local midnight (540 = 09:00). */
  start: number;
  /** End of the working day (exclusive), minutes after local midnight (1020 = 17:00). */
  end: number;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /**
   * Days off on a working weekday, as day numbers (`dayNumber`): the organisation file's
   * holidays that apply to the person whose calendar this is (see shared/holidays.ts).
   */
  holidays?: ReadonlySet<number>;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 9 * 60, end: 17 * 60, days: [1, 2, 3, 4, 5] };

const MS_PER_DAY = 86_400_000;
const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** `09:00` → 540; null when it is not a time of day. */
function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/**
 * Parses `09:00-17:00` and `mon-fri` (or a list such as `mon,tue,thu` or `sun-thu`). Returns the
 * working hours, or a sentence saying what is wrong.
 */
export function parseWorkingHours(hours: string, days: string): { ok: true; value: WorkingHours } | { ok: false; error: string } {
  const span = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(hours);
  const start = span?.[1] ? parseClock(span[1]) : null;
  const end = span?.[2] ? parseClock(span[2]) : null;
  if (start === null || end === null) return { ok: false, error: `working hours must look like 09:00-17:00; got "${hours}"` };
  if (end <= start) return { ok: false, error: `working hours must end after they start; got "${hours}"` };
  const index = (name: string): number => WEEKDAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3) as (typeof WEEKDAY_NAMES)[number]) + 1;
  const set = new Set<number>();
  for (const part of days.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const d = index(range[0] ?? '');
      if (d === 0) return { ok: false, error: `working days must be weekday names such as mon-fri or mon,tue,thu; got "${days}"` };
      set.add(d);
    } else if (range.length === 2) {
      const from = index(range[0] ?? '');
      const to = index(range[1] ?? '');
      if (from === 0 || to === 0) return { ok: false, error: `working days must be weekday names such as mon-fri or sun-thu; got "${days}"` };
      for (let d = from; ; d = (d % 7) + 1) {
        set.add(d);
        if (d === to) break;
      }
    } else {
      return { ok: false, error: `working days must look like mon-fri; got "${days}"` };
    }
  }
  return { ok: true, value: { start, end, days: [...set].sort((a, b) => a - b) } };
}

export const formatClock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export const weekdayOfDayNumber = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

export const isoWeekday = (date: string): number => weekdayOfDayNumber(dayNumber(date));

/** A bitmask of working weekdays, bit `d` for ISO weekday d, so the hot loops test a bit. */
export const workingDayMask = (hours: WorkingHours): number => hours.days.reduce((m, d) => m | (1 << d), 0);

/** True when day number `day` is a working weekday in `mask` and not one of `holidays`. */
export const isWorkingDayNumber = (day: number, mask: number, holidays?: ReadonlySet<number>): boolean =>
  (mask & (1 << weekdayOfDayNumber(day))) !== 0 && !(holidays?.has(day) ?? false);

export const isWorkingDay = (date: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean => isWorkingDayNumber(dayNumber(date), workingDayMask(hours), hours.holidays);

/**
 * The date `n` working days after `date` (before it when `n` is negative). Zero gives `date`
 * itself. From a weekend, one working day forward is the next working day.
 */
export function addWorkingDays(date: string, n: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): string {
  return dateOfDayNumber(addWorkingDayNumbers(dayNumber(date), n, workingDayMask(hours), hours.holidays));
}

export function addWorkingDayNumbers(day: number, n: number, mask: number, holidays?: ReadonlySet<number>): number {
  if (mask === 0) throw new RangeError('At least one weekday must be a working day.');
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = day;
  while (left > 0) {
    d += step;
    if (isWorkingDayNumber(d, mask, holidays)) left--;
  }
  return d;
}

/** Working days in the half-open range of day numbers [from, to); 0 when `to <= from`. */
export function countWorkingDays(from: number, to: number, mask: number, holidays?: ReadonlySet<number>): number {
  if (to <= from) return 0;
  if (holidays && holidays.size > 0) {
    let off = 0;
    for (const h of holidays) if (h >= from && h < to && (mask & (1 << weekdayOfDayNumber(h))) !== 0) off++;
    return countWorkingDays(from, to, mask) - off;
  }
  const span = to - from;
  let perWeek = 0;
  for (let d = 1; d <= 7; d++) if ((mask & (1 << d)) !== 0) perWeek++;
  let count = Math.floor(span / 7) * perWeek;
  for (let d = from + Math.floor(span / 7) * 7; d < to; d++) if ((mask & (1 << weekdayOfDayNumber(d))) !== 0) count++;
  return count;
}

/**
 * Working days from `from` to `to`: the working days d with from < d ≤ to, negative (counting
 * the other way) when `to` is before `from`. Monday to Wednesday is 2; Friday to Monday is 1.
 */
export function workingDaysBetween(from: string, to: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const mask = workingDayMask(hours);
  return b >= a ? countWorkingDays(a + 1, b + 1, mask, hours.holidays) : -countWorkingDays(b + 1, a + 1, mask, hours.holidays);
}

export interface LocalTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}


/** The local date, time of day and weekday of an instant in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const w = wallClock(instant.getTime(), timeZone);
  const day = Math.floor(Date.UTC(w.year, w.month - 1, w.day) / MS_PER_DAY);
  return { date: dateOfDayNumber(day), minutes: w.hour * 60 + w.minute, weekday: weekdayOfDayNumber(day) };
}

/** The local calendar date of an instant, `YYYY-MM-DD`. */
export const localDate = (instant: Date, timeZone: string): string => localTime(instant, timeZone).date;

export const isWithinWorkingHoursAt = (local: LocalTime, hours: WorkingHours): boolean =>
  hours.days.includes(local.weekday) && local.minutes >= hours.start && local.minutes < hours.end && !(hours.holidays?.has(dayNumber(local.date)) ?? false);

/** True when `instant` falls on a working day between the start and the end of working hours, locally. */
export function isWithinWorkingHours(instant: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean {
  return isWithinWorkingHoursAt(localTime(instant, timeZone), hours);
}

/**
 * The instant at which the local wall clock in `timeZone` shows `minutes` after midnight on
 * `date`. A wall time skipped by a DST change (02:30 on a spring-forward night) is moved on by
 * the gap; a repeated one (01:30 on a fall-back night) is its first occurrence.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + minutes * 60_000;
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const valid = [...new Set([before, after])].map((o) => wall - o).filter((t) => offsetAt(t, timeZone) === wall - t);
  if (valid.length === 0) return new Date(wall - before);
  return new Date(Math.min(...valid));
}

/** The start of the first working period that begins at or after `instant`, in `timeZone`. */
export function nextWorkingHoursStart(instant: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const mask = workingDayMask(hours);
  if (mask === 0) throw new RangeError('At least one weekday must be a working day.');
  let day = dayNumber(localDate(instant, timeZone));
  // A year of holidays on every working weekday is a configuration error, not a reason to hang.
  for (let guard = 0; ; guard++) {
    if (guard > 3660) throw new RangeError('No working day in the next ten years: check the holidays and working days.');
    if (isWorkingDayNumber(day, mask, hours.holidays)) {
      const start = zonedInstant(dateOfDayNumber(day), hours.start, timeZone);
      if (start.getTime() >= instant.getTime()) return start;
    }
    day++;
  }
}

/** The earliest instant at or after `instant` that is within working hours. */
export function nextWorkingInstant(instant: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return isWithinWorkingHours(instant, timeZone, hours) ? instant : nextWorkingHoursStart(instant, timeZone, hours);
}

/** `2027-01-15` → `Friday 15 January 2027`, the way messages show a due date. */
export function formatDate(date: string): string {
  // Building an Intl formatter costs far more than formatting: the chase formats tens of
  // thousands of dates in one run (bench/chase.bench.ts), so the formatter is made once.
  return (DATE_FORMAT ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}
let DATE_FORMAT: Intl.DateTimeFormat | undefined;

export { isTimeZone, offsetAt };
