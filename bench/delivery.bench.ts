// Benchmark (issue 15, acceptance): delivering the start of a 600-audit cycle to about 1,000
// people in five time zones (with country and team holidays) plans every delivery moment within
// 2× of a hand-written SQL baseline in the same run. The real path is the one every DM takes:
// `notifyPerson` (shared/notify.ts) for each notification the audit-starts job queues (each
// recipient looked up, the start of their next working period in their own zone less their
// holidays, the platform chosen, the outbox row written), all in one transaction. The baseline
// reads the people and the holidays once with hand-written SQL, works out the same moments with
// the same working-time arithmetic in a plain loop, and inserts the same rows with one prepared
// statement. Both must write the same rows. The whole job (`startDueAudits`: transitions,
// evidence requests, trail events and those notifications) is timed too, for scale. Each run is
// rolled back, so every run starts from the same state.
// Run alone with `npx tsx bench/delivery.bench.ts`, or through `npm run bench delivery`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Db } from '../db/connection.js';
import { auditAuditors, audits, programmes } from '../db/schema.js';
import { createStore } from '../db/store.js';
import type { Core } from '../src/core/context.js';
import type { Message } from '../src/core/message.js';
import type { OrganisationSnapshot } from '../src/core/organisation/types.js';
import { startDueAudits } from '../src/core/programme/start-due-audits.js';
import { fixedClock } from '../src/core/shared/clock.js';
import type { Holiday } from '../src/core/shared/holidays.js';
import { notifyPerson } from '../src/core/shared/notify.js';
import { DEFAULT_WORKING_HOURS, dayNumber, nextWorkingInstant } from '../src/core/shared/working-time.js';
import { generateOrganisation } from './programme.bench.js';
import { rolledBack } from './rolled-back.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const AUDITS = 600;
const RUNS = 9;
/** Monday 1 March 2027, 00:05 in London: the default slot of the audit-starts job. */
const NOW = '2027-03-01T00:05:00.000Z';
const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Mexico_City', 'Europe/Berlin'];
const COUNTRIES: Record<string, string> = { 'Asia/Tokyo': 'JP', 'Europe/London': 'GB', 'America/New_York': 'US', 'America/Mexico_City': 'MX', 'Europe/Berlin': 'DE' };
const HOLIDAYS: Holiday[] = [
  { date: '2027-03-01', name: 'Benito Juárez Day', teams: [], countries: ['MX'] },
  { date: '2027-03-01', name: 'Team offsite', teams: ['team003', 'team017'], countries: [] },
  { date: '2027-03-02', name: 'Company day', teams: [], countries: ['JP', 'DE'] },
];

const ms = (t: number): number => Math.round(t * 10) / 10;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function organisation(): OrganisationSnapshot {
  const org = generateOrganisation({ areas: AUDITS, people: 1_050, auditors: 62, externals: 2, teams: 40 });
  const people = org.people.map((p, i) => {
    // One in six keeps the organisation's zone; the others live in one of five.
    const timezone = i % 6 === 5 ? null : (ZONES[i % ZONES.length] ?? null);
    return { ...p, timezone, country: timezone ? (COUNTRIES[timezone] ?? null) : null, teamsId: i % 3 === 1 ? `29:${i}` : null, chat: i % 7 === 0 && i % 3 === 1 ? ('teams' as const) : null };
  });
  return { ...org, organisation: { name: 'Bench Ltd', timezone: 'Europe/London', holidays: HOLIDAYS }, people };
}

