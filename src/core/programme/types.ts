// The audit programme of a cycle, its audits and who audits them. Times are ISO 8601 UTC;
// people are lower-case e-mails; requirements are typed references (`9.2`, `A.5.15`).
import type { Risk } from '../organisation/types.js';

export const AUDIT_STATUSES = ['planned', 'in_progress', 'reporting', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export type AuditorRole = 'lead' | 'second';

/** How many audits an area gets per 12 months, by risk. */
export type Frequency = Record<Risk, number>;
export const DEFAULT_FREQUENCY: Frequency = { high: 2, medium: 1, low: 1 };

export const STANDARD_CRITERION = 'ISO/IEC 27001:2022';

export interface ProgrammeRecord {
  cycle: string;
  /** Local date the cycle starts, `YYYY-MM-DD`, in the organisation's time zone. */
  start: string;
  months: number;
  maxPerMonth: number | null;
  /** Requirements in no area: the plan is incomplete while this is not empty. */
  gaps: string[];
  plannedAt: string;
  plannedBy: string;
}

export interface IndependenceException {
  justification: string;
  by: string;
  at: string;
  /** The auditor the exception was made for. */
  auditor?: string;
}

export interface AuditRecord {
  id: string;
  cycle: string;
  status: AuditStatus;
  start: string;
  end: string;
  areas: string[];
  clauses: string[];
  controls: string[];
  criteria: string[];
  needsExternalAuditor: boolean;
  exception: IndependenceException | null;
  evidenceDueDays: number;
  startedAt: string | null;
  closedAt: string | null;
}

/** A hard rule of independence (or eligibility) that keeps a person off an audit. */
export type ExclusionRule = 'role' | 'inactive' | 'team' | 'owner';

export interface Exclusion {
  rule: ExclusionRule;
  /** Plain English, e.g. "member of team platform, which owns area iam". */
  detail: string;
}

export interface ExcludedPerson {
  email: string;
  exclusions: Exclusion[];
}

/** Why an auditor was put on an audit; kept with the assignment for `audit explain`. */
export interface AssignmentRationale {
  /** `auto`: chosen by the assignment rules; `manual`: a lead's override. */
  source: 'auto' | 'manual';
  /** Why this person rather than another eligible one. */
  chosenBecause: string[];
  /** Why they count as independent of the audit (empty for an independence exception). */
  independence: string[];
  /** Audits the person held in the cycle before this one was given to them. */
  loadBefore: number;
  external: boolean;
  /** Every person with the auditor or external role whom a hard rule kept off the audit. */
  excluded: ExcludedPerson[];
  /** How many other people were eligible but ranked lower on the preferences. */
  otherEligible: number;
  /** Active people holding neither the auditor nor the external role (not listed one by one). */
  withoutAuditorRole: number;
  /** For a manual assignment: who made it and the written justification. */
  manual?: { by: string; at: string; justification: string };
  /** Set when the person is not independent and a lead assigned them anyway. */
  exception?: IndependenceException;
  /** For an exception: the independence rules the person does not meet. */
  violations?: Exclusion[];
}

/** Who the hard rules kept off an audit when no auditor was independent of it. */
export interface NeedsExternalRecord {
  excluded: ExcludedPerson[];
  /** Active people holding neither the auditor nor the external role. */
  withoutAuditorRole: number;
}

export interface AssignmentRecord {
  auditId: string;
  email: string;
  role: AuditorRole;
  rationale: AssignmentRationale;
  assignedAt: string;
}

export interface AreaSummary {
  key: string;
  name: string;
  team: string;
  risk: Risk;
}

/** Orders ids such as IA-2027-9 before IA-2027-10 (the number, not the text). */
export function compareAuditIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
