// An organisation for the evidence tests: control owners in three time zones (Tokyo, London
// and New York, the last two changing from summer time in late October and early November
// 2027), their managers, a lead auditor in London and a second auditor. One area holds every
// requirement of the audit `IA-2027-10`, which starts on Monday 18 October 2027.
import type { Db } from '../../../db/connection.js';
import type { Core } from '../../../src/core/context.js';
import type { AreaRecord, OrganisationSnapshot } from '../../../src/core/organisation/types.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { insertAudits } from '../../helpers/seed.js';
import type { PersonRecord, Role } from '../../../src/core/shared/people.js';

export const ORG = {
  lead: 'lena@acme.example',
  auditor: 'aki@acme.example',
  tokyo: 'taro@acme.example',
  tokyoManager: 'hana@acme.example',
  london: 'liam@acme.example',
  newYork: 'nora@acme.example',
  newYorkManager: 'sam@acme.example',
  /** In London by the organisation's default time zone (none of their own); submits early. */
  london2: 'lucy@acme.example',
  /** Owns nothing. */
  bystander: 'ben@acme.example',
  audit: 'IA-2027-10',
} as const;

let n = 0;
const person = (email: string, name: string, team: string | null, roles: Role[], timezone: string | null, manager: string | null = null): PersonRecord => {
  n += 1;
  return {
    email,
    name,
    team,
    manager,
    timezone,
    roles,
    slackId: `U0EVID${String(n).padStart(4, '0')}`,
    teamsId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    chat: null,
    lastPlatform: null,
    active: true,
  };
};

/** Requirement → owner of the audit's scope. */
export const SCOPE: Record<string, string> = {
  '9.1': ORG.london,
  'A.5.15': ORG.tokyo,
  'A.8.13': ORG.tokyo,
  'A.5.30': ORG.london,
  'A.8.15': ORG.newYork,
  'A.8.32': ORG.london2,
};

export function evidenceSnapshot(): OrganisationSnapshot {
  n = 0;
  const scope: AreaRecord['scope'] = Object.entries(SCOPE).map(([requirement, owner]) => ({ requirement, kind: requirement.startsWith('A.') ? 'control' : 'clause', owner }));
  return {
    organisation: { name: 'Acme Ltd', timezone: 'Europe/London' },
    teams: [
      { key: 'isms', name: 'Information Security', active: true },
      { key: 'ops', name: 'Operations', active: true },
      { key: 'finance', name: 'Finance', active: true },
    ],
    people: [
      person(ORG.lead, 'Lena Lund', 'isms', ['lead', 'auditor'], 'Europe/London'),
      person(ORG.auditor, 'Aki Abe', 'finance', ['auditor'], 'Asia/Tokyo'),
      person(ORG.tokyo, 'Taro Tanaka', 'ops', [], 'Asia/Tokyo', ORG.tokyoManager),
      person(ORG.tokyoManager, 'Hana Hayashi', 'ops', [], 'Asia/Tokyo'),
      person(ORG.london, 'Liam Long', 'ops', [], 'Europe/London', ORG.lead),
      person(ORG.newYork, 'Nora Nash', 'ops', [], 'America/New_York', ORG.newYorkManager),
      person(ORG.newYorkManager, 'Sam Stone', 'ops', [], 'America/Los_Angeles'),
      person(ORG.london2, 'Lucy Lane', 'ops', [], null, ORG.lead),
      person(ORG.bystander, 'Ben Bell', 'finance', [], 'Europe/London'),
    ],
    areas: [{ key: 'ops', name: 'Operations', team: 'ops', owner: ORG.london, risk: 'high', criteria: [], active: true, scope }],
    applicability: [],
  };
}

/** Imports the organisation and plans the audit (not started), with Lena as lead and Aki as second auditor. */
export function seedEvidenceOrg(t: { core: Core; db: Db }, opts: { status?: 'planned' | 'in_progress' } = {}): void {
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(evidenceSnapshot()));
  insertAudits(t.db, [
    {
      id: ORG.audit,
      cycle: '2027',
      status: opts.status ?? 'planned',
      start: '2027-10-18',
      end: '2027-11-26',
      areas: ['ops'],
      clauses: ['9.1'],
      controls: ['A.5.15', 'A.8.13', 'A.5.30', 'A.8.15', 'A.8.32'],
      auditors: [
        { email: ORG.lead, role: 'lead' },
        { email: ORG.auditor, role: 'second' },
      ],
    },
  ]);
}

/** Starts the audit as its lead: the evidence requests are created in the same transaction. */
export function startAudit(t: { core: Core }): void {
  transitionAudit(t.core, { auditId: ORG.audit, to: 'in_progress' }, { email: ORG.lead, channel: 'cli' });
}

/** The id of the request for `requirement` in the audit. */
export function requestId(t: { core: Core }, requirement: string): number {
  const r = t.core.store.transaction((tx) => tx.evidence.findByRequirement(ORG.audit, requirement));
  if (!r) throw new Error(`no request for ${requirement}`);
  return r.id;
}
