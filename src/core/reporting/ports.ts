// The read-only view the digest, the management-review pack and the audit report take of the
// store. Everything here is counted and ordered in SQL: the digest and the pack must stay fast
// over 100,000 findings and 100,000 corrective actions, so the core never loads whole tables.
// Instants are ISO 8601 UTC; dates (`due`) are `YYYY-MM-DD`. Windows are half open: from ≤ t < to.
import type { ActionStatus } from '../corrective-actions/types.js';
import type { EvidenceStatus } from '../evidence/types.js';
import type { Platform } from '../shared/actor.js';
import type { Classification } from '../shared/classification.js';

export interface InstantWindow {
  from: string;
  to: string;
}

/** A nonconformity whose corrective action is not closed (or was never opened). */
export interface OpenNonconformityItem {
  id: string;
  auditId: string;
  classification: 'major' | 'minor';
  requirement: string;
  area: string;
  owner: string;
  statement: string;
  raisedAt: string;
  actionId: string | null;
  actionStatus: ActionStatus | null;
  actionDue: string | null;
}

export interface OpenNonconformities {
  total: number;
  major: number;
  minor: number;
  /** Raised at or after `recentSince`. */
  recent: number;
  /** Raised before `recentSince` and at or after `oldBefore`. */
  middle: number;
  /** Raised before `oldBefore`. */
  old: number;
  /** Major first, then oldest first. */
  items: OpenNonconformityItem[];
}

export interface ActionItem {
  id: string;
  findingId: string;
  classification: Classification | null;
  requirement: string | null;
  area: string | null;
  owner: string;
  status: ActionStatus;
  due: string;
  closedAt: string | null;
}

export interface FindingItem {
  id: string;
  auditId: string;
  classification: Classification;
  requirement: string;
  area: string;
  owner: string;
  statement: string;
  raisedAt: string;
}

export interface EvidenceItem {
  id: number;
  auditId: string;
  requirement: string;
  owner: string;
  due: string;
  status: EvidenceStatus;
}

export interface DeadNotificationItem {
  id: number;
  key: string;
  platform: Platform;
  recipient: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface Counted<T> {
  total: number;
  items: T[];
}

export type ClassificationCounts = Record<Classification, number>;

/**
 * Counts per bucket between boundaries b0 < b1 < … < bn: bucket i holds b(i) ≤ t < b(i+1);
 * `before` holds t < b0 (what a period starts with).
 */
export interface BucketCounts {
  before: number;
  buckets: number[];
}

export interface Trend {
  /** Findings raised, by classification. */
  raised: Record<Classification, BucketCounts>;
  actionsOpened: BucketCounts;
  actionsClosed: BucketCounts;
  /** Corrective actions of nonconformities closed: with `raised`, gives the nonconformities open at each boundary. */
  nonconformitiesClosed: BucketCounts;
  verificationsEffective: BucketCounts;
  verificationsNotEffective: BucketCounts;
}

/** A moment at which overdue items are counted: the instant and its local date. */
export interface Moment {
  at: string;
  date: string;
}

export interface EvidenceTimeliness {
  /** Requests due in the window (dates inclusive). */
  due: number;
  onTime: number;
  late: number;
  /** Not submitted yet (and not withdrawn). */
  outstanding: number;
  withdrawn: number;
  /** Mean days late of the requests submitted late; 0 when none. */
  averageDaysLate: number;
}

export interface VerificationItem {
  actionId: string;
  findingId: string;
  by: string;
  at: string;
  effective: boolean;
  reason: string;
}

export interface AreaClassificationCount {
  area: string;
  classification: Classification;
  count: number;
}

export interface ReportingRepository {
  /** Open nonconformities now: counts by severity and age band, and the first `limit`. */
  openNonconformities(query: { recentSince: string; oldBefore: string; limit: number }): OpenNonconformities;
  /** Corrective actions still `open` or `planned` whose due date is before `today`; oldest due date first. */
  currentOverdueActions(query: { today: string; limit: number }): Counted<ActionItem>;
  /**
   * The first corrective actions overdue at a past moment, oldest due date first: rebuilt from
   * the recorded dates as `overdueActionsAt` counts them.
   */
  overdueActionItemsAt(query: { at: Moment; limit: number }): ActionItem[];
  /** Findings raised in the window: counts by classification; the first `limit`, major first then oldest. */
  findingsRaised(query: { window: InstantWindow; limit: number; classifications?: readonly Classification[] }): Counted<FindingItem> & { byClassification: ClassificationCounts };
  /** Corrective actions closed in the window, latest first. */
  actionsClosed(query: { window: InstantWindow; limit: number }): Counted<ActionItem>;
  /** Evidence its owner still owes (requested or more requested) past its due date, on audits not closed. */
  overdueEvidence(query: { today: string; limit: number }): Counted<EvidenceItem>;
  /** Evidence requests overdue at each moment (requested before it, due before its date, not submitted by then, not withdrawn). */
  overdueEvidenceAt(moments: readonly Moment[]): number[];
  /** Notifications in the dead letters, latest first. */
  deadNotifications(query: { limit: number }): Counted<DeadNotificationItem>;
  /** Findings raised, actions opened and closed, and verifications, bucketed between `boundaries` (ascending). */
  trend(boundaries: readonly string[]): Trend;
  /**
   * Corrective actions overdue at each moment, rebuilt from the recorded dates: opened before
   * it, due before its date, and neither implemented nor closed by then. At the present moment
   * this is exactly the count of `currentOverdueActions`.
   */
  overdueActionsAt(moments: readonly Moment[]): number[];
  /** Findings raised in the window, by area and classification. */
  findingsByArea(window: InstantWindow): AreaClassificationCount[];
  /** Corrective actions by their status now; `openedIn` limits them to those opened in a window. */
  actionStatusCounts(openedIn?: InstantWindow): Record<ActionStatus, number>;
  /** Verifications in the window that found the action not effective, latest first. */
  notEffectiveVerifications(query: { window: InstantWindow; limit: number }): Counted<VerificationItem>;
  /** How evidence due between two dates (inclusive) was answered. */
  evidenceTimeliness(dates: { from: string; to: string }): EvidenceTimeliness;
  /** Corrective actions opened before `at` and not closed by then, by days open: 0–30, 31–60, 61–90, over 90. */
  openActionAges(at: string): [number, number, number, number];
}
