import { CLAUSES, CONTROLS } from './catalogue-data.js';
import type { Theme } from './types.js';

export interface CatalogueView {
  clauses: { id: string; title: string }[];
  controls: { id: string; theme: Theme; title: string }[];
}

/** The JSON contract of `auditbot catalogue --format json`. */
export function getCatalogue(): CatalogueView {
  return {
    clauses: CLAUSES.map((c) => ({ id: c.id, title: c.title })),
    controls: CONTROLS.map((c) => ({ id: c.id, theme: c.theme, title: c.title })),
  };
}

/** A search looks at this many characters of what was typed: more than any title has. */
export const MAX_SEARCH_QUERY = 100;

/**
 * Searches by number or by words in the title; used by pickers on every platform. A number
 * offers the clause of that number first, then the Annex A controls it can mean: people write
 * controls without the "A." ("5.23"), and where no clause of that number exists the meaning is
 * plain. So "5.2" lists clause 5.2, then A.5.2 and A.5.20 to A.5.29; "a5.23" and "A.5.23" find
 * A.5.23.
 */
export function searchCatalogue(query: string, limit = 100): { id: string; title: string }[] {
  const q = query.slice(0, MAX_SEARCH_QUERY).trim().toLowerCase();
  const all = [...CLAUSES, ...CONTROLS];
  if (!q) return all.slice(0, limit).map((c) => ({ id: c.id, title: c.title }));
  const number = /^(a\.?\s*)?(\d+(?:\.\d*)*)$/.exec(q);
  let found: { id: string; title: string }[];
  if (number) {
    const digits = number[2] ?? '';
    const clauses = number[1] ? [] : CLAUSES.filter((c) => c.id.startsWith(digits));
    const controls = CONTROLS.filter((c) => c.id.toLowerCase().startsWith(`a.${digits}`));
    // The exact number comes before the longer ones it starts (clause 5.2, then A.5.2, A.5.20…).
    const exactFirst = <T extends { id: string }>(list: T[], id: string) => [...list.filter((c) => c.id === id), ...list.filter((c) => c.id !== id)];
    found = [...exactFirst(clauses, digits), ...exactFirst(controls, `A.${digits}`)];
  } else {
    const words = q.split(/\s+/);
    found = all.filter((c) => {
      const title = c.title.toLowerCase();
      return words.every((w) => title.includes(w)) || c.id.toLowerCase() === q;
    });
  }
  return found.slice(0, limit).map((c) => ({ id: c.id, title: c.title }));
}
