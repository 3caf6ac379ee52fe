// The lead auditor closes an audit in reporting once its conclusion and its closing meeting are
// recorded. The report becomes final; the auditees and the audit leads are told; from then on
// nothing of the audit is edited (corrections are trail events with their reason).
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { notifyPerson } from '../shared/notify.js';
import { activeLeads, type PersonRecord } from '../shared/people.js';
import { auditeesOf } from './auditees.js';
import { closedNotice } from './conduct-messages.js';
import { loadAudit, requireLeadAuditorOf, requireStatus } from './conduct-access.js';
import { AuditIdInput } from './report-audit.js';

export function closeAudit(core: Core, actor: Actor, input: unknown): { auditId: string; told: string[] } {
  const { auditId } = parseInput(AuditIdInput, input, 'The audit was not closed.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'close it');
    requireStatus(audit, ['reporting'], 'close it');
    const conclusion = tx.conduct.getConclusion(audit.id);
    const closing = tx.conduct.getMeeting(audit.id, 'closing');
    const missing: string[] = [];
    if (!conclusion) missing.push(`the conclusion (audit conclude ${audit.id})`);
    if (!closing) missing.push(`the closing meeting (audit meeting ${audit.id} closing)`);
    if (!conclusion || !closing) {
      throw new AuditbotError('illegal_transition', `${audit.id} cannot close yet: record ${missing.join(' and ')} first. Nothing was changed.`);
    }
    const now = core.clock.now().toISOString();
    tx.programme.updateAudit(audit.id, { status: 'closed', closedAt: now });
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.closed', subject: `audit:${audit.id}`, before: { status: 'reporting' }, after: { status: 'closed' } });
    const recipients = new Map<string, PersonRecord>();
    for (const p of [...auditeesOf(tx, audit), ...activeLeads(tx)]) if (p.email !== person.email) recipients.set(p.email, p);
    const message = closedNotice(audit.id, conclusion, person.name);
    for (const p of recipients.values()) notifyPerson(tx, core, p, `audit:${audit.id}:closed:${p.email}`, message);
    const told = [...recipients.keys()].sort();
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.finalised', subject: `audit:${audit.id}`, after: { conclusion: conclusion.conclusion, told } });
    return { auditId: audit.id, told };
  });
}
