// Findings of internal audits (ISO/IEC 27001:2022 clause 9.2) as the core sees them.

export const CLASSIFICATIONS = ['major', 'minor', 'ofi', 'observation'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** How each classification reads in a sentence ("a minor nonconformity was recorded"). */
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  major: 'major nonconformity',
  minor: 'minor nonconformity',
  ofi: 'opportunity for improvement',
  observation: 'observation',
};

/** Option labels for pickers, where a capital letter and the positive reading help. */
export const CLASSIFICATION_OPTIONS: { value: Classification; label: string }[] = [
  { value: 'major', label: 'Major nonconformity' },
  { value: 'minor', label: 'Minor nonconformity' },
  { value: 'ofi', label: 'Opportunity for improvement (OFI)' },
  { value: 'observation', label: 'Observation / positive' },
];

/** Nonconformities need a corrective action (clause 10.2); OFIs and observations do not. */
export const isNonconformity = (c: Classification): boolean => c === 'major' || c === 'minor';

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
}

export type AuditStatus = 'planned' | 'in_progress' | 'reporting' | 'closed';

/** What recording a finding needs to know about an audit. */
export interface AuditForFindings {
  id: string;
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
  owner?: string;
  raisedBy?: string;
}
