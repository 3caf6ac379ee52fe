// A closed audit is never edited: a correction is a new trail event with what was wrong and why,
// recorded by its lead auditor or an audit lead, and shown with the audit's history.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { activePerson, isLead } from '../shared/people.js';
import { auditorRoleOf, loadAudit } from './conduct-access.js';

export const CorrectAuditInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  correction: z.string({ message: 'what is corrected' }).trim().min(1, 'what is corrected').max(4000),
  reason: z.string({ message: 'why' }).trim().min(1, 'why it is corrected').max(4000),
});

export function correctAudit(core: Core, actor: Actor, input: unknown): { auditId: string } {
  const data = parseInput(CorrectAuditInput, input, 'The correction was not recorded.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = activePerson(tx, actor.email);
    if (auditorRoleOf(tx, person.email, audit.id) !== 'lead' && !isLead(person)) {
      throw new AuditbotError('forbidden', `Only the lead auditor of ${audit.id} or an audit lead can record a correction to it. Nothing was changed.`);
    }
    if (audit.status !== 'closed') {
      throw new AuditbotError('illegal_transition', `${audit.id} is not closed: change its records directly (corrections are for closed audits, whose records are final). Nothing was changed.`);
    }
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.corrected', subject: `audit:${audit.id}`, after: { correction: data.correction, reason: data.reason } });
    return { auditId: audit.id };
  });
}
