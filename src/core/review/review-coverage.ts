// The coverage input of the management review (clause 9.3.2 d 3, audit results): how much of
// each clause (4–10) and each Annex A theme (A.5–A.8) the audit programme planned to cover, and
// how much of it the audits actually assessed with a verdict (coverage achieved, from the
// checklists). This is the ONE place the review pack asks for coverage: leadership reviews what
// was audited, not what was meant to be.
import { coverageAchieved } from '../conduct/coverage-achieved.js';
import type { Tx } from '../ports.js';
import { coverageOf, requiredRequirements } from '../programme/programme-coverage.js';
import type { ProgrammeRecord } from '../programme/types.js';

export interface CoverageRow {
  /** `Clause 9` or `A.8 Technological controls`. */
  group: string;
  kind: 'clause' | 'theme';
  required: number;
  /** Required requirements some audit of the programme has in its scope. */
  planned: number;
  /** Required requirements an audit assessed with a verdict (not `not_audited`): coverage achieved. */
  covered: number;
}

export interface ReviewCoverage {
  /** What `covered` means, said plainly in the pack. */
  basis: 'achieved';
  cycle: string | null;
  rows: CoverageRow[];
}

const THEMES: Record<string, string> = { 'A.5': 'A.5 Organizational controls', 'A.6': 'A.6 People controls', 'A.7': 'A.7 Physical controls', 'A.8': 'A.8 Technological controls' };

const groupOf = (id: string): { group: string; kind: 'clause' | 'theme' } => {
  if (id.startsWith('A.')) {
    const theme = id.split('.').slice(0, 2).join('.');
    return { group: THEMES[theme] ?? theme, kind: 'theme' };
  }
  return { group: `Clause ${id.split('.')[0] ?? id}`, kind: 'clause' };
};

export function reviewCoverage(tx: Tx, programme: ProgrammeRecord | null): ReviewCoverage {
  if (!programme) return { basis: 'achieved', cycle: null, rows: [] };
  const notApplicable = new Set(tx.organisation.listApplicability().filter((s) => !s.applicable).map((s) => s.control));
  const required = requiredRequirements(notApplicable);
  const audits = tx.programme.listAudits({ cycle: programme.cycle });
  const planned = coverageOf(required, audits.map((a) => ({ id: a.id, requirements: [...a.clauses, ...a.controls] })));
  const { coverage } = coverageAchieved(tx, programme.cycle);
  const notAssessed = new Set([...coverage.notAudited, ...coverage.unassessed]);
  const rows = new Map<string, CoverageRow>();
  for (const id of required) {
    const { group, kind } = groupOf(id);
    let row = rows.get(group);
    if (!row) rows.set(group, (row = { group, kind, required: 0, planned: 0, covered: 0 }));
    row.required++;
    if ((planned.get(id) ?? []).length === 0) continue;
    row.planned++;
    if (!notAssessed.has(id)) row.covered++;
  }
  return { basis: 'achieved', cycle: programme.cycle, rows: [...rows.values()] };
}
