// Cron slots in a time zone: the instants at which a cron expression fires. The scheduler needs
// the most recent slot before now to decide whether a run was missed while the process was
// down; node-cron only looks forward. Expressions are expanded by node-cron's own parser, so
// the syntax (ranges, lists, steps, month and weekday names, @daily, …) is exactly what fires.
//
// A slot is the first instant at which the local wall clock shows a matching minute:
// - a wall time skipped when clocks go forward (01:30 on the spring change in London) has no
//   slot that day, as with node-cron;
// - a wall time repeated when clocks go back counts once, at its first occurrence. (node-cron
//   fires either occurrence depending on the zone; taking the first means a recorded run is
//   never older than the slot computed here, so no spurious catch-up follows.)
// Day of month and day of week must both match, as node-cron does (not classic cron's "either").
import { parse as parseCronFields } from 'node-cron';

export interface CronSchedule {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday. */
  daysOfWeek: ReadonlySet<number>;
}

export class CronSyntaxError extends Error {
  /** What is wrong, without the expression: e.g. `"L" in the day-of-month field is not supported here (no L, W or #)`. */
  readonly problem: string;
  constructor(expression: string, problem: string) {
    super(`cron "${expression}": ${problem}. Use five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5".`);
    this.name = 'CronSyntaxError';
    this.problem = problem;
  }
}

const numbers = (expression: string, field: string, values: readonly (number | string)[]): number[] => {
  const out: number[] = [];
  for (const v of values) {
    if (typeof v !== 'number') throw new CronSyntaxError(expression, `"${v}" in the ${field} field is not supported here (no L, W or #)`);
    out.push(v);
  }
  return out;
};

/** Parses and checks a cron expression; throws CronSyntaxError naming the problem. */
export function parseCron(expression: string): CronSchedule {
  let fields: ReturnType<typeof parseCronFields>;
  try {
    fields = parseCronFields(expression);
  } catch (e) {
    throw new CronSyntaxError(expression, e instanceof Error ? e.message : String(e));
  }
  if (fields.second.length !== 1 || fields.second[0] !== 0) throw new CronSyntaxError(expression, 'a seconds field is not supported');
  const asc = (a: number, b: number) => a - b;
  return {
    expression,
    minutes: [...new Set(fields.minute)].sort(asc),
    hours: [...new Set(fields.hour)].sort(asc),
    daysOfMonth: new Set(numbers(expression, 'day-of-month', fields.dayOfMonth)),
    months: new Set(fields.month),
    daysOfWeek: new Set(numbers(expression, 'day-of-week', fields.dayOfWeek).map((d) => d % 7)),
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Day of month and weekday both constrained (29 February on a Monday) repeat within 28 years. */
const MAX_DAYS = 366 * 29;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function wallAt(instant: number, timezone: string): Wall & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (w: Wall): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The zone's offset from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timezone: string): number {
  const w = wallAt(instant, timezone);
  const whole = Math.floor(instant / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

const sameWall = (a: Wall, b: Wall): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

/**
 * The first instant whose local time in `timezone` is `wall`, or null when clocks skip it.
 * Offsets are sampled a day either side: the instant lies within 14 h of the naive guess, and
 * zones change offset at most once in two days.
 */
function instantOf(wall: Wall, timezone: string): number | null {
  const guess = wallAsUtc(wall);
  const candidates = [...new Set([offsetAt(guess - DAY, timezone), offsetAt(guess + DAY, timezone)])]
    .map((offset) => guess - offset)
    .filter((t) => sameWall(wallAt(t, timezone), wall))
    .sort((a, b) => a - b);
  return candidates[0] ?? null;
}

function dayMatches(s: CronSchedule, year: number, month: number, day: number): boolean {
  if (!s.months.has(month) || !s.daysOfMonth.has(day)) return false;
  return s.daysOfWeek.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
}

function shiftDay(w: { year: number; month: number; day: number }, by: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + by));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const scheduleOf = (s: CronSchedule | string): CronSchedule => (typeof s === 'string' ? parseCron(s) : s);

/**
 * The zone's smallest and largest offsets around `instant`: a wall time on the days next to it
 * lies between `guess − largest` and `guess − smallest`, which spares converting wall times
 * that cannot be the answer.
 */
function offsetRange(instant: number, timezone: string): { least: number; most: number } {
  const offsets = [offsetAt(instant - 2 * DAY, timezone), offsetAt(instant, timezone), offsetAt(instant + 2 * DAY, timezone)];
  return { least: Math.min(...offsets), most: Math.max(...offsets) };
}

/** The latest slot at or before `at`, or null if there is none in the past 29 years. */
export function previousSlot(schedule: CronSchedule | string, at: Date, timezone: string): Date | null {
  const s = scheduleOf(schedule);
  const atMs = at.getTime();
  const { most } = offsetRange(atMs, timezone);
  const hours = [...s.hours].reverse();
  const minutes = [...s.minutes].reverse();
  // Start a day late: where clocks go back across midnight, a wall date can recur.
  let date = shiftDay(wallAt(atMs, timezone), 1);
  for (let i = 0; i < MAX_DAYS; i++, date = shiftDay(date, -1)) {
    if (!dayMatches(s, date.year, date.month, date.day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const wall = { ...date, hour, minute };
        if (wallAsUtc(wall) - most > atMs) continue;
        const t = instantOf(wall, timezone);
        if (t !== null && t <= atMs) return new Date(t);
      }
    }
  }
  return null;
}

/** The earliest slot strictly after `after`, or null if there is none in the next 29 years. */
export function nextSlot(schedule: CronSchedule | string, after: Date, timezone: string): Date | null {
  const s = scheduleOf(schedule);
  const afterMs = after.getTime();
  const { least } = offsetRange(afterMs, timezone);
  let date = shiftDay(wallAt(afterMs, timezone), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = shiftDay(date, 1)) {
    if (!dayMatches(s, date.year, date.month, date.day)) continue;
    for (const hour of s.hours) {
      for (const minute of s.minutes) {
        const wall = { ...date, hour, minute };
        if (wallAsUtc(wall) - least <= afterMs) continue;
        const t = instantOf(wall, timezone);
        if (t !== null && t > afterMs) return new Date(t);
      }
    }
  }
  return null;
}
