// What an import would change. The file describes the organisation as it is now; the database
// also remembers what chat taught it (Slack and Teams ids, time zone, the platform last used) and everyone
// who has left. `mergeOrganisation` builds the state to write from both, and `diffOrganisation`
// compares it with the current one, so a second import of the same file finds nothing to do.
import type { AreaRecord, ApplicabilityRecord, OrganisationSnapshot, ScopeItem, TeamRecord } from './types.js';
import type { PersonRecord } from '../shared/people.js';

export interface FieldChange {
  key: string;
  /** Field names as written in the organisation file, e.g. `manager`, `slack`, `active`. */
  fields: string[];
}

/** Teams, people and areas are never deleted: their history stays, they are deactivated. */
export interface EntityChanges {
  added: string[];
  changed: FieldChange[];
  deactivated: string[];
}

export interface ItemChanges {
  added: string[];
  changed: FieldChange[];
  removed: string[];
}

export interface OrganisationChanges {
  organisation: { added: boolean; changed: string[] };
  teams: EntityChanges;
  people: EntityChanges;
  areas: EntityChanges;
  /** Keys `<area>:<requirement>`, e.g. `iam:A.5.15`. */
  scope: ItemChanges;
  /** Keys are controls, e.g. `A.7.5`. */
  applicability: ItemChanges;
}

type View = Record<string, unknown>;

/** The values of one change, for the trail: what a field was and what it became. */
export interface ChangeValues {
  before: Record<string, Record<string, View>>;
  after: Record<string, Record<string, View>>;
}

const teamView = (t: TeamRecord): View => ({ name: t.name, active: t.active });
const personView = (p: PersonRecord): View => ({
  name: p.name,
  team: p.team,
  manager: p.manager,
  timezone: p.timezone,
  roles: p.roles,
  slack: p.slackId,
  teams: p.teamsId,
  chat: p.chat,
  active: p.active,
  ...(p.country ? { country: p.country } : {}),
});
const areaView = (a: AreaRecord): View => ({ name: a.name, team: a.team, owner: a.owner, risk: a.risk, criteria: a.criteria, active: a.active });
const scopeView = (s: ScopeItem): View => ({ kind: s.kind, owner: s.owner });
const applicabilityView = (a: ApplicabilityRecord): View => ({ applicable: a.applicable, justification: a.justification });

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The state an import writes: the file's organisation, plus what the database knows that the
 * file does not say. Everyone and everything missing from the file stays, inactive.
 */
export function mergeOrganisation(current: OrganisationSnapshot, file: OrganisationSnapshot): OrganisationSnapshot {
  const currentPeople = new Map(current.people.map((p) => [p.email, p]));
  const inFile = new Set(file.people.map((p) => p.email));
  // An id written in the file belongs to that person, even if chat once taught it to someone else.
  const claimed = { slack: new Map<string, string>(), teams: new Map<string, string>() };
  for (const p of file.people) {
    if (p.slackId) claimed.slack.set(p.slackId, p.email);
    if (p.teamsId) claimed.teams.set(p.teamsId, p.email);
  }
  const keep = (email: string, id: string | null, platform: 'slack' | 'teams'): string | null => {
    if (id === null) return null;
    const owner = claimed[platform].get(id);
    return owner === undefined || owner === email ? id : null;
  };

  const people: PersonRecord[] = file.people.map((p) => {
    const known = currentPeople.get(p.email);
    return {
      ...p,
      slackId: p.slackId ?? keep(p.email, known?.slackId ?? null, 'slack'),
      teamsId: p.teamsId ?? keep(p.email, known?.teamsId ?? null, 'teams'),
      // A zone the person's chat client reported stands in for the organisation's until the
      // file names one (see record-chat-contact.ts).
      timezone: p.timezone ?? known?.timezone ?? null,
      lastPlatform: known?.lastPlatform ?? null,
      active: true,
    };
  });
  for (const p of current.people) {
    if (!inFile.has(p.email)) people.push({ ...p, slackId: keep(p.email, p.slackId, 'slack'), teamsId: keep(p.email, p.teamsId, 'teams'), active: false });
  }

  const teamKeys = new Set(file.teams.map((t) => t.key));
  const areaKeys = new Set(file.areas.map((a) => a.key));
  return {
    organisation: file.organisation,
    teams: [...file.teams, ...current.teams.filter((t) => !teamKeys.has(t.key)).map((t) => ({ ...t, active: false }))],
    people,
    areas: [...file.areas, ...current.areas.filter((a) => !areaKeys.has(a.key)).map((a) => ({ ...a, active: false }))],
    applicability: file.applicability,
  };
}

