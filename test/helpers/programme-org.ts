// Organisations for programme tests, written straight into the store (as the importer would).
import { CLAUSES, CONTROLS } from '../../src/core/catalogue/catalogue-data.js';
import type { Core } from '../../src/core/context.js';
import type { AreaRecord, OrganisationSnapshot, Risk, ScopeItem } from '../../src/core/organisation/types.js';
import type { PersonRecord, Role } from '../../src/core/shared/people.js';

export const ALL_CLAUSES = CLAUSES.map((c) => c.id);
export const ALL_CONTROLS = CONTROLS.map((c) => c.id);

export function person(email: string, team: string | null, roles: Role[] = [], extra: Partial<PersonRecord> = {}): PersonRecord {
  return { email, name: email.split('@')[0] ?? email, team, manager: null, timezone: null, roles, slackId: null, teamsId: null, chat: null, lastPlatform: null, active: true, ...extra };
}

export function area(key: string, team: string, owner: string, risk: Risk, requirements: (string | [string, string])[] = [], criteria: string[] = []): AreaRecord {
  const scope: ScopeItem[] = requirements.map((r) => {
    const [requirement, itemOwner] = typeof r === 'string' ? [r, owner] : r;
    return { requirement, kind: requirement.startsWith('A.') ? 'control' : 'clause', owner: itemOwner };
  });
  return { key, name: `Area ${key}`, team, owner, risk, criteria, active: true, scope };
}

export function snapshot(parts: { teams: string[]; people: PersonRecord[]; areas: AreaRecord[]; notApplicable?: string[] }): OrganisationSnapshot {
  return {
    organisation: { name: 'Acme Ltd', timezone: 'UTC' },
    teams: parts.teams.map((key) => ({ key, name: `Team ${key}`, active: true })),
    people: parts.people,
    areas: parts.areas,
    applicability: (parts.notApplicable ?? []).map((control) => ({ control, applicable: false, justification: 'Not relevant to us' })),
  };
}

export function seed(core: Core, snap: OrganisationSnapshot): void {
  core.store.transaction((tx) => tx.organisation.applySnapshot(snap));
}

/** Splits `items` into `n` nearly equal consecutive chunks. */
export function chunk<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[Math.floor((i * n) / items.length)]?.push(item));
  return out;
}

export const LEAD = 'lead@acme.example';
export const leadActor = { email: LEAD, channel: 'cli' as const };
/** A second audit lead (`acmeOrg({ secondLead: true })`): with two, a lead may record an independence exception (issue 14.7). */
export const DEPUTY = 'max@acme.example';

export const P = {
  lead: LEAD,
  ana: 'ana@acme.example',
  carl: 'carl@acme.example',
  hana: 'hana@acme.example',
  bo: 'bo@acme.example',
  fay: 'fay@acme.example',
  ivy: 'ivy@acme.example',
  iris: 'iris@acme.example',
  eve: 'eve@partner.example',
};

const IAM = ['A.5.15', 'A.5.16', 'A.5.17', 'A.5.18', 'A.8.2', 'A.8.3', 'A.8.4', 'A.8.5'];
const SUPPLIERS = ['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22', 'A.5.23'];
const PEOPLE = ['A.6.1', 'A.6.2', 'A.6.3', 'A.6.4', 'A.6.5', 'A.6.6', 'A.6.7', 'A.6.8'];

/**
 * A small organisation that covers the whole standard: the ISMS team owns the clauses, platform
 * owns IAM (high risk) and operations, finance owns suppliers, HR owns people controls. Ana
 * (finance), Carl (platform) and Hana (HR) are auditors; Eve is an external auditor. A.7.5 is
 * excluded in the Statement of Applicability. With `secondLead`, Max is a second audit lead.
 */
export function acmeOrg(opts: { withExternal?: boolean; omit?: string[]; secondLead?: boolean } = {}): OrganisationSnapshot {
  const omit = new Set(opts.omit ?? []);
  const keep = (ids: string[]) => ids.filter((id) => !omit.has(id));
  const taken = new Set([...IAM, ...SUPPLIERS, ...PEOPLE, 'A.7.5']);
  const ops = ALL_CONTROLS.filter((c) => !taken.has(c));
  return snapshot({
    teams: ['isms', 'platform', 'finance', 'hr'],
    people: [
      person(P.lead, 'isms', ['lead']),
      person(P.iris, 'isms'),
      person(P.ana, 'finance', ['auditor']),
      person(P.carl, 'platform', ['auditor']),
      person(P.hana, 'hr', ['auditor']),
      person(P.bo, 'platform'),
      person(P.fay, 'finance'),
      person(P.ivy, 'hr'),
      ...(opts.withExternal ? [person(P.eve, null, ['external'])] : []),
      ...(opts.secondLead ? [person(DEPUTY, 'isms', ['lead'])] : []),
    ],
    areas: [
      area('isms', 'isms', P.iris, 'medium', keep(ALL_CLAUSES), ['ISMS manual v2']),
      area('iam', 'platform', P.bo, 'high', keep(IAM).map((c) => (c === 'A.8.5' ? [c, P.carl] : c)), ['Access control policy v3']),
      area('suppliers', 'finance', P.fay, 'low', keep(SUPPLIERS)),
      area('people', 'hr', P.ivy, 'medium', keep(PEOPLE)),
      area('ops', 'platform', P.bo, 'medium', keep([...ops, 'A.7.5'])),
    ],
    notApplicable: ['A.7.5'],
  });
}
