// The person picker (a finding's owner, an evidence request's new owner, …): active people
// whose name, a word of their name, or e-mail starts with what was typed.
import { MAX_SEARCH_QUERY } from '../catalogue/search-catalogue.js';
import type { Core } from '../context.js';

export interface PersonOption {
  email: string;
  name: string;
  /** What a picker shows: `Bo Berg <bo@acme.example>`. */
  label: string;
}

export function searchPeople(core: Core, query: string, limit = 20): PersonOption[] {
  const q = query.slice(0, MAX_SEARCH_QUERY).trim().toLowerCase();
  const people = core.store.transaction((tx) => tx.organisation.listPeople());
  const matches = (name: string, email: string): boolean => {
    if (q === '') return true;
    const n = name.toLowerCase();
    return email.startsWith(q) || n.startsWith(q) || n.split(/\s+/).some((w) => w.startsWith(q));
  };
  return people
    .filter((p) => matches(p.name, p.email))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.email.localeCompare(b.email))
    .slice(0, Math.max(0, limit))
    .map((p) => ({ email: p.email, name: p.name, label: `${p.name} <${p.email}>` }));
}
