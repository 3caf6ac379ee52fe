// `review action done <RA-id>` or the Done button: the owner of an action decided at a
// management review (or an audit lead) marks it done. It is no longer chased, the trail records
// who and when, and the next review's input (a) shows it done. Marking it again changes nothing.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Button, Message } from '../message.js';
import { longDate } from '../reporting/reporting-periods.js';
import type { Actor } from '../shared/actor.js';
import { isLead } from '../shared/people.js';
import type { ReviewActionRecord } from './ports.js';

export const REVIEW_ACTION_DONE_BUTTON = 'review.action_done';

export const reviewActionDoneButton = (id: string): Button => ({ id: REVIEW_ACTION_DONE_BUTTON, label: 'Mark done', value: id, style: 'primary' });

export const markReviewActionDoneInput = z.object({
  actionId: z.string().trim().toUpperCase().regex(/^RA-\d{4}-\d{4,}$/, 'a review action id such as RA-2027-0001'),
});

export interface MarkReviewActionDoneResult {
  action: ReviewActionRecord;
  repeated: boolean;
}

export function markReviewActionDone(core: Core, actor: Actor, raw: z.input<typeof markReviewActionDoneInput>): MarkReviewActionDoneResult {
  const parsed = markReviewActionDoneInput.safeParse(raw);
  if (!parsed.success) throw validationError({ actionId: parsed.error.issues[0]?.message ?? 'a review action id such as RA-2027-0001' });
  const id = parsed.data.actionId;
  const now = core.clock.now().toISOString();
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(actor.email);
    const action = tx.reviews.getAction(id);
    if (!person || !person.active || (!isLead(person) && action?.owner !== person.email)) {
      throw new AuditbotError('forbidden', 'Only the owner of a management review action or an audit lead can mark it done.');
    }
    if (!action) throw new AuditbotError('not_found', `There is no management review action ${id}.`);
    if (action.status === 'done') return { action, repeated: true };
    tx.reviews.markActionDone(id, { doneAt: now, doneBy: person.email });
    tx.trail.append({ actor: person.email, action: 'review.action_done', subject: `review-action:${id}`, before: { status: 'open' }, after: { status: 'done' }, channel: actor.channel });
    return { action: tx.reviews.getAction(id) ?? action, repeated: false };
  });
}

export function reviewActionDoneMessage(r: MarkReviewActionDoneResult): Message {
  const a = r.action;
  const text = r.repeated
    ? `${a.id} was already marked done on ${longDate((a.doneAt ?? '').slice(0, 10))}; nothing changed.`
    : `${a.id} is done: "${a.text}". It is no longer chased and shows as done in the next management review.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}
