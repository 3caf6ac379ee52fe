// A lead puts a named person on an audit. If that person is not independent of it, the
// assignment is an independence exception: the written justification, who made it and when
// are kept on the audit and in the trail, and shown wherever the audit is shown. Nobody records
// an exception for their own audit, and with only one audit lead it takes an external auditor
// or top management (exception-approval.ts, issue 14.7), who may record exceptions and nothing else.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { requestLabel } from '../evidence/types.js';
import { notifyPerson } from '../shared/notify.js';
import { areaNameMap, auditExclusions, independenceIndexFor } from './assign-auditors.js';
import { canAudit, independenceReasons, isExternal } from './independence-rules.js';
import { activeLeads, isLead, requireLead } from '../shared/people.js';
import { requireExceptionApprover } from './exception-approval.js';
import { assignedMessage, releasedMessage, roleName } from './programme-notifications.js';
import type { AssignmentRationale, AuditorRole, IndependenceException } from './types.js';
import type { Actor } from '../shared/actor.js';

export const overrideAssignmentInput = z.object({
  auditId: z.string({ message: 'an audit id such as IA-2027-07' }).trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
  email: z.string({ message: 'an e-mail address such as ana@acme.example' }).trim().toLowerCase().email('an e-mail address such as ana@acme.example'),
  role: z.enum(['lead', 'second'], { message: 'lead or second' }).default('lead'),
  justification: z
    .string({ message: 'why this person should audit it' })
    .trim()
    .min(10, 'a written justification of at least 10 characters: it is shown to the certification auditor')
    .max(3000, 'a justification of at most 3,000 characters; link to a longer document instead'),
});

export interface OverrideResult {
  auditId: string;
  role: AuditorRole;
  email: string;
  previous: string | null;
  independent: boolean;
  exception: IndependenceException | null;
  /** The rules the person does not meet, when it is an exception. */
  violations: string[];
}

