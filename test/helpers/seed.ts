// A small organisation for tests: one audit lead, two auditors in different teams, areas with
// owners (one control owned by someone other than the area owner, one by a person who has left),
// an exclusion in the Statement of Applicability, and audits in each state. Everyone has Slack
// and Teams ids so that adapter tests can act as them.
import type { Db } from '../../db/connection.js';
import { auditAuditors, audits, programmes } from '../../db/schema.js';
import type { Core } from '../../src/core/context.js';
import type { AreaRecord, OrganisationSnapshot } from '../../src/core/organisation/types.js';
import type { AssignmentRationale } from '../../src/core/programme/types.js';
import type { PersonRecord, Role } from '../../src/core/shared/people.js';

const person = (email: string, name: string, team: string | null, roles: Role[], n: number, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  email,
  name,
  team,
  manager: null,
  timezone: null,
  roles,
  slackId: `U0SEED${String(n).padStart(4, '0')}`,
  teamsId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  chat: null,
  lastPlatform: null,
  active: true,
  ...extra,
});

export const SEED = {
  lead: 'lena@acme.example',
  /** Auditor in the finance team: independent of the IAM area, assigned to the IAM audit. */
  auditor: 'ana@acme.example',
  /** Auditor in the platform team: assigned to the ISMS audit and the planned suppliers audit. */
  otherAuditor: 'carl@acme.example',
  /** Owns the IAM area and A.5.15, A.5.18. */
  iamOwner: 'bo@acme.example',
  /** Owns A.8.5 in the IAM area. */
  authOwner: 'dee@acme.example',
  /** Owns the suppliers area. */
  suppliersOwner: 'fay@acme.example',
  /** Has left: still owns A.5.21 in the suppliers area. */
  leaver: 'gus@acme.example',
  areas: { iam: 'iam', suppliers: 'suppliers', isms: 'isms' },
  audits: {
    /** IAM, in progress, lead auditor Ana. Scope A.5.15, A.5.18, A.8.5. */
    iam: 'IA-2027-01',
    /** ISMS clauses, in progress, lead auditor Carl. Scope 9.2, 10.2. */
    isms: 'IA-2027-02',
    /** Suppliers, planned (not started), lead auditor Carl. Scope A.5.19, A.5.20, A.5.21. */
    suppliersPlanned: 'IA-2027-03',
    /** Suppliers, closed last year, lead auditor Ana. */
    suppliersClosed: 'IA-2026-09',
  },
  /** Excluded in the Statement of Applicability. */
  excludedControl: 'A.7.5',
} as const;

export function seedSnapshot(): OrganisationSnapshot {
  const area = (key: string, name: string, team: string, owner: string, risk: AreaRecord['risk'], scope: AreaRecord['scope']): AreaRecord => ({
    key,
    name,
    team,
    owner,
    risk,
    criteria: [],
    active: true,
    scope,
  });
  return {
    organisation: { name: 'Acme Ltd', timezone: 'Europe/London' },
    teams: [
      { key: 'isms', name: 'Information Security', active: true },
      { key: 'platform', name: 'Platform Engineering', active: true },
      { key: 'finance', name: 'Finance', active: true },
    ],
    people: [
      person(SEED.lead, 'Lena Lund', 'isms', ['lead', 'auditor'], 1),
      person(SEED.auditor, 'Ana Ruiz', 'finance', ['auditor'], 2),
      person(SEED.otherAuditor, 'Carl Chen', 'platform', ['auditor'], 3),
      person(SEED.iamOwner, 'Bo Berg', 'platform', [], 4, { manager: SEED.lead }),
      person(SEED.authOwner, 'Dee Diaz', 'platform', [], 5, { manager: SEED.iamOwner }),
      person(SEED.suppliersOwner, 'Fay Fox', 'finance', [], 6),
      person(SEED.leaver, 'Gus Grey', 'finance', [], 7, { active: false }),
    ],
    areas: [
      area(SEED.areas.iam, 'Identity and access management', 'platform', SEED.iamOwner, 'high', [
        { requirement: 'A.5.15', kind: 'control', owner: SEED.iamOwner },
        { requirement: 'A.5.18', kind: 'control', owner: SEED.iamOwner },
        { requirement: 'A.8.5', kind: 'control', owner: SEED.authOwner },
      ]),
      area(SEED.areas.isms, 'ISMS management', 'isms', SEED.lead, 'medium', [
        { requirement: '9.2', kind: 'clause', owner: SEED.lead },
        { requirement: '10.2', kind: 'clause', owner: SEED.lead },
      ]),
      area(SEED.areas.suppliers, 'Supplier relationships', 'finance', SEED.suppliersOwner, 'medium', [
        { requirement: 'A.5.19', kind: 'control', owner: SEED.suppliersOwner },
        { requirement: 'A.5.20', kind: 'control', owner: SEED.suppliersOwner },
        { requirement: 'A.5.21', kind: 'control', owner: SEED.leaver },
      ]),
    ],
    applicability: [{ control: SEED.excludedControl, applicable: false, justification: 'No data centre of our own' }],
  };
}

