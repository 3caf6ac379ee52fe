// The opening and closing meetings: when, who attended (people of the organisation and named
// outsiders) and notes; at the closing meeting, the findings presented and whether the auditees
// acknowledged them or said they disagree.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { loadAudit, requireAuditorOf, requireStatus } from './conduct-access.js';
import { zonedDateTime } from './zoned-time.js';
import { MEETING_KINDS, type MeetingRecord } from './types.js';

export const MEETING_FIELDS = { date: 'date', time: 'time', attendees: 'attendees', notes: 'notes', acknowledgement: 'acknowledgement', auditeeStatement: 'auditeeStatement' } as const;
export const MAX_MEETING_TEXT = 4000;

export const RecordMeetingInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  kind: z.enum(MEETING_KINDS, { message: 'opening or closing' }),
  date: z.string({ message: 'the date it was held, YYYY-MM-DD' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'the date it was held, YYYY-MM-DD'),
  time: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:30').optional().or(z.literal('')),
  attendees: z.string({ message: 'who attended' }).trim().min(1, 'who attended: e-mails or names, one a line or separated by commas').max(MAX_MEETING_TEXT),
  notes: z.string().trim().max(MAX_MEETING_TEXT, `at most ${MAX_MEETING_TEXT} characters`).optional(),
  acknowledgement: z.enum(['acknowledged', 'disagreed']).optional(),
  auditeeStatement: z.string().trim().max(MAX_MEETING_TEXT, `at most ${MAX_MEETING_TEXT} characters`).optional(),
});

/** Attendees as typed: e-mails of people in the organisation are kept as e-mails (lower case), anything else as a name. */
const splitAttendees = (text: string): string[] => [...new Set(text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean).map((s) => (/^[^\s@]+@[^\s@]+$/.test(s) ? s.toLowerCase() : s)))];

export function recordMeeting(core: Core, actor: Actor, input: unknown): MeetingRecord {
  const data = parseInput(RecordMeetingInput, input, 'The meeting was not recorded.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = requireAuditorOf(tx, actor, audit, `record its ${data.kind} meeting`);
    requireStatus(audit, data.kind === 'opening' ? ['in_progress'] : ['in_progress', 'reporting'], `record its ${data.kind} meeting`);
    const attendees = splitAttendees(data.attendees);
    const errors: Record<string, string> = {};
    const unknown = attendees.filter((a) => a.includes('@') && !tx.organisation.getPerson(a));
    if (unknown.length > 0) errors[MEETING_FIELDS.attendees] = `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the organisation file. Write an outsider's name instead of an e-mail.`;
    if (attendees.length > 100) errors[MEETING_FIELDS.attendees] = 'At most 100 attendees.';
    if (data.kind === 'closing' && !data.acknowledgement) errors[MEETING_FIELDS.acknowledgement] = 'Say whether the auditees acknowledged the findings or disagreed.';
    if (data.acknowledgement === 'disagreed' && !data.auditeeStatement) errors[MEETING_FIELDS.auditeeStatement] = 'Write down what the auditees disagree with.';
    if (Object.keys(errors).length > 0) throw new AuditbotError('validation_failed', `The meeting was not recorded. ${Object.values(errors).join(' ')}`, errors);
    const heldAt = zonedDateTime(data.date, data.time || '00:00', core.settings.timezone);
    const record: MeetingRecord = {
      auditId: audit.id,
      kind: data.kind,
      heldAt,
      attendees,
      notes: data.notes ?? '',
      findingsPresented: data.kind === 'closing' ? tx.findings.list({ auditId: audit.id, status: 'open' }).map((f) => f.id) : [],
      acknowledgement: data.kind === 'closing' ? (data.acknowledgement ?? null) : null,
      auditeeStatement: data.auditeeStatement || null,
      recordedBy: person.email,
      recordedAt: core.clock.now().toISOString(),
    };
    tx.conduct.saveMeeting(record);
    const { auditId: _a, recordedBy: _b, recordedAt: _c, ...after } = record;
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.meeting_recorded', subject: `audit:${audit.id}`, after });
    return record;
  });
}