export function overrideAssignment(core: Core, input: z.input<typeof overrideAssignmentInput>, actor: Actor): OverrideResult {
  const parsed = overrideAssignmentInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'auditId'), i.message])));
  const { auditId, email, role, justification } = parsed.data;
  const now = core.clock.now().toISOString();
  const tz = core.settings.timezone;

  return core.store.transaction((tx) => {
    const self = tx.organisation.getPerson(actor.email);
    // Top management and external auditors come this far only to record an exception (checked below).
    const recorder = self?.active && !isLead(self) && (self.roles.includes('top-management') || self.roles.includes('external')) ? self : requireLead(tx, actor, 'assign an auditor');
    const audit = tx.programme.getAudit(auditId);
    if (!audit) throw new AuditbotError('not_found', `There is no audit ${auditId}. See the ids with: auditbot programme show`);
    if (audit.status === 'closed') throw new AuditbotError('illegal_transition', `${audit.id} is closed, so its auditors can no longer change.`);
    const person = tx.organisation.getPerson(email);
    if (!person || !person.active) {
      throw new AuditbotError('unknown_person', `${email} is not an active person in the organisation. Check the e-mail, or add them to the organisation file and import it again.`, { email: 'not an active person' });
    }
    if (!canAudit(person)) {
      throw new AuditbotError(
        'forbidden',
        `${email} holds neither the auditor nor the external role, so cannot audit. Give them the auditor role in the organisation file (roles: [auditor]) and import it, or choose an auditor.`,
        { email: 'not an auditor' },
      );
    }
    const rows = tx.programme.listAssignments({ auditId: audit.id });
    const current = rows.find((r) => r.role === role);
    const other = rows.find((r) => r.role !== role);
    if (current?.email === email) throw new AuditbotError('conflict', `${email} is already the ${roleName(role)} of ${audit.id}.`);
    if (other?.email === email) {
      throw new AuditbotError('conflict', `${email} is already the ${roleName(other.role)} of ${audit.id}; one person cannot hold both roles. Choose someone else, or assign a different ${roleName(other.role)} first.`);
    }

    // Evidence and findings of an audit are never owned by one of its auditors.
    const owned = [
      ...tx.evidence.list({ auditId: audit.id, owner: email, statuses: ['requested', 'more_requested', 'submitted'] }).map((r) => `evidence request ${requestLabel(r.id)} (${r.requirement})`),
      ...tx.findings.list({ auditId: audit.id, owner: email }).map((f) => `finding ${f.id}`),
    ];
    if (owned.length > 0) {
      throw new AuditbotError(
        'not_independent',
        `${email} owns ${owned.join(', ')} of ${audit.id}, so cannot audit it: an auditor never provides the evidence of an audit they audit, nor owns its findings. Have the requests reassigned first, or choose someone else.`,
        { email: 'owns evidence or findings of this audit' },
      );
    }

    const index = independenceIndexFor(tx);
    const { exclusions, eligible, excluded } = auditExclusions(index, audit);
    const violations = exclusions.get(email) ?? [];
    const independent = violations.length === 0;
    if (!independent) requireExceptionApprover(tx, recorder, { audit, assignee: email, auditors: rows.map((r) => r.email) });
    else if (!isLead(recorder)) {
      const leads = activeLeads(tx).map((p) => p.email);
      throw new AuditbotError(
        'forbidden',
        `${email} is independent of ${audit.id}, so this is not an independence exception: only an audit lead assigns auditors (${leads.length > 0 ? `ask ${leads.join(' or ')}` : 'give the lead role to the ISMS manager in the organisation file'}). Top management and external auditors record only the exceptions a lead may not.`,
      );
    }
    const exception: IndependenceException | null = independent ? null : { justification, by: recorder.email, at: now, auditor: email };
    const load = tx.programme.listAssignments({ cycle: audit.cycle }).filter((r) => r.email === email).length;
    const rationale: AssignmentRationale = {
      source: 'manual',
      chosenBecause: [`chosen by ${isLead(recorder) ? 'the audit lead' : recorder.roles.includes('top-management') ? 'top management,' : 'the external auditor'} ${recorder.email}: ${justification}`],
      independence: independent ? independenceReasons(index, person, audit) : [],
      loadBefore: load,
      external: isExternal(person),
      excluded,
      otherEligible: eligible.filter((p) => p.email !== email).length,
      withoutAuditorRole: index.withoutAnyRole,
      manual: { by: recorder.email, at: now, justification },
      ...(exception ? { exception, violations } : {}),
    };
    tx.programme.setAssignment({ auditId: audit.id, email, role, rationale, assignedAt: now });

    // The audit shows an exception while any of its auditors holds one.
    const otherException = other?.rationale.exception ?? null;
    const auditException = role === 'lead' ? (exception ?? otherException) : (otherException ?? exception);
    tx.programme.updateAudit(audit.id, { exception: auditException, ...(role === 'lead' ? { needsExternalAuditor: false } : {}) });

    const after = { role, email, source: 'manual' as const, justification, independent, ...(independent ? {} : { violations: violations.map((v) => `${v.rule}: ${v.detail}`) }) };
    const who = { actor: actor.email, channel: actor.channel, subject: `audit:${audit.id}` };
    const seq = tx.trail.append(
      current ? { ...who, action: 'audit.reassigned', before: { role, email: current.email }, after } : { ...who, action: 'audit.assigned', before: null, after },
    );
    if (exception) {
      tx.trail.append({
        actor: actor.email,
        channel: actor.channel,
        action: 'audit.independence_exception',
        subject: `audit:${audit.id}`,
        after: { auditor: email, role, justification, by: recorder.email, at: now, violations: violations.map((v) => `${v.rule}: ${v.detail}`) },
      });
    }
    const updated = { ...audit, exception: auditException, needsExternalAuditor: role === 'lead' ? false : audit.needsExternalAuditor };
    notifyPerson(tx, core, person, `audit:${audit.id}:assigned:${role}:${email}:${seq}`, assignedMessage(updated, role, rationale, tz, areaNameMap(tx)));
    if (current) {
      const old = tx.organisation.getPerson(current.email);
      if (old) notifyPerson(tx, core, old, `audit:${audit.id}:released:${role}:${old.email}:${seq}`, releasedMessage(updated, role, tz, email));
    }
    return { auditId: audit.id, role, email, previous: current?.email ?? null, independent, exception, violations: violations.map((v) => v.detail) };
  });
}
