import type { AuditForFindings, FindingFilter, FindingRecord } from './types.js';

/** Storage of findings, and the read-only view of audits that recording a finding needs. */
export interface FindingRepository {
  /** `proposedDue`: the due date the auditor proposed for its corrective action, if any. */
  insert(finding: FindingRecord, proposedDue: string | null): void;
  get(id: string): FindingRecord | null;
  /** Changes a finding's fields; only src/core/findings/change-finding.ts calls it. */
  update(id: string, patch: Partial<Omit<FindingRecord, 'id' | 'auditId' | 'raisedBy' | 'raisedAt'>>): FindingRecord;
  /** The due date the auditor proposed when recording the finding; null when none was. */
  proposedDue(id: string): string | null;
  /** Oldest first (by time raised, then id). */
  list(filter?: FindingFilter): FindingRecord[];
  getAudit(id: string): AuditForFindings | null;
  /** Every audit in progress, by start date (what a lead may record findings on). */
  listAuditsInProgress(): AuditForFindings[];
  /** Audits in progress that this person is assigned to, as lead or second auditor. */
  listAuditsInProgressFor(email: string): AuditForFindings[];
}
