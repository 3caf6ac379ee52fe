import { getCatalogue } from '../../core/catalogue/search-catalogue.js';
import { choice, type CommandImplementation } from '../framework.js';
import { toJson, toTable } from '../format.js';

export const catalogueCommand: CommandImplementation = {
  options: {
    format: { type: 'string', description: 'table or json', default: 'table', placeholder: '<table|json>' },
  },
  details: 'Clauses are written as `9.2`, Annex A controls as `A.5.15`: the two numberings overlap, so the prefix matters.',
  run({ values, io, config }) {
    const format = choice(values.format, 'format', ['table', 'json'] as const, 'table');
    // The catalogue is built in; the configuration is still checked like every command's.
    config();
    const cat = getCatalogue();
    if (format === 'json') {
      io.stdout(toJson(cat));
      return 0;
    }
    io.stdout(`Clauses (${cat.clauses.length})\n${toTable(['id', 'title'], cat.clauses.map((c) => [c.id, c.title]))}\n`);
    io.stdout(`Annex A controls (${cat.controls.length})\n${toTable(['id', 'theme', 'title'], cat.controls.map((c) => [c.id, c.theme, c.title]))}`);
    return 0;
  },
};
