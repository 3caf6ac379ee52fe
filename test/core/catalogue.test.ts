import { describe, expect, it } from 'vitest';
import { getCatalogue, searchCatalogue } from '../../src/core/catalogue/search-catalogue.js';
import { compareRequirements, parseRequirement, requirementTitle } from '../../src/core/catalogue/requirement-references.js';
import { cli, tempDir } from '../helpers/cli.js';

describe('ISO/IEC 27001:2022 catalogue', () => {
  const cat = getCatalogue();

  it('has the 93 Annex A controls, 37/8/14/34 by theme', () => {
    expect(cat.controls).toHaveLength(93);
    const byTheme = Object.fromEntries(['Organizational', 'People', 'Physical', 'Technological'].map((t) => [t, cat.controls.filter((c) => c.theme === t).length]));
    expect(byTheme).toEqual({ Organizational: 37, People: 8, Physical: 14, Technological: 34 });
    expect(new Set(cat.controls.map((c) => c.id)).size).toBe(93);
    expect(cat.controls.every((c) => /^A\.[5-8]\.\d+$/.test(c.id))).toBe(true);
  });

  it('has clauses 4.1 to 10.2 with their sub-clauses', () => {
    const ids = cat.clauses.map((c) => c.id);
    expect(ids[0]).toBe('4.1');
    expect(ids.at(-1)).toBe('10.2');
    for (const id of ['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '6.1', '6.1.1', '6.1.2', '6.1.3', '6.2', '6.3', '7.1', '7.5.3', '8.1', '8.3', '9.1', '9.2', '9.2.1', '9.2.2', '9.3', '9.3.3', '10.1', '10.2']) {
      expect(ids).toContain(id);
    }
    expect(ids).toHaveLength(34);
  });

  it('keeps clause 5.1 and control A.5.1 apart', () => {
    expect(parseRequirement('5.1')).toEqual({ kind: 'clause', id: '5.1' });
    expect(parseRequirement('A.5.1')).toEqual({ kind: 'control', id: 'A.5.1' });
    expect(parseRequirement('a5.1')).toEqual({ kind: 'control', id: 'A.5.1' });
    expect(parseRequirement('5.15', 'control')).toEqual({ kind: 'control', id: 'A.5.15' });
    expect(requirementTitle('5.1')).toBe('Leadership and commitment');
    expect(requirementTitle('A.5.1')).toBe('Policies for information security');
    expect(parseRequirement('A.9.9')).toBeNull();
    expect(parseRequirement('11.1')).toBeNull();
    expect(parseRequirement('5.15')).toBeNull();
  });

  it('sorts clauses before controls in the standard order', () => {
    expect(['A.8.1', '10.1', 'A.5.10', '9.2', 'A.5.2', '4.1'].sort(compareRequirements)).toEqual(['4.1', '9.2', '10.1', 'A.5.2', 'A.5.10', 'A.8.1']);
  });

  it('searches by id and by words', () => {
    expect(searchCatalogue('A.5.1').map((r) => r.id)).toEqual(expect.arrayContaining(['A.5.1', 'A.5.15']));
    expect(searchCatalogue('internal audit').map((r) => r.id)).toContain('9.2');
  });

  it('finds Annex A controls written without "A." and puts clause numbers first (issue 14.4)', () => {
    for (const typed of ['5.23', 'a5.23', 'A5.23', 'a.5.23', 'A.5.23', ' A. 5.23 ']) {
      expect(searchCatalogue(typed)[0]?.id, typed).toBe('A.5.23');
    }
    const ids = searchCatalogue('5.2').map((r) => r.id);
    expect(ids[0]).toBe('5.2');
    expect(ids.slice(1)).toEqual(['A.5.2', 'A.5.20', 'A.5.21', 'A.5.22', 'A.5.23', 'A.5.24', 'A.5.25', 'A.5.26', 'A.5.27', 'A.5.28', 'A.5.29']);
    expect(searchCatalogue('9.2').map((r) => r.id).slice(0, 3)).toEqual(['9.2', '9.2.1', '9.2.2']);
    expect(searchCatalogue('cloud services').map((r) => r.id)).toEqual(['A.5.23']);
    expect(searchCatalogue('Cloud').map((r) => r.id)).toContain('A.5.23');
    expect(searchCatalogue('12.9')).toEqual([]);
  });

  it('prints the catalogue as JSON with the stable shape', async () => {
    const dir = tempDir();
    const res = await cli(['catalogue', '--format', 'json'], { AUDITBOT_DB: `${dir}/a.db` });
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as { clauses: { id: string; title: string }[]; controls: { id: string; theme: string; title: string }[] };
    expect(json.controls).toHaveLength(93);
    expect(json.controls[0]).toEqual({ id: 'A.5.1', theme: 'Organizational', title: 'Policies for information security' });
    expect(json.clauses.find((c) => c.id === '5.1')?.title).toBe('Leadership and commitment');
  });
});
