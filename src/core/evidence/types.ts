// Evidence requests of internal audits: for each clause and control in an audit's scope, its
// owner is asked for evidence, reminded on a cadence, and escalated when it is overdue.

export const EVIDENCE_STATUSES = ['requested', 'submitted', 'accepted', 'more_requested', 'withdrawn'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** Statuses in which the owner still owes evidence, so reminders run. */
export const AWAITING_OWNER: readonly EvidenceStatus[] = ['requested', 'more_requested'];

export interface EvidenceRequestRecord {
  id: number;
  auditId: string;
  /** Typed reference: `9.2` or `A.5.15`. */
  requirement: string;
  /** E-mail of the person asked. */
  owner: string;
  /** Due date, `YYYY-MM-DD`, in the owner's time zone. */
  due: string;
  status: EvidenceStatus;
  /** http(s) links to the evidence. */
  links: string[];
  note: string | null;
  /** The auditor's request for more, when status is `more_requested`. */
  comment: string | null;
  snoozeCount: number;
  /** Set when the owner said the request is not theirs; cleared when a lead reassigns it. */
  notMineReason: string | null;
  requestedAt: string;
  submittedAt: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export type NewEvidenceRequest = Omit<EvidenceRequestRecord, 'id'>;

export interface EvidenceFilter {
  auditId?: string;
  owner?: string;
  statuses?: readonly EvidenceStatus[];
}

/** Subject of reminder rows and trail events of a request: `evidence:42`. */
export const evidenceSubject = (id: number): string => `evidence:${id}`;

/** The trail action of a submission; its actor is who submitted the evidence. */
export const EVIDENCE_SUBMITTED = 'evidence.submitted';

/** How a request is named to people: `#42`. */
export const requestLabel = (id: number): string => `#${id}`;