function seed(core: Core, db: Db): { people: number } {
  const org = organisation();
  core.store.transaction((tx) => tx.organisation.applySnapshot(org));
  const auditors = org.people.filter((p) => p.active && p.roles.includes('auditor')).map((p) => p.email);
  const rationale = { source: 'manual' as const, chosenBecause: ['bench'], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 };
  db.$client.transaction(() => {
    db.insert(programmes).values({ cycle: '2027', start: '2027-01-01', months: 12, maxPerMonth: null, gaps: [], plannedAt: '2026-12-01T09:00:00.000Z', plannedBy: org.people[0]?.email ?? '' }).run();
    org.areas.forEach((area, i) => {
      const id = `IA-2027-${String(i + 1).padStart(3, '0')}`;
      const scope = area.scope.map((s) => s.requirement);
      db.insert(audits)
        .values({ id, cycle: '2027', status: 'planned', start: '2027-03-01', end: '2027-03-26', areas: [area.key], clauses: scope.filter((r) => !r.startsWith('A.')), controls: scope.filter((r) => r.startsWith('A.')), criteria: ['ISO/IEC 27001:2022'], startedAt: null, closedAt: null })
        .run();
      db.insert(auditAuditors).values({ auditId: id, email: auditors[i % auditors.length] ?? '', role: 'lead', rationale, assignedAt: '2026-12-01T09:00:00.000Z' }).run();
      db.insert(auditAuditors).values({ auditId: id, email: auditors[(i + 7) % auditors.length] ?? '', role: 'second', rationale, assignedAt: '2026-12-01T09:00:00.000Z' }).run();
    });
  })();
  return { people: org.people.length };
}

interface Queued {
  key: string;
  recipient: string;
  message: string;
}

type Row = Record<string, unknown>;
const outboxRows = (db: Db): Row[] => db.$client.prepare('SELECT key, platform, recipient, message, status, attempts, next_attempt_at, created_at, deliver_at FROM outbox ORDER BY key').all() as Row[];

/** The notifications the job queues (who, under which key, what), read from a rolled-back run. */
function notificationsOfTheJob(core: Core, db: Db): { queued: Queued[]; rows: Row[] } {
  let queued: Queued[] = [];
  let rows: Row[] = [];
  rolledBack(db, () => {
    startDueAudits(core);
    queued = db.$client.prepare('SELECT key, recipient, message FROM outbox ORDER BY id').all() as Queued[];
    rows = outboxRows(db);
  });
  return { queued, rows };
}

/** The real path: every one of those notifications (their messages as the job built them) through notifyPerson, in one transaction. */
function planWithNotify(core: Core, queued: readonly Queued[], messages: readonly Message[]): void {
  core.store.transaction((tx) => {
    queued.forEach((q, i) => {
      const person = tx.organisation.getPerson(q.recipient);
      if (!person) throw new Error(`no person ${q.recipient}`);
      notifyPerson(tx, core, person, q.key, messages[i] as Message);
    });
  });
}

interface PersonRow {
  email: string;
  timezone: string | null;
  team: string | null;
  country: string | null;
  slack_id: string | null;
  teams_id: string | null;
  chat: 'slack' | 'teams' | null;
  last_platform: 'slack' | 'teams' | 'console' | null;
}

/** The hand-written baseline: the same moments and rows, with SQL and a plain loop. */
function baseline(db: Db, queued: readonly Queued[], messages: readonly Message[], enabled: readonly string[]): void {
  const c = db.$client;
  const org = c.prepare('SELECT timezone, holidays FROM organisation WHERE id = 1').get() as { timezone: string; holidays: string | null };
  const holidays = JSON.parse(org.holidays ?? '[]') as Holiday[];
  const people = new Map((c.prepare('SELECT email, timezone, team, country, slack_id, teams_id, chat, last_platform FROM people').all() as PersonRow[]).map((p) => [p.email, p]));
  const hoursFor = new Map<string, typeof DEFAULT_WORKING_HOURS>();
  const insert = c.prepare(
    "INSERT INTO outbox (key, platform, recipient, message, status, attempts, next_attempt_at, created_at, deliver_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
  );
  const now = new Date(NOW);
  const nowIso = now.toISOString();
  // Everything is queued at the same moment: each person's delivery moment is worked out once.
  const planned = new Map<string, { platform: string; deliverAt: string }>();
  queued.forEach((q, i) => {
    let plan = planned.get(q.recipient);
    if (!plan) {
      const p = people.get(q.recipient);
      if (!p) throw new Error(`no person ${q.recipient}`);
      const group = `${p.team ?? ''}|${p.country ?? ''}`;
      let hours = hoursFor.get(group);
      if (!hours) {
        const days = holidays
          .filter((h) => (h.teams.length === 0 || (p.team !== null && h.teams.includes(p.team))) && (h.countries.length === 0 || (p.country !== null && h.countries.includes(p.country))))
          .map((h) => dayNumber(h.date));
        hoursFor.set(group, (hours = { ...DEFAULT_WORKING_HOURS, holidays: new Set(days) }));
      }
      const at = nextWorkingInstant(now, p.timezone ?? org.timezone, hours).toISOString();
      const platform =
        p.chat && enabled.includes(p.chat) && (p.chat === 'slack' ? p.slack_id : p.teams_id)
          ? p.chat
          : p.last_platform && enabled.includes(p.last_platform) && (p.last_platform === 'console' || (p.last_platform === 'slack' ? p.slack_id : p.teams_id))
            ? p.last_platform
            : enabled.includes('slack') && p.slack_id
              ? 'slack'
              : enabled.includes('teams') && p.teams_id
                ? 'teams'
                : 'console';
      planned.set(q.recipient, (plan = { platform, deliverAt: at > nowIso ? at : nowIso }));
    }
    insert.run(q.key, plan.platform, q.recipient, JSON.stringify(messages[i]), plan.deliverAt, nowIso, plan.deliverAt);
  });
}

