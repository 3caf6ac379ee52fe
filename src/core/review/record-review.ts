// `review record`: during or after the meeting, the chair or an audit lead records who attended,
// what was decided (continual improvement opportunities, changes needed to the ISMS, resource
// needs) and the actions, each with an owner and a due date (clause 9.3.3). Recording holds the
// review: the record is final, it is in the trail, each action owner is told by DM, and the
// actions are input (a) of the next review's pack. A second submission changes nothing.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Message } from '../message.js';
import { addMonths, formatLocalDate, localDateOf, parseLocalDate } from '../programme/programme-calendar.js';
import type { Tx } from '../ports.js';
import { insertScheduledReview } from './schedule-review.js';
import { reviewActionDoneButton } from './mark-review-action-done.js';
import { longDate } from '../reporting/reporting-periods.js';
import { count } from '../reporting/review-wording.js';
import type { Actor } from '../shared/actor.js';
import { notifyPerson } from '../shared/notify.js';
import { isLead } from '../shared/people.js';
import type { ManagementReviewRecord, ReviewActionRecord, ReviewDecision } from './ports.js';

export const REVIEW_TEXT_MAX = 4000;
export const REVIEW_ACTIONS_MAX = 50;

export const REVIEW_RECORD_FIELDS = { attendees: 'attendees', improvements: 'improvements', changes: 'changes', resources: 'resources', actions: 'actions' } as const;

const block = z.string().max(REVIEW_TEXT_MAX, `at most ${REVIEW_TEXT_MAX} characters`).optional();

export const recordReviewInput = z.object({
  reviewId: z.string().trim().toUpperCase().regex(/^MR-\d{4}-\d{2,}$/, 'a review id such as MR-2027-01'),
  attendees: block,
  improvements: block,
  changes: block,
  resources: block,
  actions: block,
});

const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export interface RecordReviewResult {
  review: ManagementReviewRecord;
  actions: ReviewActionRecord[];
  repeated: boolean;
  /** The review proposed at the organisation's cadence (management_review.every_months), if any. */
  next?: ManagementReviewRecord;
}

/**
 * With a cadence in the organisation file, the next review is put on the calendar `every_months`
 * after this one's meeting, chaired by the file's chair (else this review's), unless a later
 * review is already scheduled or the date is taken.
 */
function proposeNextReview(tx: Tx, core: Core, review: ManagementReviewRecord, actor: Actor): ManagementReviewRecord | undefined {
  const settings = tx.organisation.getOrganisation()?.managementReview;
  const months = settings?.everyMonths;
  const meeting = parseLocalDate(review.meetingDate);
  if (!months || !meeting) return undefined;
  if (tx.reviews.list().some((r) => r.status === 'scheduled' && r.meetingDate > review.meetingDate)) return undefined;
  const date = formatLocalDate(addMonths(meeting, months));
  if (tx.reviews.byMeetingDate(date)) return undefined;
  const fileChair = settings.chair ? tx.organisation.getPerson(settings.chair) : null;
  const chair = fileChair?.active ? fileChair : tx.organisation.getPerson(review.chair);
  const by = tx.organisation.getPerson(actor.email);
  if (!chair?.active || !by) return undefined;
  return insertScheduledReview(tx, core, { date, chair, by, channel: actor.channel, proposedAfter: review.id });
}

/** The review `id` names, or the earliest one still scheduled, for its chair or a lead to record. */
export function reviewToRecord(core: Core, actor: Actor, id: string | undefined): ManagementReviewRecord {
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(actor.email);
    const review = id ? tx.reviews.get(id.trim().toUpperCase()) : (tx.reviews.list().find((r) => r.status === 'scheduled') ?? null);
    if (!person || !person.active || (!isLead(person) && (!review || review.chair !== person.email))) {
      throw new AuditbotError('forbidden', 'Only the chair of a management review or an audit lead can record its outcome.');
    }
    if (!review) throw new AuditbotError('not_found', id ? `There is no management review ${id}. Type "review schedule <date>" to plan one.` : 'No management review is scheduled. Type "review schedule <date>" to plan one.');
    return review;
  });
}

