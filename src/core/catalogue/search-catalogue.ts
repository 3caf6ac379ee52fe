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

/** Searches by id prefix or by words in the title; used by pickers on every platform. */
export function searchCatalogue(query: string, limit = 100): { id: string; title: string }[] {
  const q = query.slice(0, MAX_SEARCH_QUERY).trim().toLowerCase();
  const all = [...CLAUSES, ...CONTROLS];
  if (!q) return all.slice(0, limit).map((c) => ({ id: c.id, title: c.title }));
  const words = q.split(/\s+/);
  const idQuery = q.replace(/^a\.?/, 'a.');
  return all
    .filter((c) => {
      const id = c.id.toLowerCase();
      if (id.startsWith(q) || id.startsWith(idQuery)) return true;
      const title = c.title.toLowerCase();
      return words.every((w) => title.includes(w));
    })
    .slice(0, limit)
    .map((c) => ({ id: c.id, title: c.title }));
}
