// examples/org.yaml is what a newcomer imports first (and what `npm start` imports into an empty
// database): it must import cleanly, use every field, and cover the whole standard.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLAUSES, CONTROLS } from '../../src/core/catalogue/catalogue-data.js';
import { importOrganisation } from '../../src/core/organisation/import-organisation.js';
import { applicabilitySchema, areaSchema, organisationFileSchema, organisationSchema, personSchema, teamSchema } from '../../src/core/organisation/organisation-file-schema.js';
import { makeTestCore } from '../helpers/core.js';

const FILE = resolve(import.meta.dirname, '../../examples/org.yaml');
const text = readFileSync(FILE, 'utf8');

function importExample() {
  const t = makeTestCore();
  const result = importOrganisation(t.core, { fileName: 'examples/org.yaml', text, actor: { email: 'system', channel: 'cli' } });
  return { t, result, snapshot: t.core.store.transaction((tx) => tx.organisation.snapshot()) };
}

describe('examples/org.yaml', () => {
  it('imports cleanly into an empty database, and a second import changes nothing', () => {
    const { t, result } = importExample();
    expect(result.changed).toBe(true);
    expect(importOrganisation(t.core, { fileName: 'examples/org.yaml', text, actor: { email: 'system', channel: 'cli' } }).changed).toBe(false);
  });

  it('describes a 40-person company in about 7 teams with a proper management tree up to the CEO', () => {
    const { snapshot } = importExample();
    expect(snapshot.people).toHaveLength(40);
    expect(snapshot.teams.length).toBeGreaterThanOrEqual(6);
    expect(snapshot.people.every((p) => /\.example$/.test(p.email))).toBe(true);
    const roots = snapshot.people.filter((p) => p.manager === null && !p.roles.includes('external'));
    expect(roots.map((p) => p.email)).toEqual(['ceo@acme.example']);
    const byEmail = new Map(snapshot.people.map((p) => [p.email, p]));
    for (const p of snapshot.people.filter((x) => !x.roles.includes('external'))) {
      let at = p;
      for (let hops = 0; at.manager !== null && hops < 40; hops++) at = byEmail.get(at.manager) ?? at;
      expect(at.email, `${p.email} reports up to the CEO`).toBe('ceo@acme.example');
    }
  });

  it('has the roles the design asks for: the example audit lead, a second lead, auditors across teams, an admin, external auditors', () => {
    const { snapshot } = importExample();
    const withRole = (role: string) => snapshot.people.filter((p) => (p.roles as string[]).includes(role));
    expect(snapshot.people.find((p) => p.email === 'ana@acme.example')).toMatchObject({ team: 'isms', roles: ['auditor', 'lead'] });
    expect(withRole('lead')).toHaveLength(2);
    expect(withRole('admin')).toHaveLength(1);
    const internalAuditors = withRole('auditor').filter((p) => !p.roles.includes('external'));
    expect(new Set(internalAuditors.map((p) => p.team)).size).toBeGreaterThanOrEqual(4);
    const externals = withRole('external');
    expect(externals.length).toBeGreaterThanOrEqual(1);
    expect(externals.length).toBeLessThanOrEqual(2);
    expect(externals.every((p) => p.team === null)).toBe(true);
    // Issue 14.7: the CEO is top management, who records what an audit lead may not approve alone.
    expect(withRole('top-management').map((p) => p.email)).toEqual(['ceo@acme.example']);
  });

  it('gives some people their own time zone, in at least three zones, and chat ids of both kinds', () => {
    const { snapshot } = importExample();
    expect(new Set(snapshot.people.map((p) => p.timezone).filter((z) => z !== null)).size).toBeGreaterThanOrEqual(3);
    expect(snapshot.people.filter((p) => p.slackId !== null).length).toBeGreaterThan(1);
    expect(snapshot.people.filter((p) => p.teamsId !== null).length).toBeGreaterThan(1);
    expect(snapshot.people.filter((p) => p.slackId !== null && p.teamsId !== null && p.chat !== null).length).toBeGreaterThanOrEqual(1);
  });

  it('covers every clause 4.1-10.2 and every applicable Annex A control, with owners and mixed risks', () => {
    const { snapshot } = importExample();
    const covered = new Set(snapshot.areas.flatMap((a) => a.scope.map((s) => s.requirement)));
    const excluded = new Set(snapshot.applicability.filter((a) => !a.applicable).map((a) => a.control));
    expect(CLAUSES.filter((c) => !covered.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(CONTROLS.filter((c) => !excluded.has(c.id) && !covered.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(CONTROLS.filter((c) => !excluded.has(c.id))).toHaveLength(93 - excluded.size);
    expect(excluded.size).toBeGreaterThanOrEqual(2);
    expect(excluded.size).toBeLessThanOrEqual(3);
    expect(snapshot.applicability.filter((a) => !a.applicable).every((a) => a.justification.length > 20)).toBe(true);
    expect(new Set(snapshot.areas.map((a) => a.risk))).toEqual(new Set(['low', 'medium', 'high']));
    expect(snapshot.areas.length).toBeGreaterThanOrEqual(9);
    // Control owners other than the area owner, so evidence requests reach the right people.
    expect(snapshot.areas.flatMap((a) => a.scope.filter((s) => s.owner !== a.owner)).length).toBeGreaterThan(20);
  });

  it('uses every field of the organisation file, and both ways of writing clauses and controls', () => {
    const raw = parse(text) as Record<string, Record<string, unknown>[] & Record<string, unknown>>;
    const keysOf = (items: Record<string, unknown>[]) => new Set(items.flatMap((i) => Object.keys(i)));
    expect(new Set(Object.keys(raw))).toEqual(new Set(Object.keys(organisationFileSchema.shape)));
    expect(new Set(Object.keys(raw.organisation as Record<string, unknown>))).toEqual(new Set(Object.keys(organisationSchema.shape)));
    expect(keysOf(raw.teams as Record<string, unknown>[])).toEqual(new Set(Object.keys(teamSchema.shape)));
    expect(keysOf(raw.people as Record<string, unknown>[])).toEqual(new Set(Object.keys(personSchema.shape)));
    expect(keysOf(raw.areas as Record<string, unknown>[])).toEqual(new Set(Object.keys(areaSchema.shape)));
    expect(keysOf(raw.applicability as Record<string, unknown>[])).toEqual(new Set(Object.keys(applicabilitySchema.shape)));
    const holidays = raw.holidays as unknown as unknown[];
    expect(keysOf(holidays.filter((h): h is Record<string, unknown> => typeof h === 'object' && h !== null && !(h instanceof Date)))).toEqual(new Set(['date', 'name', 'teams', 'countries']));
    expect(holidays.some((h) => typeof h === 'string' || h instanceof Date)).toBe(true);
    const entries = (raw.areas as Record<string, unknown>[]).flatMap((a) => [...((a.clauses as unknown[]) ?? []), ...((a.controls as unknown[]) ?? [])]);
    expect(entries.some((e) => typeof e === 'string')).toBe(true);
    expect(entries.some((e) => typeof e === 'object' && e !== null && 'owner' in e)).toBe(true);
    const controlIds = (raw.areas as Record<string, unknown>[]).flatMap((a) => ((a.controls as unknown[]) ?? []).map((c) => (typeof c === 'string' ? c : String((c as { id: unknown }).id))));
    expect(controlIds.some((id) => id.startsWith('A.'))).toBe(true);
    expect(controlIds.some((id) => /^\d/.test(id))).toBe(true);
  });

  it('explains itself: every section and field is commented', () => {
    for (const word of ['organisation:', 'teams:', 'people:', 'areas:', 'applicability:', '#   email:', '#   roles:', '#   slack:', '#   teams:', '#   chat:', '#   risk:', '#   criteria:', '#   clauses:', '#   controls:', '#   justification:']) {
      expect(text).toContain(word);
    }
  });
});
