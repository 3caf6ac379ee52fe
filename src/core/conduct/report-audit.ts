// The lead auditor moves an audit from in progress to reporting, once every checklist item has
// a verdict and no evidence request is still open; a refusal lists what is left.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { checklistOf } from './checklist.js';
import { loadAudit, requireLeadAuditorOf, requireStatus } from './conduct-access.js';

export const AuditIdInput = z.object({ auditId: z.string().trim().toUpperCase().min(1, 'an audit id such as IA-2027-07').max(40) });

const OPEN_EVIDENCE = new Set(['requested', 'more_requested', 'submitted']);

export interface ReportAuditResult {
  auditId: string;
}

export function reportAudit(core: Core, actor: Actor, input: unknown): ReportAuditResult {
  const { auditId } = parseInput(AuditIdInput, input, 'The audit was not moved to reporting.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'move it to reporting');
    requireStatus(audit, ['in_progress'], 'move it to reporting');
    const unassessed = checklistOf(tx, audit).items.filter((i) => i.verdict === 'unassessed').map((i) => i.requirement);
    const open = tx.evidence.list({ auditId: audit.id }).filter((e) => OPEN_EVIDENCE.has(e.status));
    if (unassessed.length > 0 || open.length > 0) {
      const parts: string[] = [];
      if (unassessed.length > 0) parts.push(`${unassessed.length} checklist item${unassessed.length === 1 ? ' has' : 's have'} no verdict yet: ${unassessed.join(', ')}. Give each a verdict (audit verdict ${audit.id} <requirement> <verdict>), or mark it not_audited with a reason.`);
      if (open.length > 0) {
        parts.push(
          `${open.length} evidence request${open.length === 1 ? ' is' : 's are'} still open: ${open.map((e) => `#${e.id} ${e.requirement} (${e.status === 'submitted' ? 'submitted, waiting for review' : 'waiting for the owner'})`).join(', ')}. Review each, or withdraw it with a reason (evidence withdraw <request> <reason>).`,
        );
      }
      throw new AuditbotError('illegal_transition', `${audit.id} cannot move to reporting yet. ${parts.join(' ')} Nothing was changed.`);
    }
    tx.programme.updateAudit(audit.id, { status: 'reporting' });
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.reporting', subject: `audit:${audit.id}`, before: { status: 'in_progress' }, after: { status: 'reporting' } });
    return { auditId: audit.id };
  });
}
