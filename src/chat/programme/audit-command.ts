import { auditMessage } from '../../core/programme/programme-messages.js';
import { showAudit } from '../../core/programme/show-audit.js';
import type { ChatCommand } from '../types.js';
import { actorOf } from '../replies.js';

const USAGE = 'Type "audit <id>" (e.g. audit IA-2027-07) to see one audit, "mine" for your audits, or "programme" for the whole programme.';

export const auditCommand: ChatCommand = {
  words: ['audit'],
  usage: 'audit <id>',
  summary: 'one audit: status, window, scope, auditors and any independence exception',
  run(ctx, args) {
    const id = args[0];
    if (!id || /^(help|\?)$/i.test(id)) return { kind: 'message', message: { summary: USAGE, blocks: [{ type: 'text', text: USAGE }] } };
    return { kind: 'message', message: auditMessage(showAudit(ctx.core, { auditId: id }, actorOf(ctx)), ctx.core.settings.timezone) };
  },
};
