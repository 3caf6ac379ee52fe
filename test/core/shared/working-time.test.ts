import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_WORKING_HOURS,
  formatDate,
  isWithinWorkingHours,
  isWorkingDay,
  localDate,
  localTime,
  nextWorkingHoursStart,
  nextWorkingInstant,
  parseWorkingHours,
  workingDaysBetween,
  zonedInstant,
} from '../../../src/core/shared/working-time.js';

const iso = (d: Date) => d.toISOString();

describe('working days', () => {
  it.each([
    ['2027-01-04', 1, '2027-01-05'], // Monday + 1
    ['2027-01-08', 1, '2027-01-11'], // Friday + 1 = Monday
    ['2027-01-04', 10, '2027-01-18'], // two weeks
    ['2027-01-09', 1, '2027-01-11'], // from Saturday
    ['2027-01-10', 5, '2027-01-15'], // from Sunday
    ['2027-01-06', -2, '2027-01-04'], // Wednesday - 2 = Monday
    ['2027-01-11', -1, '2027-01-08'], // Monday - 1 = Friday
    ['2027-01-06', 0, '2027-01-06'],
    ['2027-12-30', 3, '2028-01-04'], // over the year end
    ['2028-02-28', 1, '2028-02-29'], // leap day
  ])('%s + %i working days = %s', (from, n, to) => {
    expect(addWorkingDays(from, n)).toBe(to);
  });

  it('counts working days between two dates, either way', () => {
    expect(workingDaysBetween('2027-01-04', '2027-01-06')).toBe(2);
    expect(workingDaysBetween('2027-01-08', '2027-01-11')).toBe(1);
    expect(workingDaysBetween('2027-01-04', '2027-01-04')).toBe(0);
    expect(workingDaysBetween('2027-01-18', '2027-01-04')).toBe(-10);
    expect(workingDaysBetween('2027-01-04', '2027-03-01')).toBe(40);
  });

  it('follows configured working days (a Sunday-to-Thursday week)', () => {
    const parsed = parseWorkingHours('08:30-16:30', 'sun-thu');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value).toEqual({ start: 510, end: 990, days: [1, 2, 3, 4, 7] });
    expect(isWorkingDay('2027-01-08', parsed.value)).toBe(false); // Friday
    expect(isWorkingDay('2027-01-10', parsed.value)).toBe(true); // Sunday
    expect(addWorkingDays('2027-01-07', 1, parsed.value)).toBe('2027-01-10'); // Thursday + 1 = Sunday
  });

  it('refuses malformed working hours and days with a sentence', () => {
    expect(parseWorkingHours('17:00-09:00', 'mon-fri')).toEqual({ ok: false, error: 'working hours must end after they start; got "17:00-09:00"' });
    expect(parseWorkingHours('9-5', 'mon-fri').ok).toBe(false);
    expect(parseWorkingHours('09:00-17:00', 'weekdays').ok).toBe(false);
    expect(parseWorkingHours('09:00-17:00', 'mon,wed,fri')).toEqual({ ok: true, value: { start: 540, end: 1020, days: [1, 3, 5] } });
  });
});

describe('local time in IANA zones, across DST changes', () => {
  it('reads the local date and time of an instant', () => {
    expect(localTime(new Date('2027-10-28T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2027-10-29', minutes: 8 * 60 + 30, weekday: 5 });
    expect(localDate(new Date('2027-11-01T03:00:00Z'), 'America/New_York')).toBe('2027-10-31');
  });

  it('maps 09:00 local to the right instant before and after each change', () => {
    expect(iso(zonedInstant('2027-10-29', 540, 'Europe/London'))).toBe('2027-10-29T08:00:00.000Z'); // BST
    expect(iso(zonedInstant('2027-11-01', 540, 'Europe/London'))).toBe('2027-11-01T09:00:00.000Z'); // GMT
    expect(iso(zonedInstant('2027-11-05', 540, 'America/New_York'))).toBe('2027-11-05T13:00:00.000Z'); // EDT
    expect(iso(zonedInstant('2027-11-08', 540, 'America/New_York'))).toBe('2027-11-08T14:00:00.000Z'); // EST
    expect(iso(zonedInstant('2027-03-15', 540, 'America/New_York'))).toBe('2027-03-15T13:00:00.000Z'); // EDT again
    expect(iso(zonedInstant('2027-11-08', 540, 'Asia/Tokyo'))).toBe('2027-11-08T00:00:00.000Z');
  });

  it('moves a skipped wall time on by the gap and takes the first of a repeated one', () => {
    // 02:30 does not exist in New York on 14 March 2027: it becomes 03:30 EDT.
    expect(iso(zonedInstant('2027-03-14', 150, 'America/New_York'))).toBe('2027-03-14T07:30:00.000Z');
    // 01:30 happens twice on 7 November 2027: the first is 01:30 EDT.
    expect(iso(zonedInstant('2027-11-07', 90, 'America/New_York'))).toBe('2027-11-07T05:30:00.000Z');
  });

  it('knows working hours in the recipient\'s zone', () => {
    const h = DEFAULT_WORKING_HOURS;
    expect(isWithinWorkingHours(new Date('2027-11-05T13:00:00Z'), 'America/New_York', h)).toBe(true); // 09:00 EDT
    expect(isWithinWorkingHours(new Date('2027-11-08T13:00:00Z'), 'America/New_York', h)).toBe(false); // 08:00 EST
    expect(isWithinWorkingHours(new Date('2027-11-08T21:59:00Z'), 'America/New_York', h)).toBe(true); // 16:59
    expect(isWithinWorkingHours(new Date('2027-11-08T22:00:00Z'), 'America/New_York', h)).toBe(false); // 17:00
    expect(isWithinWorkingHours(new Date('2027-11-06T15:00:00Z'), 'America/New_York', h)).toBe(false); // Saturday
  });

  it('finds the next start of working hours, over weekends and DST changes', () => {
    // Friday 29 October 2027 18:00 in London → Monday 1 November 09:00 GMT.
    expect(iso(nextWorkingHoursStart(new Date('2027-10-29T17:00:00Z'), 'Europe/London'))).toBe('2027-11-01T09:00:00.000Z');
    // Saturday 6 November in New York → Monday 8 November 09:00 EST, after the change on Sunday.
    expect(iso(nextWorkingHoursStart(new Date('2027-11-06T15:00:00Z'), 'America/New_York'))).toBe('2027-11-08T14:00:00.000Z');
    // Exactly at the start, that start.
    expect(iso(nextWorkingHoursStart(new Date('2027-11-08T00:00:00Z'), 'Asia/Tokyo'))).toBe('2027-11-08T00:00:00.000Z');
    // Within working hours: the earliest working instant is now, the next start is tomorrow's.
    const inHours = new Date('2027-11-08T03:00:00Z');
    expect(nextWorkingInstant(inHours, 'Asia/Tokyo')).toEqual(inHours);
    expect(iso(nextWorkingHoursStart(inHours, 'Asia/Tokyo'))).toBe('2027-11-09T00:00:00.000Z');
  });

  it('writes dates the way messages show them', () => {
    expect(formatDate('2027-11-01')).toBe('Monday 1 November 2027');
  });
});
