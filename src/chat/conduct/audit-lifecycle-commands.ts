// The lead auditor's steps at the end of an audit: to reporting, back to in progress with a
// reason, and closed.
import { closedMessage, reopenedMessage, reportedMessage } from '../../core/conduct/conduct-messages.js';
import { closeAudit } from '../../core/conduct/close-audit.js';
import { reopenAudit } from '../../core/conduct/reopen-audit.js';
import { reportAudit } from '../../core/conduct/report-audit.js';
import type { ChatCommand } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

export const auditReportCommand: ChatCommand = {
  words: ['audit', 'report'],
  usage: 'audit report <audit id>',
  summary: 'move an audit to reporting once every checklist item has a verdict and no evidence request is open (its lead auditor)',
  run(ctx, args) {
    const auditId = args[0] ?? usage('audit report <audit id>, e.g. audit report IA-2027-07');
    return privately(reportedMessage(reportAudit(ctx.core, actorOf(ctx), { auditId }).auditId));
  },
};

export const auditReopenCommand: ChatCommand = {
  words: ['audit', 'reopen'],
  usage: 'audit reopen <audit id> <reason>',
  summary: 'take an audit in reporting back to in progress, with the reason (its lead auditor)',
  run(ctx, args, rawArgs) {
    const auditId = args[0];
    const reason = rawArgs.replace(/^\s*\S+\s*/, '').trim();
    if (!auditId || !reason) return usage('audit reopen <audit id> <reason>, e.g. audit reopen IA-2027-07 New evidence for A.5.15 arrived');
    return privately(reopenedMessage(reopenAudit(ctx.core, actorOf(ctx), { auditId, reason }).auditId));
  },
};

export const auditCloseCommand: ChatCommand = {
  words: ['audit', 'close'],
  usage: 'audit close <audit id>',
  summary: 'close an audit in reporting once its conclusion and closing meeting are recorded; the report becomes final (its lead auditor)',
  run(ctx, args) {
    const auditId = args[0] ?? usage('audit close <audit id>, e.g. audit close IA-2027-07');
    const r = closeAudit(ctx.core, actorOf(ctx), { auditId });
    return privately(closedMessage(r.auditId, r.told.length));
  },
};
