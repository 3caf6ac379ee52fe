// Clause and control numbers overlap (clause 5.1 is not control A.5.1), so a requirement is
// always a typed reference: `9.2` is a clause, `A.5.15` is an Annex A control.
import { CLAUSES, CONTROLS } from './catalogue-data.js';

export type Requirement = { kind: 'clause'; id: string } | { kind: 'control'; id: string };

const clauseIds = new Set(CLAUSES.map((c) => c.id));
const controlIds = new Set(CONTROLS.map((c) => c.id));

/**
 * Parses what a person typed. `A.5.15`, `a.5.15` and `A5.15` are controls; `9.2` is a clause.
 * In the organisation file's `controls:` list the `A.` may be left out (`5.15`), which is
 * what `defaultKind: 'control'` is for.
 */
export function parseRequirement(input: string, defaultKind: 'clause' | 'control' = 'clause'): Requirement | null {
  const text = input.trim();
  const control = /^[Aa]\.?\s*(\d+\.\d+)$/.exec(text);
  if (control) {
    const id = `A.${control[1]}`;
    return controlIds.has(id) ? { kind: 'control', id } : null;
  }
  if (!/^\d+(\.\d+)*$/.test(text)) return null;
  if (defaultKind === 'control') {
    const id = `A.${text}`;
    return controlIds.has(id) ? { kind: 'control', id } : null;
  }
  return clauseIds.has(text) ? { kind: 'clause', id: text } : null;
}

/**
 * Why `typed` is not a requirement, in words a person can act on. Clause and control numbers
 * overlap, so "5.15" is never silently taken to mean A.5.15.
 */
export function unknownRequirementMessage(typed: string): string {
  const asControl = /^\d/.test(typed) ? parseRequirement(typed, 'control') : null;
  return asControl
    ? `There is no clause ${typed}. Did you mean the Annex A control ${asControl.id}? Controls are written with "A.".`
    : `"${typed}" is not a clause or control of ISO/IEC 27001:2022. Type a clause such as 9.2 or an Annex A control such as A.5.15.`;
}

export const formatRequirement = (r: Requirement): string => r.id;

export const requirementKind = (id: string): 'clause' | 'control' => (id.startsWith('A.') ? 'control' : 'clause');

export const isKnownRequirement = (id: string): boolean => clauseIds.has(id) || controlIds.has(id);

// Reports sort and title every requirement of an audit (and a cycle has thousands): catalogue
// ids are looked up in maps built once; anything else takes the general path.
const TITLES = new Map<string, string>([...CLAUSES, ...CONTROLS].map((r) => [r.id, r.title]));

export function requirementTitle(id: string): string | undefined {
  return TITLES.get(id);
}

function compareParsed(a: string, b: string): number {
  const ka = a.startsWith('A.') ? 1 : 0;
  const kb = b.startsWith('A.') ? 1 : 0;
  if (ka !== kb) return ka - kb;
  const pa = a.replace(/^A\./, '').split('.').map(Number);
  const pb = b.replace(/^A\./, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

const RANK = new Map<string, number>([...TITLES.keys()].sort(compareParsed).map((id, i) => [id, i]));

/** Sorts references the way the standard lists them: clauses 4.1…10.2, then A.5.1…A.8.34. */
export function compareRequirements(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  return ra !== undefined && rb !== undefined ? ra - rb : compareParsed(a, b);
}
