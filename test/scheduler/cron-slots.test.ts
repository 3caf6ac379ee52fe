import { createTask } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextSlot, parseCron, previousSlot } from '../../src/scheduler/cron-slots.js';

const LONDON = 'Europe/London';
const at = (iso: string) => new Date(iso);
const prev = (cron: string, iso: string, tz = LONDON) => previousSlot(cron, at(iso), tz)?.toISOString() ?? null;
const next = (cron: string, iso: string, tz = LONDON) => nextSlot(cron, at(iso), tz)?.toISOString() ?? null;

describe('parseCron', () => {
  it('expands ranges, lists, steps and names (node-cron syntax)', () => {
    const s = parseCron('0,30 9-17/2 * jan-mar mon-fri');
    expect(s.minutes).toEqual([0, 30]);
    expect(s.hours).toEqual([9, 11, 13, 15, 17]);
    expect([...s.months]).toEqual([1, 2, 3]);
    expect([...s.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('0 9 * * 7').daysOfWeek]).toEqual([0]);
    expect(parseCron('@daily').hours).toEqual([0]);
  });

  it('refuses what it cannot compute, naming the expression', () => {
    expect(() => parseCron('61 * * * *')).toThrow(CronSyntaxError);
    expect(() => parseCron('61 * * * *')).toThrow(/cron "61 \* \* \* \*"/);
    expect(() => parseCron('0 9 L * *')).toThrow(/not supported here/);
    expect(() => parseCron('*/10 * * * * *')).toThrow(/seconds field/);
    expect(() => parseCron('0 0 31 2 *')).toThrow(CronSyntaxError);
  });
});

describe('previousSlot / nextSlot', () => {
  it('finds the latest slot at or before a time, in the zone', () => {
    expect(prev('0 9 * * *', '2027-01-04T09:00:00.000Z')).toBe('2027-01-04T09:00:00.000Z');
    expect(prev('0 9 * * *', '2027-01-04T08:59:59.999Z')).toBe('2027-01-03T09:00:00.000Z');
    expect(prev('0 9 * * 1', '2027-01-10T12:00:00Z')).toBe('2027-01-04T09:00:00.000Z');
    expect(prev('0 9 * * *', '2027-07-04T12:00:00Z')).toBe('2027-07-04T08:00:00.000Z');
    expect(prev('0 9 * * *', '2027-01-04T12:00:00Z', 'Asia/Tokyo')).toBe('2027-01-04T00:00:00.000Z');
    expect(next('0 9 * * *', '2027-01-04T09:00:00.000Z')).toBe('2027-01-05T09:00:00.000Z');
  });

  // Europe/London 2026: clocks go forward at 01:00 GMT on 29 March (01:00 → 02:00) and back at
  // 01:00 GMT on 25 October (02:00 BST → 01:00).
  it('follows the spring change: 09:00 moves to 08:00 UTC; a skipped wall time has no slot', () => {
    expect(prev('0 9 * * *', '2026-03-29T08:30:00Z')).toBe('2026-03-29T08:00:00.000Z');
    expect(prev('0 9 * * *', '2026-03-29T07:59:00Z')).toBe('2026-03-28T09:00:00.000Z');
    expect(prev('30 1 * * *', '2026-03-29T23:00:00Z')).toBe('2026-03-28T01:30:00.000Z');
    expect(next('30 1 * * *', '2026-03-28T02:00:00Z')).toBe('2026-03-30T00:30:00.000Z');
    expect(next('*/30 * * * *', '2026-03-29T00:45:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(prev('*/30 * * * *', '2026-03-29T00:59:00Z')).toBe('2026-03-29T00:30:00.000Z');
  });

  it('follows the autumn change: a repeated wall time counts once, at its first occurrence', () => {
    expect(prev('30 1 * * *', '2026-10-25T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
    expect(next('30 1 * * *', '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
    expect(next('30 1 * * *', '2026-10-25T00:30:00Z')).toBe('2026-10-26T01:30:00.000Z');
    // 01:10 GMT is the second 01:10: the latest slot is the first pass's 01:45 (00:45 UTC).
    expect(prev('*/15 * * * *', '2026-10-25T01:10:00Z')).toBe('2026-10-25T00:45:00.000Z');
    expect(next('*/15 * * * *', '2026-10-25T00:50:00Z')).toBe('2026-10-25T02:00:00.000Z');
    expect(prev('0 9 * * *', '2026-10-25T09:00:00Z')).toBe('2026-10-25T09:00:00.000Z');
    expect(prev('0 9 * * *', '2026-10-25T08:59:00Z')).toBe('2026-10-24T08:00:00.000Z');
  });

  it('agrees with node-cron minute by minute across both London changes and New York’s', () => {
    // A day centred on each change (London 01:00 UTC; New York 06:00 UTC on 1 November).
    const windows: [string, string, string][] = [
      [LONDON, '2026-03-28T13:00:00Z', '2026-03-29T13:00:00Z'],
      [LONDON, '2026-10-24T13:00:00Z', '2026-10-25T13:00:00Z'],
      ['America/New_York', '2026-10-31T18:00:00Z', '2026-11-01T18:00:00Z'],
    ];
    let compared = 0;
    const wall = (tz: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' });
    for (const expression of ['*/15 * * * *', '30 1 * * *', '0 */2 * * *', '45 0-3 * * 0,6']) {
      const cron = parseCron(expression);
      for (const [tz, from, to] of windows) {
        const task = createTask(expression, () => undefined, { timezone: tz });
        const fmt = wall(tz);
        // Expected: every minute node-cron matches, except the second pass of a repeated wall time.
        const expected: string[] = [];
        for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
          if (!task.match(new Date(t))) continue;
          const shown = fmt.format(new Date(t));
          const repeat = [30, 60, 120].some((minutes) => fmt.format(new Date(t - minutes * 60_000)) === shown);
          if (!repeat) expected.push(new Date(t).toISOString());
        }
        const walked: string[] = [];
        for (let s = nextSlot(cron, new Date(Date.parse(from) - 1), tz); s && s.getTime() < Date.parse(to); s = nextSlot(cron, s, tz)) walked.push(s.toISOString());
        expect(walked, `${expression} in ${tz}`).toEqual(expected);
        const back: string[] = [];
        for (let s = previousSlot(cron, new Date(Date.parse(to) - 1), tz); s && s.getTime() >= Date.parse(from); s = previousSlot(cron, new Date(s.getTime() - 1), tz)) back.unshift(s.toISOString());
        compared += walked.length;
        expect(back, `${expression} in ${tz}, backwards`).toEqual(expected);
        void task.destroy();
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
