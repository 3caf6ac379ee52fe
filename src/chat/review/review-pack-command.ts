// `review pack [review id]`: an audit lead or the review's chair gets the summary of a management
// review's pack and the pack itself, handed over the platform's way (ChatFiles): an upload to
// their Slack DM, a short-lived link in Teams, a file on disk at the console.
import type { Block } from '../../core/message.js';
import { reviewPackFileName, reviewPackFor, reviewPackMessage } from '../../core/review/review-pack.js';
import { actorOf, privately, say } from '../replies.js';
import type { ChatCommand } from '../types.js';

const USAGE = 'Type "review pack" for the next management review, or "review pack MR-2027-01" for another one.';

export const reviewPackCommand: ChatCommand = {
  words: ['review', 'pack'],
  usage: 'review pack [review id]',
  summary: 'an audit lead or the chair gets the pack of a management review (every input of clause 9.3.2, with charts) as a file',
  async run(ctx, args) {
    if (args.length > 1) return say(USAGE);
    const of = reviewPackFor(ctx.core, actorOf(ctx), args[0]);
    const files = ctx.files;
    const delivery: Block[] = files
      ? await files.handover.giveReviewPack(ctx, {
          reviewId: of.review.id,
          name: reviewPackFileName(of.review.id),
          title: `Management review pack ${of.review.id}`,
          html: () => files.reports.reviewPackHtml(of.pack),
        })
      : [{ type: 'context', text: `This chat cannot hand out files. An administrator can write the pack with: auditbot export review --from ${of.period.from} --to ${of.period.to} --format html --output ${reviewPackFileName(of.review.id)}` }];
    return privately(reviewPackMessage(of, delivery));
  },
};
