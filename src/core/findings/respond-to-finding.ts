// The owner's answer to a finding (issue 14.2): acknowledge it, or dispute it with a reason. A
// dispute goes to the audit's lead auditor (or, with none, to every audit lead), who upholds
// it with a reason (`upholdFinding`), amends it or withdraws it (amend-finding.ts,
// withdraw-finding.ts). Open disputes show in "mine" of whoever must decide and in the digest.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import { notifyPerson } from '../shared/notify.js';
import { parseInput } from '../shared/input-schema.js';
import { activePerson, type PersonRecord } from '../shared/people.js';
import { visibleFinding } from '../shared/read-policy.js';
import type { Actor } from '../shared/actor.js';
import { parseFindingId } from '../corrective-actions/types.js';
import { changeFinding, FINDING_ACKNOWLEDGED, FINDING_DISPUTED, FINDING_UPHELD, type ChangedFinding } from './change-finding.js';
import { disputedMessage, upheldMessage } from './finding-change-messages.js';
import { loadFindingForChange } from './finding-access.js';
import type { AuditForFindings, FindingRecord } from './types.js';

const findingId = z.string({ error: 'Give the finding, e.g. F-2027-0012.' }).transform((s, ctx) => {
  const id = parseFindingId(s);
  if (id) return id;
  ctx.addIssue({ code: 'custom', message: `"${s}" is not a finding number, e.g. F-2027-0012.` });
  return z.NEVER;
});
const reason = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(3000, 'Please shorten the reason: the limit is 3,000 characters.');

export const AcknowledgeInput = z.object({ findingId });
export const DisputeInput = z.object({ findingId, reason: reason('Say why you dispute the finding; the audit lead reads it before deciding.') });
export const UpholdInput = z.object({ findingId, reason: reason('Say why the finding stands; the owner is told.') });

/** Who decides a dispute on this audit: its lead auditor, else every active audit lead. */
export function disputeDeciders(tx: Tx, audit: AuditForFindings): PersonRecord[] {
  const lead = audit.auditors.find((a) => a.role === 'lead');
  const person = lead ? tx.organisation.getPerson(lead.email) : null;
  if (person?.active) return [person];
  return tx.organisation.listPeople().filter((p) => p.active && p.roles.includes('lead'));
}

/** The owner's finding, open and on an audit not yet closed. */
function ownersFinding(tx: Tx, actor: Actor, id: string, what: string): { person: PersonRecord; finding: FindingRecord; audit: AuditForFindings } {
  const person = activePerson(tx, actor.email.toLowerCase());
  const finding = visibleFinding(tx, person, id);
  if (finding.owner !== person.email) throw new AuditbotError('forbidden', `Only the owner of ${finding.id}, ${finding.owner}, can ${what} it.`);
  if (finding.status === 'withdrawn') throw new AuditbotError('illegal_transition', `${finding.id} was withdrawn, so there is nothing to ${what}.`);
  const audit = tx.findings.getAudit(finding.auditId);
  if (!audit) throw new AuditbotError('internal', `Finding ${finding.id} names audit ${finding.auditId}, which does not exist.`);
  if (audit.status === 'closed') throw new AuditbotError('illegal_transition', `Audit ${audit.id} is closed, so its findings can no longer be ${what}d.`);
  return { person, finding, audit };
}

export function acknowledgeFinding(core: Core, actor: Actor, input: unknown): ChangedFinding {
  const data = parseInput(AcknowledgeInput, input, 'The finding was not acknowledged.');
  return core.store.transaction((tx) => {
    const c = ownersFinding(tx, actor, data.findingId, 'acknowledge');
    if (c.finding.response === 'acknowledged' || c.finding.response === 'upheld') return { before: c.finding, finding: c.finding, changed: [], seq: null };
    if (c.finding.response === 'disputed') throw new AuditbotError('illegal_transition', `${c.finding.id} is disputed and waits for the audit lead's decision.`);
    return changeFinding(tx, { email: c.person.email, channel: actor.channel }, c.finding, { kind: FINDING_ACKNOWLEDGED }, core.clock.now().toISOString());
  });
}

export interface DisputeResult extends ChangedFinding {
  /** Names of those asked to decide. */
  deciders: string[];
}

export function disputeFinding(core: Core, actor: Actor, input: unknown): DisputeResult {
  const data = parseInput(DisputeInput, input, 'The finding was not disputed.');
  return core.store.transaction((tx) => {
    const c = ownersFinding(tx, actor, data.findingId, 'dispute');
    if (c.finding.response === 'disputed') throw new AuditbotError('conflict', `${c.finding.id} is already disputed and waits for the audit lead's decision.`);
    if (c.finding.response === 'upheld') throw new AuditbotError('illegal_transition', `${c.finding.id} was disputed before and the audit lead upheld it: ${c.finding.decisionReason ?? ''}`);
    const result = changeFinding(tx, { email: c.person.email, channel: actor.channel }, c.finding, { kind: FINDING_DISPUTED, reason: data.reason }, core.clock.now().toISOString());
    const deciders = disputeDeciders(tx, c.audit).filter((p) => p.email !== c.person.email);
    for (const p of deciders) notifyPerson(tx, core, p, `finding:${c.finding.id}:disputed:${result.seq}:${p.email}`, disputedMessage(result.finding, c.person.name));
    return { ...result, deciders: deciders.map((p) => p.name) };
  });
}

export function upholdFinding(core: Core, actor: Actor, input: unknown): ChangedFinding {
  const data = parseInput(UpholdInput, input, 'The finding was not upheld.');
  return core.store.transaction((tx) => {
    const c = loadFindingForChange(tx, actor.email, data.findingId, 'uphold');
    if (!disputeDeciders(tx, c.audit).some((p) => p.email === c.person.email) && !c.person.roles.includes('lead')) {
      throw new AuditbotError('forbidden', `Only the lead auditor of ${c.audit.id} or an audit lead decides a dispute.`);
    }
    if (c.finding.response !== 'disputed') throw new AuditbotError('illegal_transition', `${c.finding.id} is not disputed, so there is nothing to uphold.`);
    const result = changeFinding(tx, { email: c.person.email, channel: actor.channel }, c.finding, { kind: FINDING_UPHELD, reason: data.reason }, core.clock.now().toISOString());
    const owner = tx.organisation.getPerson(result.finding.owner);
    if (owner?.active) notifyPerson(tx, core, owner, `finding:${c.finding.id}:upheld:${result.seq}`, upheldMessage(result.finding, c.person.name));
    return result;
  });
}

/** Disputes that wait for this person's decision (for "mine"), oldest first. */
export function disputesToDecide(tx: Tx, person: PersonRecord): FindingRecord[] {
  return tx.findings.list({ status: 'open', response: 'disputed' }).filter((f) => {
    const audit = tx.findings.getAudit(f.auditId);
    return audit !== null && disputeDeciders(tx, audit).some((p) => p.email === person.email);
  });
}
