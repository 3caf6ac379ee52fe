// Corrective actions (ISO/IEC 27001:2022 clause 10.2) as the core sees them. Every
// nonconformity has one; an opportunity for improvement may have one by choice.
import type { Tx } from '../ports.js';

/**
 * The finding an action corrects, as the store gives it. The findings capability records
 * findings and opens their actions, so this one reads them through the store, not its code.
 */
export type FindingOfAction = NonNullable<ReturnType<Tx['findings']['get']>>;

/**
 * `closed`: verified effective. `withdrawn`: cancelled because its finding was withdrawn (issue
 * 14), never verified; `closedAt` is then when it was withdrawn. Neither is chased or open.
 */
export const ACTION_STATUSES = ['open', 'planned', 'implemented', 'closed', 'withdrawn'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface CorrectiveActionRecord {
  /** `CA-2027-0031` */
  id: string;
  findingId: string;
  /** E-mail of the finding's responsible owner. */
  owner: string;
  status: ActionStatus;
  /** Due date, `YYYY-MM-DD`: the auditor's; only an approved extension moves it. */
  due: string;
  /** The owner's target date from the plan, `YYYY-MM-DD`, on or before `due`; null until planned. */
  target: string | null;
  /** The correction already made (the immediate fix). */
  correction: string | null;
  rootCause: string | null;
  plan: string | null;
  /** http(s) links to the evidence that the action was implemented. */
  implementationLinks: string[];
  /** ISO 8601 UTC. */
  openedAt: string;
  plannedAt: string | null;
  implementedAt: string | null;
  closedAt: string | null;
}

/** One move of an action's due date, with its reason. */
export interface ExtensionRecord {
  actionId: string;
  /** E-mail of who moved it. */
  by: string;
  /** ISO 8601 UTC. */
  at: string;
  /** Due dates (YYYY-MM-DD) before and after. */
  from: string;
  to: string;
  reason: string;
}

/** An owner's request for a later due date, waiting for an audit lead (issue 14.5). */
export interface ExtensionRequestRecord {
  id: number;
  actionId: string;
  by: string;
  at: string;
  /** The due date asked for. */
  due: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedAt: string | null;
  /** The lead's reason (refused) or note (approved). */
  decision: string | null;
}

export interface VerificationRecord {
  actionId: string;
  /** E-mail of the verifier. */
  by: string;
  /** ISO 8601 UTC. */
  at: string;
  effective: boolean;
  reason: string;
}

export interface ActionFilter {
  owner?: string;
  statuses?: readonly ActionStatus[];
  /** The actions of these findings (one read for a whole audit's findings). */
  findingIds?: readonly string[];
}

/** Subject of the trail events and reminder rows of an action: `action:CA-2027-0031`. */
export const actionSubject = (id: string): string => `action:${id}`;

/** Statuses the chase reminds the owner about: the owner still has something to do. */
export const CHASED_STATUSES: readonly ActionStatus[] = ['open', 'planned'];

/** `CA-2027-0031`, `ca-2027-31` and `CA 2027 0031` all name the same action; null otherwise. */
export function parseActionId(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const m = /^\s*CA[-\s]?(\d{4})[-\s]?(\d{1,6})\s*$/i.exec(input);
  if (!m) return null;
  return `CA-${m[1]}-${(m[2] ?? '').padStart(4, '0')}`;
}

/** `F-2027-0012` and `f-2027-12` name the same finding; null otherwise. */
export function parseFindingId(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const m = /^\s*F[-\s]?(\d{4})[-\s]?(\d{1,6})\s*$/i.exec(input);
  if (!m) return null;
  return `F-${m[1]}-${(m[2] ?? '').padStart(4, '0')}`;
}
