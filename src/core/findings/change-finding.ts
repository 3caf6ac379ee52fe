// The one place a recorded finding changes (issue 14.1): amending, withdrawing. Each use case
// calls `changeFinding` once, inside its transaction, and the row and its trail event (with
// the fields before and after) are written here together. Issue 13's checklist follows a
// finding's requirement, classification and status, so every such change keeps the checklist
// item (and, when the requirement moved, the item it left) in step here.
import { syncChecklistItem } from '../conduct/sync-checklist-for-finding.js';
import type { Tx } from '../ports.js';
import type { Actor } from '../shared/actor.js';
import type { FindingRecord } from './types.js';

export const FINDING_AMENDED = 'finding.amended';
export const FINDING_WITHDRAWN = 'finding.withdrawn';
export const FINDING_ACKNOWLEDGED = 'finding.acknowledged';
export const FINDING_DISPUTED = 'finding.disputed';
export const FINDING_UPHELD = 'finding.dispute_upheld';
export const FINDING_SUPERSEDED = 'finding.superseded';

/** The fields an amendment may change. */
export const AMENDABLE = ['statement', 'evidence', 'requirement', 'classification'] as const;
export type Amendable = (typeof AMENDABLE)[number];
export type Amendment = Partial<Pick<FindingRecord, Amendable | 'outOfScope'>>;

/** A finding as the `finding.recorded` event keeps it: without the status it was born with. */
export function findingFields(f: FindingRecord): Omit<FindingRecord, 'status' | 'statusReason' | 'supersededBy' | 'response' | 'responseReason' | 'decisionReason'> {
  const { status: _status, statusReason: _reason, supersededBy: _by, response: _response, responseReason: _why, decisionReason: _decision, ...rest } = f;
  return rest;
}

export type FindingChange =
  | { kind: typeof FINDING_AMENDED; patch: Amendment; reason: string | null }
  | { kind: typeof FINDING_WITHDRAWN; reason: string }
  | { kind: typeof FINDING_ACKNOWLEDGED }
  | { kind: typeof FINDING_DISPUTED; reason: string }
  | { kind: typeof FINDING_UPHELD; reason: string }
  | { kind: typeof FINDING_SUPERSEDED; by: string };

export interface ChangedFinding {
  before: FindingRecord;
  finding: FindingRecord;
  /** The fields that changed, in the order of AMENDABLE (plus `status` for a withdrawal). */
  changed: string[];
  /** The trail event's sequence number; null when nothing changed and nothing was written. */
  seq: number | null;
}

/** Changes the finding (see `applyChange`) and keeps its checklist items in step. `at` is the moment of the change. */
export function changeFinding(tx: Tx, actor: Actor, before: FindingRecord, change: FindingChange, at: string): ChangedFinding {
  const result = applyChange(tx, actor, before, change);
  if (result.seq !== null && (result.changed.includes('status') || result.changed.includes('requirement') || result.changed.includes('classification'))) {
    const by = { ...actor, at };
    syncChecklistItem(tx, result.finding.auditId, result.finding.requirement, by);
    if (before.requirement !== result.finding.requirement) syncChecklistItem(tx, before.auditId, before.requirement, by);
  }
  return result;
}

function applyChange(tx: Tx, actor: Actor, before: FindingRecord, change: FindingChange): ChangedFinding {
  const subject = `finding:${before.id}`;
  const who = { actor: actor.email, channel: actor.channel, subject };
  if (change.kind === FINDING_ACKNOWLEDGED) {
    const finding = tx.findings.update(before.id, { response: 'acknowledged', responseReason: null });
    const seq = tx.trail.append({ ...who, action: FINDING_ACKNOWLEDGED, before: { response: before.response }, after: { response: 'acknowledged' } });
    return { before, finding, changed: ['response'], seq };
  }
  if (change.kind === FINDING_DISPUTED) {
    const finding = tx.findings.update(before.id, { response: 'disputed', responseReason: change.reason, decisionReason: null });
    const seq = tx.trail.append({ ...who, action: FINDING_DISPUTED, before: { response: before.response }, after: { response: 'disputed', reason: change.reason } });
    return { before, finding, changed: ['response'], seq };
  }
  if (change.kind === FINDING_UPHELD) {
    const finding = tx.findings.update(before.id, { response: 'upheld', decisionReason: change.reason });
    const seq = tx.trail.append({ ...who, action: FINDING_UPHELD, before: { response: before.response }, after: { response: 'upheld', reason: change.reason } });
    return { before, finding, changed: ['response'], seq };
  }
  if (change.kind === FINDING_SUPERSEDED) {
    const reason = `raised to the major nonconformity ${change.by}`;
    const finding = tx.findings.update(before.id, { status: 'superseded', statusReason: reason, supersededBy: change.by });
    const seq = tx.trail.append({ ...who, action: FINDING_SUPERSEDED, before: { status: before.status }, after: { status: 'superseded', by: change.by } });
    return { before, finding, changed: ['status'], seq };
  }
  if (change.kind === FINDING_WITHDRAWN) {
    const finding = tx.findings.update(before.id, { status: 'withdrawn', statusReason: change.reason });
    const seq = tx.trail.append({ actor: actor.email, channel: actor.channel, action: FINDING_WITHDRAWN, subject, before: { status: before.status }, after: { status: finding.status, reason: change.reason } });
    return { before, finding, changed: ['status'], seq };
  }
  const was: Record<string, string | boolean> = {};
  const now: Record<string, string | boolean> = {};
  for (const key of [...AMENDABLE, 'outOfScope'] as const) {
    const value = change.patch[key];
    if (value !== undefined && value !== before[key]) {
      was[key] = before[key];
      now[key] = value;
    }
  }
  const changed = Object.keys(now);
  if (changed.length === 0) return { before, finding: before, changed, seq: null };
  // Amending a disputed finding is one of the lead's answers to the dispute (issue 14.2).
  const finding = tx.findings.update(before.id, { ...(now as Amendment), ...(before.response === 'disputed' ? { response: 'amended' as const } : {}) });
  const seq = tx.trail.append({ actor: actor.email, channel: actor.channel, action: FINDING_AMENDED, subject, before: was, after: { ...now, ...(change.reason ? { reason: change.reason } : {}) } });
  return { before, finding, changed: changed.filter((k) => k !== 'outOfScope'), seq };
}
