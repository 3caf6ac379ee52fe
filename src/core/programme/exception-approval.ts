// Who may record (and so approve) an independence exception for an audit (issue 14.7). Nobody
// approves an exception for their own audit: not the person being assigned, not an auditor of
// the audit, not the owner of an area or a requirement in its scope. An audit lead may approve
// one when the organisation has another lead to answer to; with only one lead, the exception
// needs a second opinion from outside the programme: an external auditor or top management.
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import { activeLeads, type PersonRecord } from '../shared/people.js';
import type { AuditRecord } from './types.js';

export interface ExceptionContext {
  audit: AuditRecord;
  /** Who is being put on the audit. */
  assignee: string;
  /** The audit's auditors now (lead and second). */
  auditors: readonly string[];
}

/** Why `person` is part of the audit the exception is for, or null when they are outside it. */
export function partOfAudit(tx: Tx, person: Pick<PersonRecord, 'email'>, c: ExceptionContext): string | null {
  const me = person.email;
  if (me === c.assignee) return 'is the person being assigned';
  if (c.auditors.includes(me)) return `audits ${c.audit.id}`;
  const inScope = new Set([...c.audit.clauses, ...c.audit.controls]);
  for (const key of c.audit.areas) {
    const area = tx.organisation.getArea(key);
    if (!area) continue;
    if (area.owner === me) return `owns area ${area.key}, which ${c.audit.id} audits`;
    const owned = area.scope.find((s) => s.owner === me && inScope.has(s.requirement));
    if (owned) return `owns ${owned.requirement}, in the scope of ${c.audit.id}`;
  }
  return null;
}

const mayApproveByRole = (p: Pick<PersonRecord, 'roles'>, leads: number): boolean =>
  p.roles.includes('top-management') || p.roles.includes('external') || (p.roles.includes('lead') && leads > 1);

/** Active people who may record the exception, in e-mail order. */
export function exceptionApprovers(tx: Tx, c: ExceptionContext): PersonRecord[] {
  const leads = activeLeads(tx).length;
  return tx.organisation
    .listPeople()
    .filter((p) => p.active && mayApproveByRole(p, leads) && partOfAudit(tx, p, c) === null)
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/** The people to ask, or exactly what to add to the organisation file when there is nobody. */
function whoCan(tx: Tx, c: ExceptionContext): string {
  const approvers = exceptionApprovers(tx, c);
  if (approvers.length === 0) {
    return `Nobody in the organisation file can record it: add \`roles: [top-management]\` to a person outside ${c.audit.id}, or an external auditor (\`roles: [external]\`, no team), and import the file again.`;
  }
  const names = approvers.map((p) => `${p.name} (${p.email})`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
  return `Ask ${list} to record it.`;
}

/** Refuses, naming who can do it, anyone who may not record this exception. */
export function requireExceptionApprover(tx: Tx, recorder: PersonRecord, c: ExceptionContext): void {
  const involved = partOfAudit(tx, recorder, c);
  if (involved) {
    throw new AuditbotError(
      'not_independent',
      `${recorder.email} ${involved}, so cannot record an independence exception for it: nobody approves an exception for their own audit. ${whoCan(tx, c)}`,
    );
  }
  const leads = activeLeads(tx).length;
  if (!mayApproveByRole(recorder, leads)) {
    const why =
      recorder.roles.includes('lead') && leads <= 1
        ? `${recorder.email} is the only audit lead, so an independence exception needs a second opinion from outside the audit programme: an external auditor or top management records it.`
        : `Only an audit lead, an external auditor or top management can record an independence exception; ${recorder.email} is none of these.`;
    throw new AuditbotError('forbidden', `${why} ${whoCan(tx, c)}`);
  }
}