function diffEntities<T extends { active: boolean }>(
  current: Map<string, T>,
  next: Map<string, T>,
  view: (t: T) => View,
  section: string,
  values: ChangeValues,
): EntityChanges {
  const changes: EntityChanges = { added: [], changed: [], deactivated: [] };
  const record = (side: 'before' | 'after', key: string, v: View) => {
    (values[side][section] ??= {})[key] = v;
  };
  for (const [key, n] of [...next].sort(([a], [b]) => a.localeCompare(b))) {
    const c = current.get(key);
    if (!c) {
      changes.added.push(key);
      record('after', key, view(n));
      continue;
    }
    const cv = view(c);
    const nv = view(n);
    const fields = Object.keys(nv).filter((f) => !same(cv[f], nv[f]));
    if (fields.length === 0) continue;
    if (c.active && !n.active) changes.deactivated.push(key);
    else changes.changed.push({ key, fields });
    record('before', key, Object.fromEntries(fields.map((f) => [f, cv[f]])));
    record('after', key, Object.fromEntries(fields.map((f) => [f, nv[f]])));
  }
  return changes;
}

function diffItems<T>(current: Map<string, T>, next: Map<string, T>, view: (t: T) => View, section: string, values: ChangeValues): ItemChanges {
  const changes: ItemChanges = { added: [], changed: [], removed: [] };
  const record = (side: 'before' | 'after', key: string, v: View) => {
    (values[side][section] ??= {})[key] = v;
  };
  const keys = [...new Set([...current.keys(), ...next.keys()])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const key of keys) {
    const c = current.get(key);
    const n = next.get(key);
    if (c === undefined && n !== undefined) {
      changes.added.push(key);
      record('after', key, view(n));
    } else if (c !== undefined && n === undefined) {
      changes.removed.push(key);
      record('before', key, view(c));
    } else if (c !== undefined && n !== undefined) {
      const cv = view(c);
      const nv = view(n);
      const fields = Object.keys(nv).filter((f) => !same(cv[f], nv[f]));
      if (fields.length === 0) continue;
      changes.changed.push({ key, fields });
      record('before', key, Object.fromEntries(fields.map((f) => [f, cv[f]])));
      record('after', key, Object.fromEntries(fields.map((f) => [f, nv[f]])));
    }
  }
  return changes;
}

const scopeMap = (areas: AreaRecord[], only: Set<string>): Map<string, ScopeItem> =>
  new Map(areas.filter((a) => only.has(a.key)).flatMap((a) => a.scope.map((s) => [`${a.key}:${s.requirement}`, s] as const)));

