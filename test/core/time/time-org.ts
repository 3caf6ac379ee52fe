// An organisation for the timing tests (issue 15): people in Tokyo, London, New York and Mexico
// City, each with a country code; two holidays (Japan's Culture Day on Wednesday 3 November and
// Mexico's Revolution Day on Monday 15 November 2027); London leaves summer time on 31 October
// and New York on 7 November, Tokyo and Mexico City do not change. Two audits start on Monday
// 18 October, so the owners who serve both get two evidence requests at once.
import type { Db } from '../../../db/connection.js';
import type { Core } from '../../../src/core/context.js';
import type { AreaRecord, OrganisationSnapshot } from '../../../src/core/organisation/types.js';
import type { PersonRecord, Role } from '../../../src/core/shared/people.js';
import { insertAudits } from '../../helpers/seed.js';

export const TORG = {
  lead: 'lena@acme.example',
  auditor: 'aki@acme.example',
  tokyo: 'taro@acme.example',
  tokyoManager: 'hana@acme.example',
  london: 'liam@acme.example',
  newYork: 'nora@acme.example',
  newYorkManager: 'sam@acme.example',
  mexico: 'mateo@acme.example',
  audits: { ops: 'IA-2027-10', records: 'IA-2027-11' },
} as const;

export const ZONES: Record<string, string> = {
  [TORG.lead]: 'Europe/London',
  [TORG.auditor]: 'Asia/Tokyo',
  [TORG.tokyo]: 'Asia/Tokyo',
  [TORG.tokyoManager]: 'Asia/Tokyo',
  [TORG.london]: 'Europe/London',
  [TORG.newYork]: 'America/New_York',
  [TORG.newYorkManager]: 'America/New_York',
  [TORG.mexico]: 'America/Mexico_City',
};

export const COUNTRIES: Record<string, string> = {
  [TORG.lead]: 'GB',
  [TORG.auditor]: 'JP',
  [TORG.tokyo]: 'JP',
  [TORG.tokyoManager]: 'JP',
  [TORG.london]: 'GB',
  [TORG.newYork]: 'US',
  [TORG.newYorkManager]: 'US',
  [TORG.mexico]: 'MX',
};

export const HOLIDAYS = [
  { date: '2027-11-03', name: 'Culture Day', teams: [], countries: ['JP'] },
  { date: '2027-11-15', name: 'Revolution Day', teams: [], countries: ['MX'] },
];

let n = 0;
const person = (email: string, name: string, team: string, roles: Role[], manager: string | null = null): PersonRecord => {
  n += 1;
  return {
    email,
    name,
    team,
    manager,
    timezone: ZONES[email] ?? null,
    country: COUNTRIES[email] ?? null,
    roles,
    slackId: `U0TIME${String(n).padStart(4, '0')}`,
    teamsId: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    chat: null,
    lastPlatform: null,
    active: true,
  };
};

/** Requirement → owner. */
export const TSCOPE: Record<string, string> = {
  '9.1': TORG.london,
  'A.5.15': TORG.tokyo,
  'A.8.13': TORG.tokyo,
  'A.8.15': TORG.newYork,
  'A.8.32': TORG.newYork,
  'A.5.30': TORG.mexico,
  'A.5.31': TORG.mexico,
};

export function timeSnapshot(): OrganisationSnapshot {
  n = 0;
  const scope: AreaRecord['scope'] = Object.entries(TSCOPE).map(([requirement, owner]) => ({ requirement, kind: requirement.startsWith('A.') ? 'control' : 'clause', owner }));
  return {
    organisation: { name: 'Acme Ltd', timezone: 'Europe/London', holidays: HOLIDAYS },
    teams: [
      { key: 'isms', name: 'Information Security', active: true },
      { key: 'ops', name: 'Operations', active: true },
      { key: 'finance', name: 'Finance', active: true },
    ],
    people: [
      person(TORG.lead, 'Lena Lund', 'isms', ['lead', 'auditor']),
      person(TORG.auditor, 'Aki Abe', 'finance', ['auditor']),
      person(TORG.tokyo, 'Taro Tanaka', 'ops', [], TORG.tokyoManager),
      person(TORG.tokyoManager, 'Hana Hayashi', 'ops', []),
      person(TORG.london, 'Liam Long', 'ops', [], TORG.lead),
      person(TORG.newYork, 'Nora Nash', 'ops', [], TORG.newYorkManager),
      person(TORG.newYorkManager, 'Sam Stone', 'ops', []),
      person(TORG.mexico, 'Mateo Mora', 'ops', [], TORG.lead),
    ],
    areas: [{ key: 'ops', name: 'Operations', team: 'ops', owner: TORG.london, risk: 'high', criteria: [], active: true, scope }],
    applicability: [],
  };
}

/** Imports the organisation and plans both audits (to be started by the audit-starts job). */
export function seedTimeOrg(t: { core: Core; db: Db }): void {
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(timeSnapshot()));
  insertAudits(t.db, [
    {
      id: TORG.audits.ops,
      cycle: '2027',
      status: 'planned',
      start: '2027-10-18',
      end: '2027-11-26',
      areas: ['ops'],
      clauses: ['9.1'],
      controls: ['A.5.15', 'A.8.15', 'A.5.30'],
      auditors: [
        { email: TORG.lead, role: 'lead' },
        { email: TORG.auditor, role: 'second' },
      ],
    },
    {
      id: TORG.audits.records,
      cycle: '2027',
      status: 'planned',
      start: '2027-10-18',
      end: '2027-11-26',
      areas: ['ops'],
      controls: ['A.8.13', 'A.8.32', 'A.5.31'],
      auditors: [{ email: TORG.auditor, role: 'lead' }],
    },
  ]);
}
