// An audit's checklist as recorded: one item per requirement in scope, with its verdict (a
// requirement nobody gave a verdict is `unassessed`), the evidence requested for it, the findings
// recorded against it and its working papers.
import { compareRequirements, requirementTitle } from '../catalogue/requirement-references.js';
import type { Tx } from '../ports.js';
import type { AuditRecord } from '../programme/types.js';
import { checklistPrompts } from './checklist-prompts.js';
import { scopeOf } from './conduct-access.js';
import type { PaperBody, Verdict } from './types.js';

export interface ChecklistItem {
  requirement: string;
  title: string | null;
  prompts: string[];
  verdict: Verdict;
  reason: string | null;
  notes: string | null;
  evidence: { id: number; status: string; links: string[] }[];
  findings: { id: string; classification: string }[];
  papers: { id: number; body: PaperBody; recordedBy: string; recordedAt: string }[];
}

export interface Checklist {
  auditId: string;
  items: ChecklistItem[];
  total: number;
  assessed: number;
}

/** Assessed: a verdict other than `unassessed` (a reasoned `not_audited` is a decision too). */
export const isAssessed = (verdict: Verdict): boolean => verdict !== 'unassessed';

/** Rows grouped by requirement, in the order read: one pass, however many items. */
function byRequirement<T extends { requirement: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.requirement);
    if (list) list.push(row);
    else out.set(row.requirement, [row]);
  }
  return out;
}

/** The audit's evidence requests and open findings, when the caller has read them already. */
export interface ChecklistRows {
  evidence: ReturnType<Tx['evidence']['list']>;
  findings: ReturnType<Tx['findings']['list']>;
}

export function checklistOf(tx: Tx, audit: AuditRecord, read?: ChecklistRows): Checklist {
  const verdicts = new Map(tx.conduct.listVerdicts(audit.id).map((v) => [v.requirement, v]));
  const evidence = byRequirement(read?.evidence ?? tx.evidence.list({ auditId: audit.id }));
  const findings = byRequirement(read?.findings ?? tx.findings.list({ auditId: audit.id, status: 'open' }));
  const papers = byRequirement(tx.conduct.listPapers(audit.id));
  const items = scopeOf(audit)
    .sort(compareRequirements)
    .map((requirement): ChecklistItem => {
      const v = verdicts.get(requirement);
      return {
        requirement,
        title: requirementTitle(requirement) ?? null,
        prompts: checklistPrompts(requirement),
        verdict: v?.verdict ?? 'unassessed',
        reason: v?.reason ?? null,
        notes: v?.notes ?? null,
        evidence: (evidence.get(requirement) ?? []).map((e) => ({ id: e.id, status: e.status, links: e.links })),
        findings: (findings.get(requirement) ?? []).map((f) => ({ id: f.id, classification: f.classification })),
        papers: (papers.get(requirement) ?? []).map((p) => ({ id: p.id, body: p.body, recordedBy: p.recordedBy, recordedAt: p.recordedAt })),
      };
    });
  return { auditId: audit.id, items, total: items.length, assessed: items.filter((i) => isAssessed(i.verdict)).length };
}