/** Compares the current state with the merged one; `values` holds before/after for the trail. */
export function diffOrganisation(current: OrganisationSnapshot, next: OrganisationSnapshot): { changes: OrganisationChanges; values: ChangeValues } {
  const values: ChangeValues = { before: {}, after: {} };
  const byKey = <T, K extends keyof T>(list: T[], key: K) => new Map(list.map((x) => [String(x[key]), x]));

  const orgFields = (['name', 'timezone'] as const).filter((f) => current.organisation !== null && next.organisation !== null && current.organisation[f] !== next.organisation[f]);
  const holidaysChanged = current.organisation !== null && next.organisation !== null && !same(current.organisation.holidays ?? [], next.organisation.holidays ?? []);
  // The management review block is compared whole, as JSON: it is small and written in one place.
  const reviewOf = (o: OrganisationSnapshot['organisation']): string => JSON.stringify(o?.managementReview ?? null);
  const orgChanged: string[] = [...orgFields, ...(holidaysChanged ? ['holidays'] : [])];
  if (current.organisation !== null && next.organisation !== null && reviewOf(current.organisation) !== reviewOf(next.organisation)) orgChanged.push('management_review');
  const organisation = { added: current.organisation === null && next.organisation !== null, changed: orgChanged };
  if (organisation.added || orgChanged.length > 0) {
    if (current.organisation) values.before.organisation = { organisation: { ...current.organisation } };
    if (next.organisation) values.after.organisation = { organisation: { ...next.organisation } };
  }

  // Scope rows of areas that leave stay with the (inactive) area, so only areas present on
  // both sides are compared.
  const areaKeys = new Set(next.areas.map((a) => a.key));
  return {
    changes: {
      organisation,
      teams: diffEntities(byKey(current.teams, 'key'), byKey(next.teams, 'key'), teamView, 'teams', values),
      people: diffEntities(byKey(current.people, 'email'), byKey(next.people, 'email'), personView, 'people', values),
      areas: diffEntities(byKey(current.areas, 'key'), byKey(next.areas, 'key'), areaView, 'areas', values),
      scope: diffItems(scopeMap(current.areas, areaKeys), scopeMap(next.areas, areaKeys), scopeView, 'scope', values),
      applicability: diffItems(byKey(current.applicability, 'control'), byKey(next.applicability, 'control'), applicabilityView, 'applicability', values),
    },
    values,
  };
}

export function emptyChanges(): OrganisationChanges {
  const entities = (): EntityChanges => ({ added: [], changed: [], deactivated: [] });
  const items = (): ItemChanges => ({ added: [], changed: [], removed: [] });
  return { organisation: { added: false, changed: [] }, teams: entities(), people: entities(), areas: entities(), scope: items(), applicability: items() };
}

export function hasChanges(c: OrganisationChanges): boolean {
  const entity = (e: EntityChanges) => e.added.length + e.changed.length + e.deactivated.length > 0;
  const item = (e: ItemChanges) => e.added.length + e.changed.length + e.removed.length > 0;
  return c.organisation.added || c.organisation.changed.length > 0 || entity(c.teams) || entity(c.people) || entity(c.areas) || item(c.scope) || item(c.applicability);
}

const SECTION_NAMES = { teams: ['team', 'teams'], people: ['person', 'people'], areas: ['area', 'areas'], scope: ['scope item', 'scope items'], applicability: ['applicability entry', 'applicability entries'] } as const;

/** One sentence, e.g. "2 people added, 1 person changed, 1 person deactivated." */
export function summariseChanges(c: OrganisationChanges): string {
  if (!hasChanges(c)) return 'no changes.';
  const parts: string[] = [];
  if (c.organisation.added) parts.push('organisation added');
  else if (c.organisation.changed.length > 0) parts.push(`organisation ${c.organisation.changed.join(' and ')} changed`);
  for (const section of ['teams', 'people', 'areas', 'scope', 'applicability'] as const) {
    const [one, many] = SECTION_NAMES[section];
    const s = c[section];
    const counts: [number, string][] = [
      [s.added.length, 'added'],
      [s.changed.length, 'changed'],
      ['deactivated' in s ? s.deactivated.length : s.removed.length, 'deactivated' in s ? 'deactivated' : 'removed'],
    ];
    for (const [n, verb] of counts) if (n > 0) parts.push(`${n} ${n === 1 ? one : many} ${verb}`);
  }
  return `${parts.join(', ')}.`;
}
