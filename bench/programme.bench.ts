// Benchmark: plan and assign a cycle for 500 areas, 5,000 people and 300 auditors (issue 3,
// acceptance 5: aim under 2 s and 300 MB on a 2-core machine). The baseline, measured in the
// same run on the same database, is reading that organisation from SQLite: the least any
// planner must do. Run alone with `npx tsx bench/programme.bench.ts`, or through `npm run bench`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { CLAUSES, CONTROLS } from '../src/core/catalogue/catalogue-data.js';
import { fixedClock } from '../src/core/shared/clock.js';
import type { Core } from '../src/core/context.js';
import type { AreaRecord, OrganisationSnapshot, Risk } from '../src/core/organisation/types.js';
import { planProgramme } from '../src/core/programme/plan-programme.js';
import type { PersonRecord } from '../src/core/shared/people.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

export interface OrgSize {
  areas: number;
  people: number;
  auditors: number;
  externals: number;
  teams: number;
}

export const DEFAULT_SIZE: OrgSize = { areas: 500, people: 5000, auditors: 300, externals: 20, teams: 50 };

/** A deterministic organisation of the given size that covers the whole standard. */
export function generateOrganisation(size: OrgSize = DEFAULT_SIZE): OrganisationSnapshot {
  const teams = Array.from({ length: size.teams }, (_, i) => ({ key: `team${String(i).padStart(3, '0')}`, name: `Team ${i}`, active: true }));
  const people: PersonRecord[] = [];
  const internalAuditors = size.auditors - size.externals;
  for (let i = 0; i < size.people; i++) {
    const external = i >= size.people - size.externals;
    const roles: PersonRecord['roles'] = i < 2 ? ['lead'] : external ? ['external'] : i < 2 + internalAuditors ? ['auditor'] : [];
    people.push({
      email: `person${String(i).padStart(5, '0')}@bench.example`,
      name: `Person ${i}`,
      team: external ? null : (teams[i % size.teams]?.key ?? null),
      manager: null,
      timezone: null,
      roles,
      slackId: i % 3 === 0 ? `U${String(i).padStart(8, '0')}` : null,
      teamsId: null,
      chat: null,
      lastPlatform: null,
      active: i % 97 !== 50,
    });
  }
  const membersOf = new Map<string, PersonRecord[]>();
  for (const p of people) if (p.team && p.active && p.roles.length === 0) membersOf.set(p.team, [...(membersOf.get(p.team) ?? []), p]);
  const requirements = [...CLAUSES.map((c) => c.id), ...CONTROLS.map((c) => c.id)];
  const risks: Risk[] = ['high', 'medium', 'medium', 'low', 'medium'];
  const areas: AreaRecord[] = [];
  for (let i = 0; i < size.areas; i++) {
    const team = teams[i % size.teams]?.key ?? 'team000';
    const members = membersOf.get(team) ?? [];
    const owner = members[i % members.length]?.email ?? people[2]?.email ?? '';
    // Every requirement lands in about four areas; owners are members of the owning team.
    const picked = new Set<string>();
    for (let k = 0; k < 4; k++) picked.add(requirements[(i * 4 + k) % requirements.length] ?? '4.1');
    areas.push({
      key: `area${String(i).padStart(4, '0')}`,
      name: `Area ${i}`,
      team,
      owner,
      risk: risks[i % risks.length] ?? 'medium',
      criteria: i % 10 === 0 ? ['Information security policy v4'] : [],
      active: true,
      scope: [...picked].map((requirement, k) => ({
        requirement,
        kind: requirement.startsWith('A.') ? 'control' : 'clause',
        owner: members[(i + k) % Math.max(1, members.length)]?.email ?? owner,
      })),
    });
  }
  return {
    organisation: { name: 'Bench Ltd', timezone: 'Europe/London' },
    teams,
    people,
    areas,
    applicability: [{ control: 'A.7.5', applicable: false, justification: 'No premises of our own' }],
  };
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (t: number): number => Math.round(t * 10) / 10;

export async function runProgrammeBench(size: OrgSize = DEFAULT_SIZE): Promise<BenchResult> {
  const file = join(tmpdir(), `auditbot-bench-programme-${process.pid}.db`);
  rmSync(file, { force: true });
  const db = openDatabase(file);
  try {
    const clock = fixedClock('2026-12-01T09:00:00Z');
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['slack', 'console'] } };
    const org = generateOrganisation(size);
    core.store.transaction((tx) => tx.organisation.applySnapshot(org));
    const lead = { email: org.people[0]?.email ?? '', channel: 'cli' as const };
    const common = { areas: size.areas, people: size.people, auditors: size.auditors };

    // Baseline: read everything the planner reads, once warm and once measured.
    const readAll = () => core.store.transaction((tx) => [tx.organisation.listPeople({ includeInactive: true }).length, tx.organisation.listAreas().length, tx.organisation.listApplicability().length]);
    readAll();
    const measure = <T>(fn: () => T): { value: T; wall: number; cpu: number } => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const value = fn();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { value, wall, cpu: (c.user + c.system) / 1000 };
    };
    const baseline = measure(readAll);
    const rssBefore = process.memoryUsage().rss;
    const plan = measure(() => planProgramme(core, { cycle: '2027', start: '2027-01-01' }, lead));
    const peakAfterPlan = process.resourceUsage().maxRSS * 1024;
    clock.advance(60_000);
    const replan = measure(() => planProgramme(core, { cycle: '2027', start: '2027-01-01' }, lead));
    const result = plan.value;

    const load = Object.values(result.assignment.load);
    const row = (step: string, audits: number | string, m: { wall: number; cpu: number }, peak: number | string) => ({
      step,
      ...common,
      audits,
      'time (ms)': ms(m.wall),
      'CPU (ms)': ms(m.cpu),
      'x baseline': Math.round((m.wall / baseline.wall) * 10) / 10,
      'RSS before (MB)': mb(rssBefore),
      'peak RSS (MB)': peak,
    });
    const rows = [
      row('baseline: read the organisation from SQLite', '-', baseline, '-'),
      row('plan + assign a 12-month cycle', result.audits, plan, mb(peakAfterPlan)),
      row('re-plan the same cycle (nothing changes)', replan.value.audits, replan, mb(process.resourceUsage().maxRSS * 1024)),
    ];
    return {
      name: `programme: plan and assign (${result.assignment.outcomes.length} audits, ${load.length} auditors used, at most ${Math.max(...load)} audits each, ${result.assignment.needsExternal.length} needing an external auditor)`,
      rows,
      notes: [
        'Aim (issue 3): plan + assign under 2 s and 300 MB on a 2-core machine.',
        'time is wall-clock; CPU is this process\'s CPU time over the same span (wall time exceeds it when other processes share the cores).',
        'peak RSS is the process high-water mark (process.resourceUsage().maxRSS), so it includes the seeded organisation and anything run before in the same process.',
      ],
    };
  } finally {
    db.$client.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

export default async function programmeBench(): Promise<BenchResult> {
  return runProgrammeBench(DEFAULT_SIZE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await programmeBench();
  const headers = Object.keys(rows[0] ?? {});
  const text = rows.map((r) => headers.map((h) => String(r[h] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  console.log(name);
  console.log(headers.map((h, i) => h.padEnd(widths[i] ?? 0)).join('  '));
  for (const r of text) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
  for (const note of notes ?? []) console.log(note);
}
