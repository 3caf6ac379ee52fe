import { achievedBlocks, showProgrammeAchieved } from '../../core/conduct/programme-achieved.js';
import { programmeMessage } from '../../core/programme/programme-messages.js';
import type { ChatCommand } from '../types.js';

export const programmeCommand: ChatCommand = {
  words: ['programme'],
  usage: 'programme [cycle]',
  summary: 'the audit programme month by month: audits, gaps, exceptions, checklist progress and coverage achieved',
  run(ctx, args) {
    const cycle = args[0];
    const view = showProgrammeAchieved(ctx.core, cycle ? { cycle } : {});
    const message = programmeMessage(view, ctx.core.settings.timezone);
    // What was achieved goes before the closing hint line.
    const last = message.blocks.at(-1);
    const blocks = last?.type === 'context' ? [...message.blocks.slice(0, -1), ...achievedBlocks(view), last] : [...message.blocks, ...achievedBlocks(view)];
    return { kind: 'message', message: { ...message, blocks } };
  },
};