export function recordReview(core: Core, actor: Actor, input: z.input<typeof recordReviewInput>): RecordReviewResult {
  const parsed = recordReviewInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'reviewId'), i.message])));
  const v = parsed.data;
  const now = core.clock.now().toISOString();
  const today = localDateOf(now, core.settings.timezone);
  return core.store.transaction((tx) => {
    const review = tx.reviews.get(v.reviewId);
    if (!review) throw new AuditbotError('not_found', `There is no management review ${v.reviewId}.`);
    const person = tx.organisation.getPerson(actor.email);
    if (!person || !person.active || (person.email !== review.chair && !isLead(person))) {
      throw new AuditbotError('forbidden', 'Only the chair of a management review or an audit lead can record its outcome.');
    }
    if (review.status === 'held') return { review, actions: tx.reviews.actionsOf([review.id]), repeated: true };
    if (review.meetingDate > today) throw validationError({ attendees: `${review.id} meets on ${longDate(review.meetingDate)}; record its outcome during or after the meeting` });

    const errors: Record<string, string> = {};
    const attendees = lines(v.attendees);
    if (attendees.length === 0) errors.attendees = 'who attended, one per line';
    const decisions: ReviewDecision[] = [
      ...lines(v.improvements).map((text) => ({ kind: 'improvement' as const, text })),
      ...lines(v.changes).map((text) => ({ kind: 'change' as const, text })),
      ...lines(v.resources).map((text) => ({ kind: 'resources' as const, text })),
    ];
    const actionLines = lines(v.actions);
    if (actionLines.length > REVIEW_ACTIONS_MAX) errors.actions = `at most ${REVIEW_ACTIONS_MAX} actions`;
    const planned: { text: string; owner: string; due: string }[] = [];
    actionLines.forEach((line, i) => {
      const [owner = '', due = '', ...rest] = line.split('|').map((p) => p.trim());
      const text = rest.join(' | ').trim();
      const person = tx.organisation.getPerson(owner.toLowerCase());
      const problem = !owner || !due || !text
        ? 'write each action as: owner e-mail | due date YYYY-MM-DD | what is to be done'
        : !person || !person.active
          ? `${owner} is not an active person in the organisation file`
          : parseLocalDate(due) === null
            ? `${due} is not a real date written YYYY-MM-DD`
            : due < today
              ? `${due} is in the past`
              : null;
      if (problem) errors.actions ??= `line ${i + 1}: ${problem}`;
      else if (person) planned.push({ text, owner: person.email, due });
    });
    if (Object.keys(errors).length > 0) throw validationError(errors);

    const year = review.meetingDate.slice(0, 4);
    const actions: ReviewActionRecord[] = planned.map((a) => ({ id: `RA-${year}-${String(tx.sequences.next(`review-action:${year}`)).padStart(4, '0')}`, reviewId: review.id, createdAt: now, status: 'open' as const, doneAt: null, doneBy: null, ...a }));
    tx.reviews.hold(review.id, { heldAt: now, heldBy: actor.email, attendees, decisions });
    for (const a of actions) tx.reviews.insertAction(a);
    tx.trail.append({
      actor: actor.email,
      action: 'review.held',
      subject: `review:${review.id}`,
      before: { status: 'scheduled' },
      after: { status: 'held', attendees, decisions, actions: actions.map((a) => ({ id: a.id, text: a.text, owner: a.owner, due: a.due })) },
      channel: actor.channel,
    });
    for (const a of actions) {
      const owner = tx.organisation.getPerson(a.owner);
      if (owner) notifyPerson(tx, core, owner, `review-action:${a.id}:assigned`, actionMessage(review, a));
    }
    const next = proposeNextReview(tx, core, review, actor);
    const held = tx.reviews.get(review.id) ?? review;
    return { review: held, actions, repeated: false, next };
  });
}

function actionMessage(r: ManagementReviewRecord, a: ReviewActionRecord): Message {
  const text = `Management review ${r.id} gave you an action, due ${longDate(a.due)}: ${a.text}`;
  const how = `When it is done, press Mark done or type "review action done ${a.id}". You are reminded as the due date comes.`;
  return { summary: text, title: `Review action ${a.id}`, blocks: [{ type: 'text', text }, { type: 'buttons', buttons: [reviewActionDoneButton(a.id)] }, { type: 'context', text: how }] };
}

export function recordedMessage(result: RecordReviewResult): Message {
  const r = result.review;
  const text = result.repeated
    ? `The outcome of ${r.id} was already recorded; the record is final and nothing changed.`
    : `The outcome of management review ${r.id} is recorded: ${count(r.attendees?.length ?? 0, 'attendee')}, ${count(r.decisions?.length ?? 0, 'decision')}, ${count(result.actions.length, 'action')}. Each action owner has been told; the actions are input (a) of the next review.` +
      (result.next ? ` The next review, ${result.next.id}, is proposed for ${longDate(result.next.meetingDate)} (the organisation's cadence), chaired by ${result.next.chair}.` : '');
  return { summary: text, blocks: [{ type: 'text', text }] };
}
