// Calendar events as the core hands them out: neutral records that an exporter (iCalendar today)
// writes in its own format. The core never formats a calendar itself.
import type { Tx } from '../ports.js';

/** A day (`YYYY-MM-DD`, inclusive at both ends) or a moment with a length. */
export type CalendarWhen =
  | { kind: 'days'; first: string; last: string }
  | { kind: 'moment'; start: string; minutes: number };

export interface CalendarEvent {
  /**
   * Stable for ever: derived from the ids of what the event is about (audit, request, action),
   * never from dates or row order, so a changed date updates the event people already have.
   */
  uid: string;
  summary: string;
  description: string;
  when: CalendarWhen;
}

/** Whose events: the whole organisation, or one person (their own audits, requests and actions). */
export type CalendarScope = { kind: 'organisation' } | { kind: 'person'; email: string };

/** One kind of event. Add a kind by adding a source to CALENDAR_SOURCES. */
export interface CalendarSource {
  key: string;
  events(tx: Tx, scope: CalendarScope): CalendarEvent[];
}

/** The domain part of every UID: one calendar name space for Auditbot. */
export const UID_DOMAIN = 'auditbot';
