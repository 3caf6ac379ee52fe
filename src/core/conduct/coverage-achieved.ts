// Coverage achieved in a cycle: of the requirements its audits planned to cover, which were
// assessed with a verdict, which were reasoned out as not audited, and which nobody assessed
// yet. A requirement audited twice (a high-risk area) counts once: assessed if any audit gave it
// a verdict other than `not_audited`, else unassessed while any audit still has it to assess,
// else not audited.
import { compareRequirements } from '../catalogue/requirement-references.js';
import type { Tx } from '../ports.js';
import type { AuditRecord } from '../programme/types.js';
import { scopeOf } from './conduct-access.js';
import type { Verdict } from './types.js';

export interface CoverageAchieved {
  /** Distinct requirements in the scope of the cycle's audits. */
  planned: number;
  /** Distinct requirements with a verdict in at least one audit. */
  assessed: number;
  /** Requirements every audit marked not audited, in catalogue order. */
  notAudited: string[];
  /** Requirements without any verdict yet, in catalogue order. */
  unassessed: string[];
}

/** Per audit: how many checklist items it has and how many carry a verdict. */
export interface ChecklistProgress {
  total: number;
  assessed: number;
}

export interface CycleCoverage {
  coverage: CoverageAchieved;
  byAudit: Map<string, ChecklistProgress>;
}

/** Coverage achieved in `cycle` (its audits, unless the caller has read them already, and the verdicts recorded on them). */
export function coverageAchieved(tx: Tx, cycle: string, read?: readonly Pick<AuditRecord, 'id' | 'clauses' | 'controls'>[]): CycleCoverage {
  const audits = read ?? tx.programme.listAudits({ cycle });
  const verdicts = tx.conduct.listCycleVerdicts(cycle);
  const byAuditVerdicts = new Map<string, Map<string, Verdict>>();
  for (const v of verdicts) {
    let m = byAuditVerdicts.get(v.auditId);
    if (!m) byAuditVerdicts.set(v.auditId, (m = new Map()));
    m.set(v.requirement, v.verdict);
  }
  const state = new Map<string, 'assessed' | 'not_audited' | 'unassessed'>();
  const byAudit = new Map<string, ChecklistProgress>();
  for (const audit of audits) {
    const scope = scopeOf(audit);
    const given = byAuditVerdicts.get(audit.id);
    let assessed = 0;
    for (const requirement of scope) {
      const verdict = given?.get(requirement) ?? 'unassessed';
      if (verdict !== 'unassessed') assessed++;
      const now = verdict === 'unassessed' ? 'unassessed' : verdict === 'not_audited' ? 'not_audited' : 'assessed';
      const before = state.get(requirement);
      if (before === 'assessed' || (before === 'unassessed' && now === 'not_audited')) continue;
      state.set(requirement, now);
    }
    byAudit.set(audit.id, { total: scope.length, assessed });
  }
  const which = (s: string) => [...state].filter(([, v]) => v === s).map(([k]) => k).sort(compareRequirements);
  return {
    coverage: { planned: state.size, assessed: which('assessed').length, notAudited: which('not_audited'), unassessed: which('unassessed') },
    byAudit,
  };
}
