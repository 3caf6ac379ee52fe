// Who may conduct an audit: its auditors (lead and second) record; its lead auditor alone
// concludes, reports and closes. A closed audit is never edited.
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import type { AuditRecord, AuditStatus } from '../programme/types.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, type PersonRecord } from '../shared/people.js';
import { noSuchAudit } from '../shared/read-policy.js';

export const auditIdSchemaMessage = 'an audit id such as IA-2027-07';

export function loadAudit(tx: Tx, auditId: string): AuditRecord {
  const audit = tx.programme.getAudit(auditId);
  if (!audit) throw noSuchAudit(auditId);
  return audit;
}

export const auditorRoleOf = (tx: Tx, email: string, auditId: string): 'lead' | 'second' | null =>
  tx.programme.listAssignments({ auditId }).find((a) => a.email === email)?.role ?? null;

const auditorsText = (tx: Tx, auditId: string): string => {
  const list = tx.programme.listAssignments({ auditId }).map((a) => `${a.email} (${a.role === 'lead' ? 'lead auditor' : 'second auditor'})`);
  return list.length > 0 ? list.join(', ') : 'nobody yet';
};

/** The person acting, who must be one of the audit's auditors. */
export function requireAuditorOf(tx: Tx, actor: Actor, audit: AuditRecord, what: string): PersonRecord {
  const person = activePerson(tx, actor.email);
  if (!auditorRoleOf(tx, person.email, audit.id)) {
    throw new AuditbotError('forbidden', `Only the auditors of ${audit.id} can ${what}; its auditors are ${auditorsText(tx, audit.id)}. Nothing was changed.`);
  }
  return person;
}

/** The person acting, who must be the audit's lead auditor. */
export function requireLeadAuditorOf(tx: Tx, actor: Actor, audit: AuditRecord, what: string): PersonRecord {
  const person = activePerson(tx, actor.email);
  if (auditorRoleOf(tx, person.email, audit.id) !== 'lead') {
    const lead = tx.programme.listAssignments({ auditId: audit.id }).find((a) => a.role === 'lead')?.email;
    throw new AuditbotError('forbidden', `Only the lead auditor of ${audit.id}${lead ? ` (${lead})` : ''} can ${what}. Nothing was changed.`);
  }
  return person;
}

const STATUS_WORDS: Record<AuditStatus, string> = { planned: 'has not started yet', in_progress: 'is in progress', reporting: 'is in reporting', closed: 'is closed' };

/** Refuses unless the audit is in one of `statuses`; a closed audit is never edited. */
export function requireStatus(audit: AuditRecord, statuses: readonly AuditStatus[], what: string): void {
  if (statuses.includes(audit.status)) return;
  if (audit.status === 'closed') {
    throw new AuditbotError('illegal_transition', `${audit.id} is closed, so its records are final and cannot be edited. To correct something, record a correction with its reason: audit correct ${audit.id} <what was wrong and why>.`);
  }
  const hint =
    audit.status === 'planned'
      ? ' Start it first (audit start).'
      : audit.status === 'reporting' && statuses.includes('in_progress')
        ? ` The lead auditor can take it back to in progress with a reason: audit reopen ${audit.id} <reason>.`
        : '';
  throw new AuditbotError('illegal_transition', `${audit.id} ${STATUS_WORDS[audit.status]}, so you cannot ${what} now.${hint} Nothing was changed.`);
}

/** The requirements in an audit's scope: its checklist, one item each. */
export const scopeOf = (audit: Pick<AuditRecord, 'clauses' | 'controls'>): string[] => [...audit.clauses, ...audit.controls];

export function requireInScope(audit: AuditRecord, requirement: string): void {
  if (scopeOf(audit).includes(requirement)) return;
  throw new AuditbotError('validation_failed', `${requirement} is not in the scope of ${audit.id}, so it has no checklist item. See the items with: audit checklist ${audit.id}`, { requirement: `${requirement} is not in the scope of ${audit.id}.` });
}
