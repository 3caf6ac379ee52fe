// A finding decides the verdict of its checklist item: a nonconformity makes the item a
// nonconformity, an opportunity for improvement makes it `ofi` unless it already is a
// nonconformity; an observation leaves it as it is. Recomputed from every finding on the
// requirement in the audit, so calling it again (or after a finding changes) is harmless.
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
  const audit = tx.programme.getAudit(finding.auditId);
  if (!audit || audit.status === 'closed') return null;
  if (!audit.clauses.includes(finding.requirement) && !audit.controls.includes(finding.requirement)) return null;
  const onItem = tx.findings.list({ auditId: audit.id }).filter((f) => f.requirement === finding.requirement);
  let implied: Verdict | null = null;
  for (const f of onItem) {
    const v: Verdict | null = isNonconformity(f.classification) ? 'nonconformity' : f.classification === 'ofi' ? 'ofi' : null;
    if (v && (implied === null || (RANK[v] ?? 0) > (RANK[implied] ?? 0))) implied = v;
  }
  const current = tx.conduct.getVerdict(audit.id, finding.requirement);
  if (implied === null || current?.verdict === 'nonconformity' || current?.verdict === implied) return current?.verdict ?? null;
  const actor = by ?? { email: finding.raisedBy, channel: 'system' as const };
  const record = { auditId: audit.id, requirement: finding.requirement, verdict: implied, reason: null, notes: current?.notes ?? null, updatedBy: actor.email, updatedAt: by?.at ?? finding.raisedAt };
  tx.conduct.saveVerdict(record);
  tx.trail.append({
    actor: actor.email,
    channel: actor.channel,
    action: 'audit.checklist_verdict',
    subject: `audit:${audit.id}`,
    before: { requirement: finding.requirement, verdict: current?.verdict ?? 'unassessed', reason: current?.reason ?? null },
    after: { requirement: finding.requirement, verdict: implied, reason: null, notes: record.notes, findings: onItem.map((f) => f.id) },
  });
  return implied;
}
