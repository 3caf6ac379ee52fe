// The auditees of an audit: whoever owns a requirement in its scope in one of its areas (the
// area's owner for requirements without their own), never one of its auditors.
import type { Tx } from '../ports.js';
import type { AuditRecord } from '../programme/types.js';
import type { PersonRecord } from '../shared/people.js';
import { scopeOf } from './conduct-access.js';

export function auditeesOf(tx: Tx, audit: AuditRecord): PersonRecord[] {
  const plan = tx.conduct.getPlan(audit.id);
  const auditors = new Set(tx.programme.listAssignments({ auditId: audit.id }).map((a) => a.email));
  const emails = new Set<string>();
  if (plan) for (const e of plan.auditees) emails.add(e);
  else {
    const scope = new Set(scopeOf(audit));
    for (const key of audit.areas) {
      const area = tx.organisation.getArea(key);
      if (!area) continue;
      const owned = area.scope.filter((s) => scope.has(s.requirement));
      if (owned.length > 0) emails.add(area.owner);
      for (const s of owned) emails.add(s.owner || area.owner);
    }
  }
  return [...emails]
    .filter((e) => !auditors.has(e))
    .map((e) => tx.organisation.getPerson(e))
    .filter((p): p is PersonRecord => p !== null && p.active)
    .sort((a, b) => a.email.localeCompare(b.email));
}
