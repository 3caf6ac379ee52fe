import { overrideMessage } from '../../core/programme/programme-messages.js';
import { overrideAssignment } from '../../core/programme/override-assignment.js';
import type { ChatCommand } from '../types.js';

const USAGE = 'audit assign <audit id> <email> <justification>';

export const auditAssignCommand: ChatCommand = {
  words: ['audit', 'assign'],
  usage: USAGE,
  summary: 'make someone the lead auditor of an audit; if they are not independent it is a recorded exception',
  leadOnly: true,
  run(ctx, args, rawArgs) {
    const [auditId, email] = args;
    // The justification is the rest of the line as typed, quotes and all.
    const justification = rawArgs.replace(/^\s*\S+\s+\S+\s*/, '').replace(/^"(.*)"$/s, '$1').trim();
    if (!auditId || !email || justification === '') {
      const text = `Usage: ${USAGE}. Example: audit assign IA-2027-07 eve@partner.example Only the platform team knows this system this year`;
      return { kind: 'message', message: { summary: text, blocks: [{ type: 'text', text }] } };
    }
    const result = overrideAssignment(ctx.core, { auditId, email, justification }, { email: ctx.actor.email, channel: ctx.channel });
    return { kind: 'message', message: overrideMessage(result) };
  },
};
