import { programmeMessage } from '../../core/programme/programme-messages.js';
import { showProgramme } from '../../core/programme/show-programme.js';
import type { ChatCommand } from '../types.js';

export const programmeCommand: ChatCommand = {
  words: ['programme'],
  usage: 'programme [cycle]',
  summary: 'the audit programme month by month: audits, gaps, exceptions',
  run(ctx, args) {
    const cycle = args[0];
    const view = showProgramme(ctx.core, cycle ? { cycle } : {});
    return { kind: 'message', message: programmeMessage(view, ctx.core.settings.timezone) };
  },
};
