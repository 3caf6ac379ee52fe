import { explainAssignment } from '../../core/programme/explain-assignment.js';
import { explainMessage } from '../../core/programme/programme-messages.js';
import type { ChatCommand } from '../types.js';
import { actorOf } from '../replies.js';

export const auditExplainCommand: ChatCommand = {
  words: ['audit', 'explain'],
  usage: 'audit explain <audit id>',
  summary: 'why an audit has its auditors, and who was excluded by which rule (audit leads and the audit\'s auditors)',
  run(ctx, args) {
    const auditId = args[0];
    if (!auditId) return { kind: 'message', message: { summary: 'Usage: audit explain <audit id>', blocks: [{ type: 'text', text: 'Usage: audit explain <audit id>, e.g. audit explain IA-2027-07' }] } };
    return { kind: 'message', message: explainMessage(explainAssignment(ctx.core, { auditId }, actorOf(ctx)), ctx.core.settings.timezone) };
  },
};
