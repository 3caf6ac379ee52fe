import { toJson, toTable } from '../format.js';
import { choice, UsageError, type CommandImplementation } from '../framework.js';

export const previewCommand: CommandImplementation = {
  database: 'read',
  options: {
    days: { type: 'string', description: 'how many days ahead (1 to 60)', default: '14', placeholder: '<n>' },
    person: { type: 'string', description: 'only what this person would get', placeholder: '<email>' },
    format: { type: 'string', description: 'table or json', default: 'table', placeholder: '<table|json>' },
  },
  details:
    'Runs the scheduled jobs and the outbox over the coming days on an in-memory copy of the database and lists who would get which message when, in their local time and in UTC. Nothing is sent and nothing is changed. Messages to channels are listed as channel:<id>.',
  async run({ values, io, app }) {
    const format = choice(values.format, 'format', ['table', 'json'] as const, 'table');
    const days = Number(values.days ?? '14');
    if (!Number.isInteger(days) || days < 1 || days > 60) throw new UsageError(`--days must be a whole number from 1 to 60; got ${JSON.stringify(values.days)}`);
    const person = typeof values.person === 'string' ? values.person : undefined;
    const { previewDeliveries } = await import('../../preview.js');
    const lines = await previewDeliveries(app(), { days, ...(person ? { person } : {}) });
    if (format === 'json') {
      io.stdout(toJson(lines));
      return 0;
    }
    if (lines.length === 0) {
      io.stdout(`Nothing would be sent in the next ${days} day${days === 1 ? '' : 's'}${person ? ` to ${person}` : ''}.`);
      return 0;
    }
    io.stdout(toTable(['local time', 'time zone', 'UTC', 'to', 'message', 'parts'], lines.map((l) => [l.local, l.timezone, l.at.slice(0, 16).replace('T', ' '), l.recipient, l.title, String(l.keys.length)])));
    io.stdout(`${lines.length} message${lines.length === 1 ? '' : 's'} in the next ${days} day${days === 1 ? '' : 's'}; nothing was sent or changed.`);
    return 0;
  },
};
