// `review record [MR-id]`: the chair or a lead records the outcome of a management review
// (attendees, decisions, actions) in one form; submitting it holds the review (clause 9.3.3).
import type { Form } from '../../core/message.js';
import { recordedMessage, recordReview, REVIEW_RECORD_FIELDS as F, REVIEW_TEXT_MAX, reviewToRecord } from '../../core/review/record-review.js';
import { longDate } from '../../core/reporting/reporting-periods.js';
import { actorOf, say } from '../replies.js';
import type { ChatCommand, FormHandler } from '../types.js';

export const REVIEW_RECORD_FORM = 'review.record';

const value = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const reviewRecordCommand: ChatCommand = {
  words: ['review', 'record'],
  usage: 'review record [review id]',
  summary: 'the chair or a lead records attendees, decisions and actions of a management review',
  run(ctx, args) {
    const review = reviewToRecord(ctx.core, actorOf(ctx), args[0]);
    if (review.status === 'held') return say(`The outcome of ${review.id} was recorded on ${review.heldAt?.slice(0, 10) ?? ''} by ${review.heldBy ?? ''}; the record is final.`);
    const form: Form = {
      id: REVIEW_RECORD_FORM,
      title: `Record ${review.id}`,
      submitLabel: 'Record and close',
      intro: `Management review ${review.id} of ${longDate(review.meetingDate)}, chaired by ${review.chair}. Recording closes the review; the record is final.`,
      context: { reviewId: review.id },
      fields: [
        { id: F.attendees, type: 'textarea', label: 'Attendees', hint: 'One per line', required: true, maxLength: REVIEW_TEXT_MAX },
        { id: F.improvements, type: 'textarea', label: 'Continual improvement opportunities', hint: 'One decision per line', required: false, maxLength: REVIEW_TEXT_MAX },
        { id: F.changes, type: 'textarea', label: 'Changes needed to the ISMS', hint: 'One decision per line', required: false, maxLength: REVIEW_TEXT_MAX },
        { id: F.resources, type: 'textarea', label: 'Resource needs', hint: 'One decision per line', required: false, maxLength: REVIEW_TEXT_MAX },
        { id: F.actions, type: 'textarea', label: 'Actions', hint: 'One per line: owner e-mail | due date YYYY-MM-DD | what is to be done', required: false, maxLength: REVIEW_TEXT_MAX },
      ],
    };
    return { kind: 'form', form };
  },
};

export const reviewRecordFormHandler: FormHandler = {
  formId: REVIEW_RECORD_FORM,
  maxLengths: { [F.attendees]: REVIEW_TEXT_MAX, [F.improvements]: REVIEW_TEXT_MAX, [F.changes]: REVIEW_TEXT_MAX, [F.resources]: REVIEW_TEXT_MAX, [F.actions]: REVIEW_TEXT_MAX },
  submit(ctx, values, formContext) {
    const result = recordReview(ctx.core, actorOf(ctx), {
      reviewId: formContext.reviewId ?? '',
      attendees: value(values.attendees),
      improvements: value(values.improvements),
      changes: value(values.changes),
      resources: value(values.resources),
      actions: value(values.actions),
    });
    return { ok: true, reply: { kind: 'message', visibility: 'private', message: recordedMessage(result) } };
  },
};
