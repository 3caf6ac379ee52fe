// The review-inputs job: the reminder engine's runner (src/core/reminders/run-reminders.ts)
// with the input-request policy (plan-input-requests.ts). Each provider gets one message per run
// with a button per input asked of them; the chair is told of an input still missing after its
// first overdue reminder. A `reminders` row and a `review.input_requested` or
// `review.input_escalated` trail event are written for each stage, in one transaction.
import type { Core } from '../context.js';
import type { Block, Message } from '../message.js';
import { longDate } from '../reporting/reporting-periods.js';
import { count } from '../reporting/review-wording.js';
import { runReminderJob, type ReminderJob, type ReminderRunCounts } from '../reminders/run-reminders.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';
import { dateOfDayNumber, dayNumber } from '../shared/working-time.js';
import { INPUT_TITLES } from './build-management-review.js';
import { DUE_DAYS_BEFORE, inputRequestBundleKey, inputRequestPolicy, inputSubject, type InputEscalationRole, type InputRequest, type InputRequestKind } from './plan-input-requests.js';
import type { InputLetter } from './ports.js';
import { inputButtonValue, REVIEW_INPUT_BUTTON } from './provide-input.js';

export const inputDueDate = (meetingDate: string): string => dateOfDayNumber(dayNumber(meetingDate) - DUE_DAYS_BEFORE);

const inputRequestJob: ReminderJob<InputRequest, InputRequestKind, InputEscalationRole> = {
  items(tx) {
    const providers = tx.organisation.getOrganisation()?.managementReview?.inputs ?? {};
    const letters = (Object.keys(providers) as InputLetter[]).sort();
    if (letters.length === 0) return [];
    return tx.reviews
      .list()
      .filter((r) => r.status === 'scheduled')
      .flatMap((r) => {
        const given = new Set(tx.reviews.inputsOf(r.id).map((i) => i.letter));
        return letters.filter((l) => !given.has(l)).map((letter) => ({ reviewId: r.id, letter, provider: providers[letter] ?? '', chair: r.chair, meetingDate: r.meetingDate, due: inputDueDate(r.meetingDate) }));
      });
  },
  subject: inputSubject,
  policy: () => inputRequestPolicy,
  key: inputRequestBundleKey,
  message(bundle, recipient, people) {
    const blocks: Block[] = [];
    const asked = bundle.items.flatMap((p) => (p.type === 'reminder' ? [p] : []));
    const escalated = bundle.items.flatMap((p) => (p.type === 'escalation' ? [p] : []));
    for (const p of asked) {
      const r = p.item;
      const line =
        p.kind === 'request'
          ? `Management review ${r.reviewId} meets on ${longDate(r.meetingDate)}. Please give input (${r.letter}), ${INPUT_TITLES[r.letter].toLowerCase()}, by ${longDate(r.due)}.`
          : `Input (${r.letter}) for management review ${r.reviewId} was due on ${longDate(r.due)}; the meeting is on ${longDate(r.meetingDate)}. Please give it as soon as you can.`;
      blocks.push({ type: 'text', text: line }, { type: 'buttons', buttons: [{ id: REVIEW_INPUT_BUTTON, label: `Give input (${r.letter})`, value: inputButtonValue(r.reviewId, r.letter), style: 'primary' }] });
    }
    for (const p of escalated) {
      const r = p.item;
      const name = people.get(r.provider)?.name ?? r.provider;
      blocks.push({
        type: 'text',
        text: `${name} has not yet given input (${r.letter}) for management review ${r.reviewId}, due ${longDate(r.due)}: ${count(p.workingDaysLate, 'working day')} late after ${count(p.remindersSent, 'reminder')}. The meeting you chair is on ${longDate(r.meetingDate)}.`,
      });
    }
    const summary =
      asked.length > 0
        ? `Hello ${recipient.name}. ${count(asked.length, 'input')} of a management review ${asked.length === 1 ? 'is' : 'are'} asked of you.`
        : `Hello ${recipient.name}. ${count(escalated.length, 'input')} of the management review you chair ${escalated.length === 1 ? 'is' : 'are'} late.`;
    const message: Message = { summary, title: 'Management review inputs', blocks: [{ type: 'text', text: summary }, ...blocks] };
    return message;
  },
  trailEvent: (planned, to) =>
    planned.type === 'escalation'
      ? { action: 'review.input_escalated', after: { stage: planned.stage, to, as: planned.as } }
      : { action: 'review.input_requested', after: { stage: planned.stage, to, kind: planned.kind } },
};

export function runInputRequests(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): ReminderRunCounts {
  return runReminderJob(core, inputRequestJob, actor);
}
