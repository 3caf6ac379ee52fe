// Findings of internal audits (ISO/IEC 27001:2022 clause 9.2) as the core sees them.
import type { Classification } from '../shared/classification.js';

/** Option labels for pickers, where a capital letter and the positive reading help. */
export const CLASSIFICATION_OPTIONS: { value: Classification; label: string }[] = [
  { value: 'major', label: 'Major nonconformity' },
  { value: 'minor', label: 'Minor nonconformity' },
  { value: 'ofi', label: 'Opportunity for improvement (OFI)' },
  { value: 'observation', label: 'Observation / positive' },
];

export interface FindingRecord {
  /** `F-2027-0012` */
  id: string;
  auditId: string;
  classification: Classification;
  /** Typed reference: `9.2` or `A.5.15`. */
  requirement: string;
  /** Outside the audit's scope, recorded after the auditor confirmed it. */
  outOfScope: boolean;
  statement: string;
  evidence: string;
  area: string;
  /** E-mail of the person responsible for the area or control. */
  owner: string;
  raisedBy: string;
  /** ISO 8601 UTC. */
  raisedAt: string;
  actionId: string | null;
  /** `open` until withdrawn (issue 14.1). */
  status: FindingStatus;
  /** Why it was withdrawn or superseded; null while open. */
  statusReason: string | null;
  /** The major finding this minor was raised into (issue 14.3). */
  supersededBy: string | null;
  /**
   * The owner's answer (issue 14.2): acknowledged, or disputed until the audit's lead upholds
   * the finding (`upheld`), amends it (`amended`) or withdraws it; null until they answer.
   */
  response: FindingResponse | null;
  /** Why the owner disputes it. */
  responseReason: string | null;
  /** Why the lead upheld it. */
  decisionReason: string | null;
}

export const FINDING_RESPONSES = ['acknowledged', 'disputed', 'upheld', 'amended'] as const;
export type FindingResponse = (typeof FINDING_RESPONSES)[number];

export const FINDING_STATUSES = ['open', 'withdrawn', 'superseded'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * The year in finding and action ids of an audit: its cycle when the cycle is a year (`2027`),
 * else the year its id carries (`IA-2027-03`, the cycle's start year), else its start date's.
 * The day a finding is recorded never decides it (issue 14.10).
 */
export function idYearOfAudit(audit: Pick<AuditForFindings, 'id' | 'cycle' | 'start'>): string {
  if (/^\d{4}$/.test(audit.cycle)) return audit.cycle;
  return /^IA-(\d{4})-/.exec(audit.id)?.[1] ?? audit.start.slice(0, 4);
}

export type AuditStatus = 'planned' | 'in_progress' | 'reporting' | 'closed';

/** What recording a finding needs to know about an audit. */
export interface AuditForFindings {
  id: string;
  /** The programme cycle the audit belongs to, e.g. `2027`. */
  cycle: string;
  status: AuditStatus;
  start: string;
  end: string;
  areas: string[];
  clauses: string[];
  controls: string[];
  auditors: { email: string; role: 'lead' | 'second' }[];
}

export interface FindingFilter {
  auditId?: string;
  area?: string;
  status?: FindingStatus;
  response?: FindingResponse;
  owner?: string;
  raisedBy?: string;
}
