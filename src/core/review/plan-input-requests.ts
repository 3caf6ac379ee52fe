// Asking for the inputs of a management review, as a stage policy of the reminder engine
// (src/core/reminders). For each input the organisation file names a provider for
// (management_review.inputs), of each review still scheduled, until it is given:
//   - `request`: from two weeks (14 days) before the meeting, the provider is asked, with the
//     button that opens the form; the input is due one week (7 days) before the meeting, so the
//     chair has the pack in time to read it;
//   - `overdue-k`: on the first working day after the due date, then every 2 working days,
//     until the meeting;
//   - after the first overdue reminder, the chair is told, once.
// Working hours, never repeating a stage and one message per person per run are the engine's.
// The stages carry the provider, so naming someone else in the file starts a fresh cadence.
import { reminderBundleKey } from '../reminders/plan-reminders.js';
import type { ReminderBundle, ReminderPolicy, ReminderTrack } from '../reminders/policy.js';
import { countWorkingDays, dayNumber } from '../shared/working-time.js';
import type { InputLetter } from './ports.js';

export const ASK_DAYS_BEFORE = 14;
export const DUE_DAYS_BEFORE = 7;
export const OVERDUE_EVERY_WORKING_DAYS = 2;
/** The overdue reminder after which the chair is told. */
export const ESCALATE_AFTER_OVERDUE = 1;

export interface InputRequest {
  reviewId: string;
  letter: InputLetter;
  provider: string;
  chair: string;
  /** Local date of the meeting. */
  meetingDate: string;
  /** Local date the input is due. */
  due: string;
}

export type InputRequestKind = 'request' | 'overdue';
export type InputEscalationRole = 'chair';
export type InputRequestBundle = ReminderBundle<InputRequest, InputRequestKind, InputEscalationRole>;

export const inputSubject = (r: Pick<InputRequest, 'reviewId' | 'letter'>): string => `review-input:${r.reviewId}:${r.letter}`;

export const inputTrack: ReminderTrack<InputRequest, InputRequestKind> = {
  cycle: (r) => `${r.provider}/${r.meetingDate}/`,
  stageOn(r, day) {
    const meeting = dayNumber(r.meetingDate);
    const due = dayNumber(r.due);
    if (day.today < meeting - ASK_DAYS_BEFORE || day.today > meeting) return null;
    if (day.today <= due) return { kind: 'request', overdueCount: 0, workingDays: countWorkingDays(day.today, due, day.mask) };
    const late = countWorkingDays(due + 1, day.today + 1, day.mask);
    if (late === 0) return null;
    return { kind: 'overdue', overdueCount: Math.floor((late - 1) / OVERDUE_EVERY_WORKING_DAYS) + 1, workingDays: late };
  },
  escalateAfter: ESCALATE_AFTER_OVERDUE,
};

export const inputRequestPolicy: ReminderPolicy<InputRequest, InputRequestKind, InputEscalationRole> = {
  // The job lists only inputs not yet given.
  awaiting: () => true,
  owner: (r) => r.provider,
  tracks: [inputTrack],
  escalateTo: (r) => [{ email: r.chair, as: 'chair' }],
  compare: (a, b) => (a.reviewId === b.reviewId ? (a.letter < b.letter ? -1 : 1) : a.reviewId < b.reviewId ? -1 : 1),
};

export const inputRequestBundleKey = (bundle: InputRequestBundle): string => reminderBundleKey('review:input', bundle, (r) => `${r.reviewId}:${r.letter}`);
