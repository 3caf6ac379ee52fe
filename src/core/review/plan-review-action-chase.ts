// The chase of management review actions, as a stage policy of the reminder engine
// (src/core/reminders), with the due-date cadence of the corrective-action chase
// (plan-chase.ts `currentDueStage`): `due-soon` from 5 working days before the due date, then
// `overdue-k` on the first working day after it and every 3 working days; after the second
// overdue reminder the chair of the review that decided it is told, once. Only open actions are
// chased; the stages carry the owner and the due date.
import { currentDueStage, ESCALATE_AFTER_OVERDUE } from '../corrective-actions/plan-chase.js';
import { reminderBundleKey } from '../reminders/plan-reminders.js';
import type { ReminderBundle, ReminderPolicy, ReminderTrack } from '../reminders/policy.js';
import { dayNumber } from '../shared/working-time.js';
import type { ReviewActionRecord } from './ports.js';

export type ChasedReviewAction = ReviewActionRecord & { chair: string };
export type ReviewActionChaseKind = 'due-soon' | 'overdue';
export type ReviewActionChaseBundle = ReminderBundle<ChasedReviewAction, ReviewActionChaseKind, 'chair'>;

export const reviewActionSubject = (id: string): string => `review-action:${id}`;

export const reviewActionTrack: ReminderTrack<ChasedReviewAction, ReviewActionChaseKind> = {
  cycle: (a) => `${a.owner}/${a.due}/`,
  stageOn: (a, day) => currentDueStage(day.today, dayNumber(a.due), day.mask),
  escalateAfter: ESCALATE_AFTER_OVERDUE,
};

export const reviewActionChasePolicy: ReminderPolicy<ChasedReviewAction, ReviewActionChaseKind, 'chair'> = {
  awaiting: (a) => a.status === 'open',
  owner: (a) => a.owner,
  tracks: [reviewActionTrack],
  escalateTo: (a) => [{ email: a.chair, as: 'chair' }],
  compare: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
};

export const reviewActionChaseKey = (bundle: ReviewActionChaseBundle): string => reminderBundleKey('review:action', bundle, (a) => a.id);