export default async function deliveryBench(): Promise<BenchResult> {
  const file = join(tmpdir(), `auditbot-bench-delivery-${process.pid}.db`);
  rmSync(file, { force: true });
  const db = openDatabase(file);
  try {
    const clock = fixedClock(NOW);
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['slack', 'teams', 'console'] } };
    const size = seed(core, db);
    const { queued, rows: jobRows } = notificationsOfTheJob(core, db);
    const messages = queued.map((q) => JSON.parse(q.message) as Message);

    // Both paths write exactly the rows the job itself writes.
    let real: Row[] = [];
    let hand: Row[] = [];
    rolledBack(db, () => {
      planWithNotify(core, queued, messages);
      real = outboxRows(db);
    });
    rolledBack(db, () => {
      baseline(db, queued, messages, core.settings.enabledPlatforms);
      hand = outboxRows(db);
    });
    if (JSON.stringify(real) !== JSON.stringify(jobRows)) throw new Error('notifyPerson wrote other rows than the job');
    if (JSON.stringify(hand) !== JSON.stringify(jobRows)) throw new Error('the baseline wrote other rows than the job');
    const recipients = new Set(queued.map((q) => q.recipient)).size;
    const moments = new Set(jobRows.map((r) => `${String(r.recipient)} ${String(r.deliver_at)}`)).size;
    const held = jobRows.filter((r) => r.deliver_at !== NOW).length;

    const plan: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      base.push(rolledBack(db, () => baseline(db, queued, messages, core.settings.enabledPlatforms)));
      plan.push(rolledBack(db, () => planWithNotify(core, queued, messages)));
    }
    const p = median(plan);
    const b = median(base);
    // Once, after the timed runs: seconds of garbage would blur the milliseconds compared above.
    const j = rolledBack(db, () => startDueAudits(core));
    return {
      name: `delivery: the start of a ${AUDITS}-audit cycle, ${size.people.toLocaleString('en-GB')} people in ${ZONES.length} time zones with country and team holidays`,
      rows: [
        { what: 'notifyPerson for every notification (plan, queue)', 'median (ms)': ms(p), 'min (ms)': ms(Math.min(...plan)), rows: queued.length, 'x baseline': Math.round((p / b) * 100) / 100 },
        { what: 'hand-written SQL baseline', 'median (ms)': ms(b), 'min (ms)': ms(Math.min(...base)), rows: queued.length, 'x baseline': 1 },
        { what: 'the whole audit-starts job, one run (for scale)', 'median (ms)': ms(j), 'min (ms)': ms(j), rows: queued.length, 'x baseline': Math.round((j / b) * 100) / 100 },
      ],
      notes: [
        `${queued.length.toLocaleString('en-GB')} notifications to ${recipients.toLocaleString('en-GB')} people, ${moments.toLocaleString('en-GB')} distinct delivery moments, ${held.toLocaleString('en-GB')} held for the recipient's working hours; both paths write the same rows as the job.`,
        `Aim (issue 15): notifyPerson within 2× of the baseline, measured in the same run (median of ${RUNS} runs, each rolled back). The baseline works each person's moment out once (everything is queued at one moment); notifyPerson keeps the next working start per zone and calendar until it arrives (shared/notify.ts).`,
      ],
    };
  } finally {
    db.$client.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await deliveryBench();
  console.log(name);
  for (const r of rows) console.log(JSON.stringify(r));
  for (const n of notes ?? []) console.log(n);
}
