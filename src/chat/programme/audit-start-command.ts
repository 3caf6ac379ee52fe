import { transitionMessage } from '../../core/programme/programme-messages.js';
import { transitionAudit } from '../../core/programme/transition-audit.js';
import type { ChatCommand } from '../types.js';

export const auditStartCommand: ChatCommand = {
  words: ['audit', 'start'],
  usage: 'audit start <audit id> [early]',
  summary: 'start a planned audit now; before its window opens, add "early" to confirm',
  leadOnly: true,
  run(ctx, args) {
    const auditId = args[0];
    if (!auditId) return { kind: 'message', message: { summary: 'Usage: audit start <audit id>', blocks: [{ type: 'text', text: 'Usage: audit start <audit id>, e.g. audit start IA-2027-07' }] } };
    const result = transitionAudit(ctx.core, { auditId, to: 'in_progress', early: args[1]?.toLowerCase() === 'early' }, { email: ctx.actor.email, channel: ctx.channel });
    return { kind: 'message', message: transitionMessage(result) };
  },
};
