import { checklistOf } from '../../core/conduct/checklist.js';
import { progressText, verdictRecordedMessage } from '../../core/conduct/conduct-messages.js';
import { recordVerdict } from '../../core/conduct/record-verdict.js';
import type { ChatCommand } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

const USAGE = 'audit verdict <audit id> <requirement> <conforming|not_audited|unassessed|nonconformity|ofi> [reason or notes]';

export const auditVerdictCommand: ChatCommand = {
  words: ['audit', 'verdict'],
  usage: USAGE,
  summary: 'give a checklist item its verdict; not_audited needs a reason (the audit\'s auditors)',
  run(ctx, args, rawArgs) {
    const [auditId, requirement, verdict] = args;
    if (!auditId || !requirement || !verdict) return usage(`${USAGE}. Example: audit verdict IA-2027-07 A.5.15 conforming`);
    // What follows the verdict, as typed, is the reason (not audited) or the auditor's notes.
    const rest = rawArgs.replace(/^\s*\S+\s+\S+\s+\S+\s*/, '').trim();
    const v = verdict.toLowerCase();
    const record = recordVerdict(ctx.core, actorOf(ctx), { auditId, requirement: requirement.toUpperCase(), verdict: v, ...(rest ? (v === 'not_audited' ? { reason: rest } : { notes: rest }) : {}) });
    const progress = ctx.core.store.transaction((tx) => {
      const audit = tx.programme.getAudit(record.auditId);
      return audit ? progressText(checklistOf(tx, audit)) : '';
    });
    return privately(verdictRecordedMessage(record, progress));
  },
};
