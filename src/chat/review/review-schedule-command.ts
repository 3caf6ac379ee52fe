// `review schedule <date> [--chair <email>]`: plan a management review meeting (clause 9.3).
import { scheduledMessage, scheduleReview } from '../../core/review/schedule-review.js';
import { actorOf, say } from '../replies.js';
import type { ChatCommand } from '../types.js';

const USAGE = 'Type "review schedule <date> [--chair <email>]", for example "review schedule 2027-06-15 --chair ceo@example.com". Without --chair, you chair it.';

export const reviewScheduleCommand: ChatCommand = {
  words: ['review', 'schedule'],
  usage: 'review schedule <date> [--chair <email>]',
  summary: 'put a management review meeting (ISO 27001 clause 9.3) on the calendar',
  leadOnly: true,
  run(ctx, args) {
    const rest = [...args];
    let chair: string | undefined;
    const at = rest.findIndex((a) => a === '--chair' || a.startsWith('--chair='));
    if (at >= 0) {
      const word = rest[at] ?? '';
      chair = word.includes('=') ? word.slice(word.indexOf('=') + 1) : rest[at + 1];
      rest.splice(at, word.includes('=') ? 1 : 2);
      if (!chair) return say(`--chair needs an e-mail address. ${USAGE}`);
    }
    const [date, ...extra] = rest;
    if (!date || extra.length > 0) return say(USAGE);
    return { kind: 'message', message: scheduledMessage(scheduleReview(ctx.core, actorOf(ctx), { date, ...(chair ? { chair } : {}) })) };
  },
};
