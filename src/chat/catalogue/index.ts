// The catalogue in chat: the requirement picker of every form (clauses and Annex A controls by
// number or by words of their title).
import { searchCatalogue } from '../../core/catalogue/search-catalogue.js';
import type { Capability } from '../types.js';

export const catalogueChat: Capability = {
  name: 'catalogue',
  searches: [{ source: 'requirement', search: (_core, query, limit) => searchCatalogue(query, limit).map((r) => ({ value: r.id, label: `${r.id} ${r.title}` })) }],
};