export interface SeedAudit {
  id: string;
  cycle: string;
  status: 'planned' | 'in_progress' | 'reporting' | 'closed';
  start: string;
  end: string;
  areas: string[];
  clauses?: string[];
  controls?: string[];
  auditors: { email: string; role: 'lead' | 'second' }[];
}

/** Inserts audits (and their cycle's programme row) directly, as the programme would have. */
/** A rationale of the stored shape, so `audit explain` works on seeded audits too. */
const SEEDED_RATIONALE: AssignmentRationale = {
  source: 'manual',
  chosenBecause: ['put on the audit by the test seed'],
  independence: ['not in the owning team', 'owns nothing in scope'],
  loadBefore: 0,
  external: false,
  excluded: [],
  otherEligible: 0,
  withoutAuditorRole: 0,
};

export function insertAudits(db: Db, list: SeedAudit[], at = '2026-12-01T09:00:00.000Z'): void {
  for (const cycle of new Set(list.map((a) => a.cycle))) {
    db.insert(programmes)
      .values({ cycle, start: `${cycle}-01-01`, months: 12, maxPerMonth: null, gaps: [], plannedAt: at, plannedBy: SEED.lead })
      .onConflictDoNothing()
      .run();
  }
  for (const a of list) {
    db.insert(audits)
      .values({
        id: a.id,
        cycle: a.cycle,
        status: a.status,
        start: a.start,
        end: a.end,
        areas: a.areas,
        clauses: a.clauses ?? [],
        controls: a.controls ?? [],
        criteria: ['ISO/IEC 27001:2022'],
        startedAt: a.status === 'planned' ? null : `${a.start}T08:00:00.000Z`,
        closedAt: a.status === 'closed' ? `${a.end}T17:00:00.000Z` : null,
      })
      .run();
    for (const au of a.auditors) {
      db.insert(auditAuditors).values({ auditId: a.id, email: au.email, role: au.role, rationale: SEEDED_RATIONALE, assignedAt: at }).run();
    }
  }
}

export const SEED_AUDITS: SeedAudit[] = [
  {
    id: SEED.audits.iam,
    cycle: '2027',
    status: 'in_progress',
    start: '2027-01-04',
    end: '2027-01-29',
    areas: [SEED.areas.iam],
    controls: ['A.5.15', 'A.5.18', 'A.8.5'],
    auditors: [{ email: SEED.auditor, role: 'lead' }],
  },
  {
    id: SEED.audits.isms,
    cycle: '2027',
    status: 'in_progress',
    start: '2027-01-04',
    end: '2027-02-12',
    areas: [SEED.areas.isms],
    clauses: ['9.2', '10.2'],
    auditors: [{ email: SEED.otherAuditor, role: 'lead' }],
  },
  {
    id: SEED.audits.suppliersPlanned,
    cycle: '2027',
    status: 'planned',
    start: '2027-03-01',
    end: '2027-03-26',
    areas: [SEED.areas.suppliers],
    controls: ['A.5.19', 'A.5.20', 'A.5.21'],
    auditors: [{ email: SEED.otherAuditor, role: 'lead' }],
  },
  {
    id: SEED.audits.suppliersClosed,
    cycle: '2026',
    status: 'closed',
    start: '2026-09-07',
    end: '2026-09-25',
    areas: [SEED.areas.suppliers],
    controls: ['A.5.19', 'A.5.20', 'A.5.21'],
    auditors: [{ email: SEED.auditor, role: 'lead' }],
  },
];

/** The organisation of `seedSnapshot()` and the audits of `SEED_AUDITS`. */
export function seedSmallOrg(t: { core: Core; db: Db }): typeof SEED {
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(seedSnapshot()));
  insertAudits(t.db, SEED_AUDITS);
  return SEED;
}
