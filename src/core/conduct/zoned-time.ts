// Dates and times people type are the organisation's local time; they are stored as UTC instants.
import { AuditbotError } from '../errors.js';
import { offsetAt, wallClock } from '../shared/time-zone.js';

/** The UTC instant (ISO 8601) of `date` `time` (`YYYY-MM-DD`, `HH:MM`) in `timeZone`. */
export function zonedDateTime(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const check = new Date(guess);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() + 1 !== m || check.getUTCDate() !== d) {
    throw new AuditbotError('validation_failed', `${date} is not a date in the calendar. Nothing was changed.`, { date: `${date} is not a date in the calendar.` });
  }
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone)).toISOString();
}

/** `YYYY-MM-DD HH:MM` in `timeZone`. */
export function localDateTime(iso: string, timeZone: string): string {
  const w = wallClock(new Date(iso).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}
