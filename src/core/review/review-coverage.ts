// The coverage input of the management review (clause 9.3.2 d 3, audit results): how much of
// each clause (4–10) and each Annex A theme (A.5–A.8) the audit programme covers. This is the
// ONE place the review pack asks for coverage. Today it counts planned coverage (every audit of
// the programme, whatever its status); the conducting-audits capability (issue 13) provides
// coverage achieved, which replaces the body of this function at merge.
import type { Tx } from '../ports.js';
import { coverageOf, requiredRequirements } from '../programme/programme-coverage.js';
import type { ProgrammeRecord } from '../programme/types.js';

export interface CoverageRow {
  /** `Clause 9` or `A.8 Technological controls`. */
  group: string;
  kind: 'clause' | 'theme';
  required: number;
  covered: number;
}

export interface ReviewCoverage {
  /** What `covered` means, said plainly in the pack. */
  basis: 'planned';
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
  if (!programme) return { basis: 'planned', cycle: null, rows: [] };
  const notApplicable = new Set(tx.organisation.listApplicability().filter((s) => !s.applicable).map((s) => s.control));
  const required = requiredRequirements(notApplicable);
  const audits = tx.programme.listAudits({ cycle: programme.cycle });
  const covered = coverageOf(required, audits.map((a) => ({ id: a.id, requirements: [...a.clauses, ...a.controls] })));
  const rows = new Map<string, CoverageRow>();
  for (const id of required) {
    const { group, kind } = groupOf(id);
    let row = rows.get(group);
    if (!row) rows.set(group, (row = { group, kind, required: 0, covered: 0 }));
    row.required++;
    if ((covered.get(id) ?? []).length > 0) row.covered++;
  }
  return { basis: 'planned', cycle: programme.cycle, rows: [...rows.values()] };
}
