// Read models shared by `programme show`, `audit <id>`, `mine` and `audit explain`.
import type { Tx } from '../ports.js';
import type { AssignmentRecord, AuditRecord, AuditStatus, AuditorRole } from './types.js';

export interface AuditView {
  id: string;
  cycle: string;
  status: AuditStatus;
  start: string;
  end: string;
  areas: string[];
  clauses: string[];
  controls: string[];
  criteria: string[];
  auditors: { email: string; role: AuditorRole }[];
  needsExternalAuditor: boolean;
  exception: null | { justification: string; by: string; at: string; auditor: string | null };
}

export function auditView(audit: AuditRecord, rows: readonly AssignmentRecord[]): AuditView {
  const auditors = rows
    .filter((r) => r.auditId === audit.id)
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
    .map((r) => ({ email: r.email, role: r.role }));
  return {
    id: audit.id,
    cycle: audit.cycle,
    status: audit.status,
    start: audit.start,
    end: audit.end,
    areas: audit.areas,
    clauses: audit.clauses,
    controls: audit.controls,
    criteria: audit.criteria,
    auditors,
    needsExternalAuditor: audit.needsExternalAuditor,
    exception: audit.exception
      ? { justification: audit.exception.justification, by: audit.exception.by, at: audit.exception.at, auditor: audit.exception.auditor ?? null }
      : null,
  };
}

/** Audit views for a cycle (or every cycle), assignments read in one query. */
export function auditViews(tx: Tx, cycle?: string): AuditView[] {
  const filter = cycle === undefined ? {} : { cycle };
  const rows = tx.programme.listAssignments(filter);
  const byAudit = new Map<string, AssignmentRecord[]>();
  for (const r of rows) byAudit.set(r.auditId, [...(byAudit.get(r.auditId) ?? []), r]);
  return tx.programme.listAudits(filter).map((a) => auditView(a, byAudit.get(a.id) ?? []));
}
