// The lead auditor takes an audit in reporting back to in progress, with the reason (more
// evidence came to light, an item needs another look). A closed audit never reopens.
import { z } from 'zod';
import type { Core } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { loadAudit, requireLeadAuditorOf, requireStatus } from './conduct-access.js';

export const ReopenAuditInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1, 'an audit id such as IA-2027-07').max(40),
  reason: z.string({ message: 'say why it goes back to in progress' }).trim().min(1, 'say why it goes back to in progress').max(2000, 'at most 2000 characters'),
});

export function reopenAudit(core: Core, actor: Actor, input: unknown): { auditId: string } {
  const data = parseInput(ReopenAuditInput, input, 'The audit was not reopened.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'take it back to in progress');
    requireStatus(audit, ['reporting'], 'take it back to in progress');
    tx.programme.updateAudit(audit.id, { status: 'in_progress' });
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.reopened', subject: `audit:${audit.id}`, before: { status: 'reporting' }, after: { status: 'in_progress', reason: data.reason } });
    return { auditId: audit.id };
  });
}
