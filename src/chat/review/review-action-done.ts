// `review action done <RA-id>` and the Mark done button on a review action's messages: its owner
// (or a lead) marks an action decided at a management review done.
import { markReviewActionDone, REVIEW_ACTION_DONE_BUTTON, reviewActionDoneMessage } from '../../core/review/mark-review-action-done.js';
import { actorOf, privately, say } from '../replies.js';
import type { ButtonHandler, ChatCommand } from '../types.js';

export const reviewActionDoneCommand: ChatCommand = {
  words: ['review', 'action', 'done'],
  usage: 'review action done <action id>',
  summary: 'mark an action from a management review done (its owner or a lead)',
  run(ctx, args) {
    const [id, ...extra] = args;
    if (!id || extra.length > 0) return say('Type "review action done <action id>", for example "review action done RA-2027-0001".');
    return { kind: 'message', message: reviewActionDoneMessage(markReviewActionDone(ctx.core, actorOf(ctx), { actionId: id })) };
  },
};

export const reviewActionDoneButtonHandler: ButtonHandler = {
  buttonId: REVIEW_ACTION_DONE_BUTTON,
  run(ctx, value) {
    return privately(reviewActionDoneMessage(markReviewActionDone(ctx.core, actorOf(ctx), { actionId: value })));
  },
};
