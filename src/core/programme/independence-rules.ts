// The hard rules of auditor independence (ISO/IEC 27001:2022 9.2.2 c: auditors are objective
// and impartial). A person may audit only if they hold the auditor or external role, are
// active, are not in the team that owns an area in scope, and own neither such an area nor a
// clause or control in scope. Built once per planning run so that each audit costs only the
// size of its owning team and scope, not a scan of every person.
import type { AreaRecord } from '../organisation/types.js';
import { compareRequirements } from '../catalogue/requirement-references.js';
import type { ExcludedPerson, Exclusion } from './types.js';
import type { PersonRecord } from '../shared/people.js';

export interface AuditScope {
  areas: readonly string[];
  clauses: readonly string[];
  controls: readonly string[];
}

export const canAudit = (p: Pick<PersonRecord, 'roles'>): boolean => p.roles.includes('auditor') || p.roles.includes('external');
export const isExternal = (p: Pick<PersonRecord, 'roles'>): boolean => p.roles.includes('external');

export interface IndependenceIndex {
  /** Active people with the auditor or external role, by e-mail. */
  readonly eligibleByRole: readonly PersonRecord[];
  readonly byEmail: ReadonlyMap<string, PersonRecord>;
  /** Active auditors and externals by team key. */
  readonly auditorsByTeam: ReadonlyMap<string, readonly PersonRecord[]>;
  /** People excluded whatever the audit: inactive auditors, and people with a role other than auditor. */
  readonly alwaysExcluded: readonly ExcludedPerson[];
  /** Active people with no role at all: counted, not listed. */
  readonly withoutAnyRole: number;
  /** Active people with the lead role. */
  readonly leads: readonly PersonRecord[];
  area(key: string): AreaRecord | null;
}

export function buildIndependenceIndex(people: readonly PersonRecord[], areaLookup: (key: string) => AreaRecord | null): IndependenceIndex {
  const eligibleByRole: PersonRecord[] = [];
  const byEmail = new Map<string, PersonRecord>();
  const auditorsByTeam = new Map<string, PersonRecord[]>();
  const alwaysExcluded: ExcludedPerson[] = [];
  let withoutAnyRole = 0;
  const leads: PersonRecord[] = [];
  const sorted = [...people].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  for (const p of sorted) {
    byEmail.set(p.email, p);
    if (p.active && p.roles.includes('lead')) leads.push(p);
    if (canAudit(p)) {
      if (!p.active) {
        alwaysExcluded.push({ email: p.email, exclusions: [{ rule: 'inactive', detail: 'no longer active in the organisation file' }] });
        continue;
      }
      eligibleByRole.push(p);
      if (p.team) {
        const list = auditorsByTeam.get(p.team) ?? [];
        list.push(p);
        auditorsByTeam.set(p.team, list);
      }
    } else if (p.active) {
      if (p.roles.length > 0) {
        alwaysExcluded.push({ email: p.email, exclusions: [{ rule: 'role', detail: `holds neither the auditor nor the external role (has ${p.roles.join(', ')})` }] });
      } else {
        withoutAnyRole++;
      }
    }
  }
  const areaCache = new Map<string, AreaRecord | null>();
  return {
    eligibleByRole,
    byEmail,
    auditorsByTeam,
    alwaysExcluded,
    withoutAnyRole,
    leads,
    area(key) {
      if (!areaCache.has(key)) areaCache.set(key, areaLookup(key));
      return areaCache.get(key) ?? null;
    },
  };
}

/**
 * The independence rules that keep each active auditor off this audit, keyed by e-mail. People
 * absent from the map are independent of it.
 */
export function independenceExclusions(index: IndependenceIndex, audit: AuditScope): Map<string, Exclusion[]> {
  const out = new Map<string, Exclusion[]>();
  const add = (email: string, exclusion: Exclusion) => {
    const person = index.byEmail.get(email);
    if (!person || !person.active || !canAudit(person)) return;
    const list = out.get(email);
    if (list) {
      if (!list.some((e) => e.detail === exclusion.detail)) list.push(exclusion);
    } else out.set(email, [exclusion]);
  };
  const inScope = new Set([...audit.clauses, ...audit.controls]);
  for (const key of audit.areas) {
    const area = index.area(key);
    if (!area) continue;
    for (const p of index.auditorsByTeam.get(area.team) ?? []) {
      add(p.email, { rule: 'team', detail: `member of team ${area.team}, which owns area ${area.key}` });
    }
    add(area.owner, { rule: 'owner', detail: `owner of area ${area.key}` });
    const owned = new Map<string, string[]>();
    for (const item of area.scope) {
      if (inScope.has(item.requirement)) owned.set(item.owner, [...(owned.get(item.owner) ?? []), item.requirement]);
    }
    for (const [email, refs] of owned) {
      refs.sort(compareRequirements);
      const shown = refs.length > 12 ? `${refs.slice(0, 12).join(', ')} and ${refs.length - 12} more` : refs.join(', ');
      add(email, { rule: 'owner', detail: `owner of ${shown} in area ${area.key}` });
    }
  }
  return out;
}

/** Everyone a hard rule keeps off the audit, with every rule that applies, by e-mail. */
export function excludedPeople(index: IndependenceIndex, exclusions: ReadonlyMap<string, Exclusion[]>): ExcludedPerson[] {
  const list: ExcludedPerson[] = [...index.alwaysExcluded];
  for (const [email, rules] of exclusions) list.push({ email, exclusions: rules });
  return list.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/** Plain-English reasons a person counts as independent of the audit. */
export function independenceReasons(index: IndependenceIndex, person: PersonRecord, audit: AuditScope): string[] {
  const teams = [...new Set(audit.areas.map((k) => index.area(k)?.team).filter((t): t is string => Boolean(t)))];
  const reasons: string[] = [];
  reasons.push(person.roles.includes('auditor') ? 'holds the auditor role' : 'is an external auditor');
  if (!person.team) reasons.push(`belongs to no team, so to none of the owning team${teams.length === 1 ? '' : 's'} (${teams.join(', ')})`);
  else reasons.push(`is in team ${person.team}, not the owning team${teams.length === 1 ? '' : 's'} (${teams.join(', ')})`);
  const count = audit.clauses.length + audit.controls.length;
  reasons.push(`owns none of the ${count} clause${count === 1 ? '' : 's'} and control${count === 1 ? '' : 's'} in scope, nor the area${audit.areas.length === 1 ? '' : 's'} (${audit.areas.join(', ')})`);
  return reasons;
}
