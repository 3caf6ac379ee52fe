// How Teams hands out a file: a link the bot serves (`GET /review-pack/<token>.html`) to the person
// who asked, with a random token that ends after a few minutes. The token goes only into the
// answer to that person, never into the outbox or a log line; the page is made when opened.
import { randomBytes } from 'node:crypto';
import type { FileHandover } from '../../src/chat/types.js';
import { issueReviewPackLink, PACK_LINKS_NOT_SET_UP, packLinkBlocks } from '../../src/core/review/review-pack-links.js';

export const teamsFileHandover: FileHandover = {
  giveReviewPack(ctx, file) {
    // Without PUBLIC_URL there is no address to link to: the summary still comes, with what fixes it.
    if (!ctx.core.settings.publicUrl) return Promise.resolve([{ type: 'text', text: PACK_LINKS_NOT_SET_UP }]);
    // Typed in a channel or group chat, the answer is queued to the personal chat through the
    // outbox, where the token would rest in clear: the link is made only where it is answered at once.
    if (ctx.shared) return Promise.resolve([{ type: 'text', text: 'The link to the pack is private, so I give it only in our personal chat: send "review pack" to me there.' }]);
    const token = randomBytes(32).toString('hex');
    const link = issueReviewPackLink(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, { token, reviewId: file.reviewId });
    return Promise.resolve(packLinkBlocks(ctx.core, link));
  },
};
