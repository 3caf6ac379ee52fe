import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toIcs } from '../../calendar/ics.js';
import { calendarEvents } from '../../core/calendar/calendar-events.js';
import { choice, type CommandImplementation } from '../framework.js';

export const exportCalendarCommand: CommandImplementation = {
  database: 'read',
  options: {
    format: { type: 'string', description: 'ics (iCalendar, RFC 5545)', default: 'ics', placeholder: '<ics>' },
    person: { type: 'string', description: "only this person's audits, meetings, evidence and actions", placeholder: '<e-mail>' },
    output: { type: 'string', description: 'write to this file instead of standard output', placeholder: '<file>' },
  },
  details: [
    'Events: audit windows (all-day, first to last day), planned meetings of audit plans (one hour, in UTC),',
    'evidence due dates of open requests and due dates of open corrective actions (all-day).',
    "With --person: the audits the person audits, is an auditee of or owns a request in, their requests and those",
    'of the audits they audit, and their own actions.',
    'Every event has a stable UID (from the audit, request or action id), so importing the file again after a',
    'date changed updates the existing event instead of adding a second one.',
    '',
    'Examples:',
    '  auditbot export calendar --format ics --output audits.ics',
    '  auditbot export calendar --person bo@example.com --format ics > bo.ics',
  ].join('\n'),
  run({ values, io, app }) {
    choice(values.format, 'format', ['ics'] as const, 'ics');
    const person = typeof values.person === 'string' && values.person.trim() !== '' ? values.person.trim().toLowerCase() : undefined;
    const { core } = app();
    const calendar = calendarEvents(core, person ? { person } : {});
    const ics = toIcs(calendar, person ? `Auditbot: ${person}` : 'Auditbot: internal audits');
    if (typeof values.output === 'string' && values.output !== '') {
      writeFileSync(resolve(io.cwd, values.output), ics);
      io.stdout(`Wrote ${calendar.events.length} event${calendar.events.length === 1 ? '' : 's'} to ${values.output}.`);
      return 0;
    }
    io.stdout(ics);
    return 0;
  },
};
