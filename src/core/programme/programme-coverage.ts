// What a programme must cover (9.2.2: the whole ISMS): every clause 4.1–10.2 and every Annex A
// control the Statement of Applicability does not exclude. A clause is covered by an audit of
// the clause itself or of its parent (9.2 covers 9.2.1 and 9.2.2); a parent clause is covered
// when all its sub-clauses are.
import { CLAUSES, CONTROLS } from '../catalogue/catalogue-data.js';

const CLAUSE_IDS = CLAUSES.map((c) => c.id);
const parentOf = (id: string): string | null => {
  const cut = id.lastIndexOf('.');
  return cut > 0 && id.indexOf('.') !== cut ? id.slice(0, cut) : null;
};
const CHILDREN = new Map<string, string[]>();
for (const id of CLAUSE_IDS) {
  const parent = parentOf(id);
  if (parent) CHILDREN.set(parent, [...(CHILDREN.get(parent) ?? []), id]);
}

/** Every requirement a cycle must audit, in the standard's order. */
export function requiredRequirements(notApplicable: ReadonlySet<string>): string[] {
  return [...CLAUSE_IDS, ...CONTROLS.map((c) => c.id).filter((id) => !notApplicable.has(id))];
}

export interface ScopeHolder {
  id: string;
  requirements: Iterable<string>;
}

/** For each required requirement, the ids of the holders (areas or audits) that cover it. */
export function coverageOf(required: readonly string[], holders: readonly ScopeHolder[]): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const h of holders) {
    for (const r of h.requirements) {
      const list = direct.get(r);
      // A holder's ids are appended while it is read, so a repeat can only be the last entry
      // (a cycle's requirements have hundreds of holders each: no scan of the list).
      if (!list) direct.set(r, [h.id]);
      else if (list[list.length - 1] !== h.id) list.push(h.id);
    }
  }
  const result = new Map<string, string[]>();
  for (const r of required) {
    const ids = new Set(direct.get(r) ?? []);
    for (let p = r.startsWith('A.') ? null : parentOf(r); p; p = parentOf(p)) for (const id of direct.get(p) ?? []) ids.add(id);
    result.set(r, [...ids]);
  }
  for (const [parent, children] of CHILDREN) {
    const own = result.get(parent);
    if (!own || own.length > 0) continue;
    const fromChildren = children.map((c) => result.get(c) ?? []);
    if (fromChildren.every((ids) => ids.length > 0)) result.set(parent, [...new Set(fromChildren.flat())]);
  }
  return result;
}

export const gapsOf = (coverage: ReadonlyMap<string, string[]>): string[] => [...coverage].filter(([, ids]) => ids.length === 0).map(([r]) => r);
