// Writes the core's neutral calendar events as an iCalendar file (RFC 5545). ical-generator
// does the escaping, line folding and CRLF line ends that calendar clients insist on.
import { ICalCalendar } from 'ical-generator';
import type { CalendarEvents } from '../core/calendar/calendar-events.js';

const DAY_MS = 86_400_000;
const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

export function toIcs(calendar: CalendarEvents, name: string): string {
  const cal = new ICalCalendar({ name, prodId: { company: 'Auditbot', product: 'Auditbot', language: 'EN' } });
  const stamp = new Date(calendar.stamp);
  for (const e of calendar.events) {
    const common = { id: e.uid, stamp, summary: e.summary, description: e.description };
    if (e.when.kind === 'days') {
      // All-day events end on the day after the last one (DTEND is exclusive in RFC 5545).
      cal.createEvent({ ...common, allDay: true, start: dayStart(e.when.first), end: new Date(dayStart(e.when.last).getTime() + DAY_MS) });
    } else {
      const start = new Date(e.when.start);
      cal.createEvent({ ...common, start, end: new Date(start.getTime() + e.when.minutes * 60_000) });
    }
  }
  return cal.toString();
}
