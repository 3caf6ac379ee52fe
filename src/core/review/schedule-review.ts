// `review schedule <date> [--chair <email>]`: an audit lead puts a management review meeting
// (ISO/IEC 27001:2022 clause 9.3) on the calendar. The chair is told by DM; the meeting's date
// is what the review pack's `meeting` reports. Scheduling the same meeting again changes nothing.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Message } from '../message.js';
import { localDateOf, parseLocalDate } from '../programme/programme-calendar.js';
import { longDate } from '../reporting/reporting-periods.js';
import type { Actor } from '../shared/actor.js';
import type { Tx } from '../ports.js';
import type { PersonRecord } from '../shared/people.js';
import { notifyPerson } from '../shared/notify.js';
import { requireLead } from '../shared/people.js';
import type { ManagementReviewRecord } from './ports.js';

export const scheduleReviewInput = z.object({
  date: z
    .string({ message: 'a date written YYYY-MM-DD' })
    .trim()
    .refine((v) => parseLocalDate(v) !== null, { message: 'a real date written YYYY-MM-DD, such as 2027-06-15' }),
  chair: z
    .email({ message: 'an e-mail address, such as ceo@example.com' })
    .max(254)
    .transform((s) => s.toLowerCase())
    .optional(),
});

export interface ScheduleReviewResult {
  review: ManagementReviewRecord;
  created: boolean;
}

export function scheduleReview(core: Core, actor: Actor, input: z.input<typeof scheduleReviewInput>): ScheduleReviewResult {
  const parsed = scheduleReviewInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'date'), i.message])));
  const { date } = parsed.data;
  const today = localDateOf(core.clock.now().toISOString(), core.settings.timezone);
  return core.store.transaction((tx) => {
    const lead = requireLead(tx, actor, 'schedule a management review');
    if (date < today) throw validationError({ date: `${longDate(date)} is in the past; give the date of the coming meeting` });
    // Without --chair: the organisation file's chair (management_review.chair), else the lead.
    const chairEmail = parsed.data.chair ?? tx.organisation.getOrganisation()?.managementReview?.chair ?? lead.email;
    const chair = tx.organisation.getPerson(chairEmail);
    if (!chair || !chair.active) {
      throw validationError({ chair: `${chairEmail} is not an active person in the organisation file; add them there, or give another chair` });
    }
    const existing = tx.reviews.byMeetingDate(date);
    if (existing) {
      if (existing.chair === chair.email) return { review: existing, created: false };
      throw new AuditbotError('conflict', `Management review ${existing.id} is already on ${longDate(date)}, chaired by ${existing.chair}. Choose another date.`);
    }
    const review = insertScheduledReview(tx, core, { date, chair, by: lead, channel: actor.channel });
    return { review, created: true };
  });
}

/** Puts a review on `date` in the store and the trail, and tells its chair (unless they scheduled it). */
export function insertScheduledReview(
  tx: Tx,
  core: Core,
  p: { date: string; chair: PersonRecord; by: PersonRecord; channel: Actor['channel']; proposedAfter?: string },
): ManagementReviewRecord {
  const year = p.date.slice(0, 4);
  const review: ManagementReviewRecord = {
    id: `MR-${year}-${String(tx.sequences.next(`review:${year}`)).padStart(2, '0')}`,
    meetingDate: p.date,
    chair: p.chair.email,
    status: 'scheduled',
    scheduledBy: p.by.email,
    scheduledAt: core.clock.now().toISOString(),
    heldAt: null,
    heldBy: null,
    attendees: null,
    decisions: null,
  };
  tx.reviews.insert(review);
  tx.trail.append({
    actor: p.by.email,
    action: 'review.scheduled',
    subject: `review:${review.id}`,
    after: { meetingDate: p.date, chair: p.chair.email, ...(p.proposedAfter ? { proposedAfter: p.proposedAfter } : {}) },
    channel: p.channel,
  });
  if (p.chair.email !== p.by.email) notifyPerson(tx, core, p.chair, `review:${review.id}:scheduled`, chairMessage(review, p.by.name, p.proposedAfter));
  return review;
}

function chairMessage(r: ManagementReviewRecord, by: string, proposedAfter?: string): Message {
  const text = proposedAfter
    ? `Management review ${r.id} is proposed for ${longDate(r.meetingDate)}, following ${proposedAfter} at the organisation's cadence, with you as its chair.`
    : `${by} scheduled management review ${r.id} for ${longDate(r.meetingDate)} with you as its chair.`;
  return { summary: text, title: `Management review ${r.id}`, blocks: [{ type: 'text', text }] };
}

export function scheduledMessage(result: ScheduleReviewResult): Message {
  const r = result.review;
  const text = result.created
    ? `Management review ${r.id} is scheduled for ${longDate(r.meetingDate)}, chaired by ${r.chair}.`
    : `Management review ${r.id} was already scheduled for ${longDate(r.meetingDate)}, chaired by ${r.chair}; nothing changed.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}
