import type { AssignmentRecord, AuditRecord, AuditStatus, AuditorRole, NeedsExternalRecord, ProgrammeRecord } from './types.js';

export interface AuditFilter {
  cycle?: string;
  statuses?: readonly AuditStatus[];
}

export interface AssignmentFilter {
  cycle?: string;
  auditId?: string;
  email?: string;
}

/** A lead auditor of an earlier (or concurrent) audit, for rotation. */
export interface LeadHistoryEntry {
  auditId: string;
  areas: string[];
  start: string;
  email: string;
}

export interface ProgrammeRepository {
  getProgramme(cycle: string): ProgrammeRecord | null;
  /** Programmes, latest start first. */
  listProgrammes(): ProgrammeRecord[];
  saveProgramme(programme: ProgrammeRecord): void;
  /** Audits ordered by start, then id. */
  listAudits(filter?: AuditFilter): AuditRecord[];
  getAudit(id: string): AuditRecord | null;
  insertAudit(audit: AuditRecord): void;
  updateAudit(id: string, patch: Partial<Omit<AuditRecord, 'id' | 'cycle'>>): void;
  /** Records who the hard rules kept off an audit when it was found to need an external auditor. */
  recordNeedsExternal(auditId: string, record: NeedsExternalRecord): void;
  /** What `recordNeedsExternal` last recorded for the audit; null when nothing was. */
  needsExternalRecord(auditId: string): NeedsExternalRecord | null;
  /** Removes a planned audit and its auditors (re-planning). */
  deleteAudit(id: string): void;
  /** Ordered by audit start, audit id, then role (lead first). */
  listAssignments(filter?: AssignmentFilter): AssignmentRecord[];
  /** Puts a person on an audit in a role, replacing whoever held that role. */
  setAssignment(assignment: AssignmentRecord): void;
  removeAssignment(auditId: string, role: AuditorRole): void;
  /**
   * Takes `count` consecutive numbers from the `audit:<year>` sequence (the one behind ids such
   * as IA-2027-07) and returns the first. Numbers are never handed out twice.
   */
  reserveAuditNumbers(year: number, count: number): number;
  /** Lead auditors of every audit, oldest first. */
  listLeadHistory(): LeadHistoryEntry[];
  /**
   * Areas with a major or minor nonconformity found in an audit of another cycle that started
   * before `before` (the cycle's start).
   */
  areasWithOpenNonconformities(cycle: string, before: string): string[];
}
