// A finding decides the verdict of its checklist item: a nonconformity makes the item a
// nonconformity, an opportunity for improvement makes it `ofi` unless it already is a
// nonconformity; an observation leaves it as it is. Recomputed from every open finding on the
// requirement in the audit, so calling it again (or after a finding changes) is harmless.
// A finding-backed verdict (nonconformity, ofi) never outlives its findings: when the last one
// is withdrawn, superseded or moved to another requirement, the item falls back to what the
// remaining findings imply, or to `unassessed` so the auditor assesses it again — never to
// conforming by default.
import type { Tx } from '../ports.js';
import type { Actor } from '../shared/actor.js';
import { isNonconformity } from '../shared/classification.js';
import type { Verdict } from './types.js';

const RANK: Partial<Record<Verdict, number>> = { ofi: 1, nonconformity: 2 };

/**
 * Recomputes the checklist item a finding belongs to; returns the verdict it now has, or null
 * when the finding implies none (an observation, or a requirement outside the audit's scope).
 * `by` is who and when the change is recorded as; by default the finding's author at its time.
 */
export function syncChecklistForFinding(tx: Tx, findingId: string, by?: Actor & { at?: string }): Verdict | null {
  const finding = tx.findings.get(findingId);
  if (!finding) return null;
  return syncChecklistItem(tx, finding.auditId, finding.requirement, by ?? { email: finding.raisedBy, channel: 'system', at: finding.raisedAt });
}

/** Recomputes one checklist item from the open findings recorded against it. */
export function syncChecklistItem(tx: Tx, auditId: string, requirement: string, by: Actor & { at?: string }): Verdict | null {
  const audit = tx.programme.getAudit(auditId);
  if (!audit || audit.status === 'closed') return null;
  if (!audit.clauses.includes(requirement) && !audit.controls.includes(requirement)) return null;
  const onItem = tx.findings.list({ auditId: audit.id }).filter((f) => f.requirement === requirement && f.status === 'open');
  let implied: Verdict | null = null;
  for (const f of onItem) {
    const v: Verdict | null = isNonconformity(f.classification) ? 'nonconformity' : f.classification === 'ofi' ? 'ofi' : null;
    if (v && (implied === null || (RANK[v] ?? 0) > (RANK[implied] ?? 0))) implied = v;
  }
  const current = tx.conduct.getVerdict(audit.id, requirement);
  const currentVerdict = current?.verdict ?? 'unassessed';
  const findingBacked = currentVerdict === 'nonconformity' || currentVerdict === 'ofi';
  let next: Verdict;
  if (findingBacked) next = implied ?? 'unassessed';
  else if (implied !== null) next = implied;
  else return current?.verdict ?? null;
  if (next === currentVerdict) return next;
  const record = { auditId: audit.id, requirement, verdict: next, reason: null, notes: current?.notes ?? null, updatedBy: by.email, updatedAt: by.at ?? current?.updatedAt ?? audit.startedAt ?? '' };
  tx.conduct.saveVerdict(record);
  tx.trail.append({
    actor: by.email,
    channel: by.channel,
    action: 'audit.checklist_verdict',
    subject: `audit:${audit.id}`,
    before: { requirement, verdict: currentVerdict, reason: current?.reason ?? null },
    after: { requirement, verdict: next, reason: null, notes: record.notes, findings: onItem.map((f) => f.id) },
  });
  return next;
}
