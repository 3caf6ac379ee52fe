// The review-actions job: the reminder engine's runner with the review-action chase policy
// (plan-review-action-chase.ts). One message per person per run, a Mark done button per action,
// a `reminders` row and a `review.action_chased` or `review.action_escalated` trail event per
// stage, in one transaction. Done actions are never chased.
import type { Core } from '../context.js';
import type { Block } from '../message.js';
import { longDate } from '../reporting/reporting-periods.js';
import { count } from '../reporting/review-wording.js';
import { runReminderJob, type ReminderJob, type ReminderRunCounts } from '../reminders/run-reminders.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';
import { reviewActionDoneButton } from './mark-review-action-done.js';
import { reviewActionChaseKey, reviewActionChasePolicy, reviewActionSubject, type ChasedReviewAction, type ReviewActionChaseKind } from './plan-review-action-chase.js';

const reviewActionChaseJob: ReminderJob<ChasedReviewAction, ReviewActionChaseKind, 'chair'> = {
  items(tx) {
    const chairs = new Map(tx.reviews.list().map((r) => [r.id, r.chair]));
    return tx.reviews.openActions().map((a) => ({ ...a, chair: chairs.get(a.reviewId) ?? '' }));
  },
  subject: (a) => reviewActionSubject(a.id),
  policy: () => reviewActionChasePolicy,
  key: reviewActionChaseKey,
  message(bundle, recipient, people) {
    const blocks: Block[] = [];
    let reminders = 0;
    for (const p of bundle.items) {
      const a = p.item;
      if (p.type === 'reminder') {
        reminders++;
        const when = p.kind === 'due-soon' ? `is due on ${longDate(a.due)}` : `was due on ${longDate(a.due)}, ${count(p.workingDays, 'working day')} ago`;
        blocks.push({ type: 'text', text: `${a.id} from management review ${a.reviewId} ${when}: ${a.text}` }, { type: 'buttons', buttons: [reviewActionDoneButton(a.id)] });
      } else {
        const name = people.get(a.owner)?.name ?? a.owner;
        blocks.push({ type: 'text', text: `${name}'s action ${a.id} from management review ${a.reviewId}, which you chaired, was due on ${longDate(a.due)} and is still open after ${count(p.remindersSent, 'reminder')}: ${a.text}` });
      }
    }
    const summary =
      reminders > 0
        ? `Hello ${recipient.name}. ${count(reminders, 'management review action')} of yours ${reminders === 1 ? 'needs' : 'need'} your attention.`
        : `Hello ${recipient.name}. ${count(bundle.items.length, 'management review action')} from a review you chaired ${bundle.items.length === 1 ? 'is' : 'are'} overdue.`;
    return { summary, title: 'Management review actions', blocks: [{ type: 'text', text: summary }, ...blocks] };
  },
  trailEvent: (planned, to) =>
    planned.type === 'escalation'
      ? { action: 'review.action_escalated', after: { stage: planned.stage, to, as: planned.as } }
      : { action: 'review.action_chased', after: { stage: planned.stage, to, kind: planned.kind } },
};

export function runReviewActionChase(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): ReminderRunCounts {
  return runReminderJob(core, reviewActionChaseJob, actor);
}
