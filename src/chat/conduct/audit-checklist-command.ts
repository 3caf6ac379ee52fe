import { checklistMessage } from '../../core/conduct/conduct-messages.js';
import { showChecklist } from '../../core/conduct/show-checklist.js';
import type { ChatCommand } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

const USAGE = 'audit checklist <audit id>';

export const auditChecklistCommand: ChatCommand = {
  words: ['audit', 'checklist'],
  usage: USAGE,
  summary: 'an audit\'s checklist: a verdict per requirement in scope, what to look for, progress (its auditors and audit leads)',
  run(ctx, args) {
    const auditId = args[0] ?? usage(`${USAGE}, e.g. audit checklist IA-2027-07`);
    return privately(checklistMessage(showChecklist(ctx.core, actorOf(ctx), { auditId })));
  },
};
