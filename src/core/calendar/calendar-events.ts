// The events of a calendar export or a person's feed, from every source in CALENDAR_SOURCES.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { CALENDAR_SOURCES } from './sources.js';
import type { CalendarEvent, CalendarScope } from './types.js';

export const CalendarQuery = z.object({ person: z.string().trim().toLowerCase().email().max(320).optional() });

export interface CalendarEvents {
  /** When the events were read (the DTSTAMP of every event). */
  stamp: string;
  events: CalendarEvent[];
}

export function calendarEvents(core: Core, input: z.input<typeof CalendarQuery>): CalendarEvents {
  const query = CalendarQuery.parse(input);
  const scope: CalendarScope = query.person ? { kind: 'person', email: query.person } : { kind: 'organisation' };
  const events = core.store.transaction((tx) => {
    if (scope.kind === 'person' && !tx.organisation.getPerson(scope.email)) {
      throw new AuditbotError('unknown_person', `${scope.email} is not in the organisation file. Check the e-mail, or leave out --person for the whole organisation.`);
    }
    return CALENDAR_SOURCES.flatMap((s) => s.events(tx, scope));
  });
  return { stamp: core.clock.now().toISOString(), events };
}
