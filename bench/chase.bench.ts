// Benchmark (issue 14.6): the corrective-action chase over 100,000 open actions, a third of them
// implemented and waiting for verification, 5,000 owners, 40 auditors. The chase (`runChase`:
// read, plan with the one reminder engine, queue one message per person, record each stage and
// its trail event) is timed against a hand-written baseline on the same database in the same run:
// the same rows read with hand-written SQL through better-sqlite3, each item's latest stage worked
// out in a plain loop with the same working-day arithmetic, one outbox row per recipient, one
// reminders row and one chained trail event per stage queued. Each run is rolled back, so every
// run starts from the same state. Aim: within 2× of the baseline.
// Run alone with `npx tsx bench/chase.bench.ts`, or through `npm run bench chase`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import type { Core } from '../src/core/context.js';
import { runChase } from '../src/core/corrective-actions/run-chase.js';
import { currentDueStage, currentVerifyStage, NO_PLAN_AFTER_WORKING_DAYS } from '../src/core/corrective-actions/plan-chase.js';
import { fixedClock } from '../src/core/shared/clock.js';
import { countWorkingDays, DEFAULT_WORKING_HOURS, dayNumber, isWithinWorkingHoursAt, localTime, workingDayMask } from '../src/core/shared/working-time.js';
import { GENESIS_HASH, hashEvent } from '../src/core/trail/trail-hash.js';
import { generateOrganisation } from './programme.bench.js';
import { rolledBack } from './rolled-back.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const ACTIONS = 100_000;
const RUNS = 3;
/** Wednesday 3 November 2027, 14:00 UTC: working hours in London, where everyone works. */
const NOW = '2027-11-03T14:00:00.000Z';
/** The day before: the run that left the state a daily run finds. */
const YESTERDAY = '2027-11-02T14:00:00.000Z';
const TZ = 'Europe/London';
const DAY = 86_400_000;

const ms = (t: number): number => Math.round(t);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (t: number): string => new Date(t).toISOString();

function seed(core: Core, db: ReturnType<typeof openDatabase>): { owners: number; auditors: number } {
  const org = generateOrganisation({ areas: 60, people: 5_100, auditors: 40, externals: 2, teams: 50 });
  core.store.transaction((tx) => tx.organisation.applySnapshot(org));
  const c = db.$client;
  const rnd = random(2701);
  const owners = org.people.filter((p) => p.active && p.roles.length === 0).map((p) => p.email);
  const auditors = org.people.filter((p) => p.active && p.roles.includes('auditor')).map((p) => p.email);
  const now = Date.parse(NOW);
  c.transaction(() => {
    c.prepare(`INSERT INTO programmes (cycle, start, months, max_per_month, gaps, planned_at, planned_by) VALUES ('2027', '2027-01-01', 12, NULL, '[]', ?, ?)`).run(iso(now - 400 * DAY), org.people[0]?.email ?? '');
    const audit = c.prepare(`INSERT INTO audits (id, cycle, status, start, "end", areas, clauses, controls, criteria) VALUES (?, '2027', 'closed', '2027-02-01T00:00:00.000Z', '2027-02-28T00:00:00.000Z', ?, '[]', '[]', '["ISO/IEC 27001:2022"]')`);
    org.areas.forEach((a, i) => audit.run(`IA-2027-${String(i + 1).padStart(3, '0')}`, JSON.stringify([a.key])));
    const finding = c.prepare(`INSERT INTO findings (id, audit_id, classification, requirement, out_of_scope, statement, evidence, area, owner, raised_by, raised_at, action_id) VALUES (?, ?, 'minor', 'A.5.15', 0, 'Statement.', 'Evidence.', ?, ?, ?, ?, ?)`);
    const action = c.prepare(`INSERT INTO corrective_actions (id, finding_id, owner, status, due, target, correction, root_cause, plan, implementation_links, opened_at, planned_at, implemented_at, closed_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, '[]', ?, ?, ?, NULL)`);
    const sent = c.prepare('INSERT INTO reminders (subject, stage, at) VALUES (?, ?, ?)');
    for (let i = 0; i < ACTIONS; i++) {
      const owner = owners[i % owners.length] ?? '';
      const raiser = auditors[i % auditors.length] ?? '';
      const area = org.areas[i % org.areas.length];
      const opened = now - (20 + Math.floor(rnd() * 80)) * DAY;
      const due = iso(now + (-30 + Math.floor(rnd() * 61)) * DAY).slice(0, 10);
      const status = i % 3 === 0 ? 'implemented' : i % 3 === 1 ? 'planned' : 'open';
      const implemented = status === 'implemented' ? now - (1 + Math.floor(rnd() * 40)) * DAY : null;
      const id = `CA-2027-${String(i + 1).padStart(6, '0')}`;
      const findingId = `F-2027-${String(i + 1).padStart(6, '0')}`;
      finding.run(findingId, `IA-2027-${String((i % org.areas.length) + 1).padStart(3, '0')}`, area?.key ?? '', owner, raiser, iso(opened), id);
      const planned = status !== 'open';
      action.run(id, findingId, owner, status, due, planned ? 'Correction.' : null, planned ? 'Root cause.' : null, planned ? 'Plan.' : null, iso(opened), planned ? iso(opened + DAY) : null, implemented === null ? null : iso(implemented));
      // About half have had earlier stages queued.
      if (rnd() < 0.5) {
        const subject = `action:${id}`;
        if (status === 'implemented') sent.run(subject, `verify:${raiser}/${iso(implemented ?? now).slice(0, 10)}/overdue-1`, iso(now - 3 * DAY));
        else {
          sent.run(subject, `${owner}/${due}/due-soon`, iso(now - 10 * DAY));
          sent.run(subject, `${owner}/${due}/overdue-1`, iso(now - 5 * DAY));
        }
      }
    }
  })();
  return { owners: owners.length, auditors: auditors.length };
}

/** The baseline: the same work by hand, with hand-written SQL and a plain loop. */
function baseline(db: ReturnType<typeof openDatabase>): { messages: number; stages: number } {
  const c = db.$client;
  const now = new Date(NOW);
  const at = NOW;
  const mask = workingDayMask(DEFAULT_WORKING_HOURS);
  const local = localTime(now, TZ);
  if (!isWithinWorkingHoursAt(local, DEFAULT_WORKING_HOURS)) throw new Error('the bench runs in working hours');
  const today = dayNumber(local.date);
  const people = new Map((c.prepare('SELECT email, team, manager, roles, active FROM people').all() as { email: string; team: string | null; manager: string | null; roles: string; active: number }[]).map((p) => [p.email, p]));
  const leads = [...people.values()].filter((p) => p.active && p.roles.includes('"lead"')).map((p) => p.email);
  const sent = new Map<string, Set<string>>();
  for (const r of c.prepare("SELECT subject, stage FROM reminders WHERE subject LIKE 'action:%'").iterate() as Iterable<{ subject: string; stage: string }>) {
    const s = sent.get(r.subject);
    if (s) s.add(r.stage);
    else sent.set(r.subject, new Set([r.stage]));
  }
  const byRecipient = new Map<string, string[]>();
  const queue = (recipient: string, subject: string, stage: string) => {
    if (sent.get(subject)?.has(stage)) return;
    const list = byRecipient.get(recipient);
    if (list) list.push(subject, stage);
    else byRecipient.set(recipient, [subject, stage]);
  };
  const owned = c.prepare("SELECT id, owner, status, due, opened_at AS openedAt FROM corrective_actions WHERE status IN ('open', 'planned')").all() as { id: string; owner: string; status: string; due: string; openedAt: string }[];
  for (const a of owned) {
    const subject = `action:${a.id}`;
    if (a.status === 'open') {
      const opened = dayNumber(localTime(new Date(a.openedAt), TZ).date);
      if (countWorkingDays(opened + 1, today + 1, mask) >= NO_PLAN_AFTER_WORKING_DAYS) queue(a.owner, subject, `${a.owner}/no-plan`);
    }
    const stage = currentDueStage(today, dayNumber(a.due), mask);
    if (!stage) continue;
    const cycle = `${a.owner}/${a.due}/`;
    queue(a.owner, subject, `${cycle}${stage.overdueCount > 0 ? `overdue-${stage.overdueCount}` : stage.kind}`);
    if (stage.overdueCount < 2) continue;
    const manager = people.get(a.owner)?.manager;
    for (const to of new Set(manager ? [manager, ...leads] : leads)) if (to !== a.owner) queue(to, subject, `${cycle}escalate:${to}`);
  }
  const implemented = c
    .prepare("SELECT a.id, a.owner, a.implemented_at AS implementedAt, f.raised_by AS raisedBy FROM corrective_actions a JOIN findings f ON f.id = a.finding_id WHERE a.status = 'implemented'")
    .all() as { id: string; owner: string; implementedAt: string; raisedBy: string }[];
  for (const a of implemented) {
    const raiser = people.get(a.raisedBy);
    const ownerTeam = people.get(a.owner)?.team ?? null;
    const verifiers = raiser?.active && raiser.email !== a.owner && (ownerTeam === null || raiser.team !== ownerTeam) ? [a.raisedBy] : leads.filter((l) => l !== a.owner && (ownerTeam === null || people.get(l)?.team !== ownerTeam));
    const stage = currentVerifyStage(today, dayNumber(localTime(new Date(a.implementedAt), TZ).date), mask);
    if (!stage) continue;
    for (const v of verifiers) {
      const cycle = `verify:${v}/${a.implementedAt.slice(0, 10)}/`;
      queue(v, `action:${a.id}`, `${cycle}overdue-${stage.overdueCount}`);
      if (stage.overdueCount >= 2) for (const l of leads) if (!verifiers.includes(l)) queue(l, `action:${a.id}`, `${cycle}escalate:${l}`);
    }
  }
  const outbox = c.prepare("INSERT INTO outbox (key, platform, recipient, message, status, next_attempt_at, created_at) VALUES (?, 'slack', ?, ?, 'pending', ?, ?)");
  const reminder = c.prepare('INSERT INTO reminders (subject, stage, at) VALUES (?, ?, ?)');
  const last = c.prepare('SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const trail = c.prepare("INSERT INTO trail_events (seq, at, actor, action, subject, before, after, channel, prev_hash, hash) VALUES (?, ?, 'system', 'action.chased', ?, NULL, ?, 'scheduler', ?, ?)");
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  let stages = 0;
  for (const [recipient, list] of byRecipient) {
    const lines: string[] = [];
    for (let i = 0; i < list.length; i += 2) lines.push(`${list[i]} ${list[i + 1]}`);
    outbox.run(`bench:${recipient}`, recipient, JSON.stringify({ summary: `Reminder: ${lines.length}`, blocks: lines.map((text) => ({ type: 'text', text })) }), at, at);
    for (let i = 0; i < list.length; i += 2) {
      const subject = list[i] ?? '';
      const stage = list[i + 1] ?? '';
      reminder.run(subject, stage, at);
      const after = JSON.stringify({ stage, to: recipient });
      const content = { seq: ++seq, at, actor: 'system', action: 'action.chased', subject, before: null, after, channel: 'scheduler' };
      const hash = hashEvent(prev, content);
      trail.run(seq, at, subject, after, prev, hash);
      prev = hash;
      stages++;
    }
  }
  return { messages: byRecipient.size, stages };
}

export default async function chaseBench(): Promise<BenchResult> {
  const file = join(tmpdir(), `auditbot-bench-chase-${process.pid}.db`);
  rmSync(file, { force: true });
  const db = openDatabase(file);
  try {
    const clock = fixedClock(YESTERDAY);
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: TZ, enabledPlatforms: ['slack'] } };
    const size = seed(core, db);
    // Yesterday's run, kept: today's daily run finds what a daily run finds.
    const yesterday = runChase(core);
    clock.set(NOW);
    let counts: ReturnType<typeof runChase> = { messages: 0, chased: 0, escalated: 0, open: 0 };
    let base = { messages: 0, stages: 0 };
    rolledBack(db, () => (counts = runChase(core)));
    rolledBack(db, () => (base = baseline(db)));
    const chase: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      hand.push(rolledBack(db, () => baseline(db)));
      chase.push(rolledBack(db, () => runChase(core)));
    }
    const t = median(chase);
    const b = median(hand);
    return {
      name: `chase: ${ACTIONS.toLocaleString('en-GB')} open actions (a third waiting for verification), ${size.owners.toLocaleString('en-GB')} owners, ${size.auditors} auditors`,
      rows: [
        { what: 'runChase (read, plan, queue, record)', 'median (ms)': ms(t), 'min (ms)': ms(Math.min(...chase)), messages: counts.messages, stages: counts.chased + counts.escalated, 'x baseline': Math.round((t / b) * 100) / 100 },
        { what: 'hand-written SQL baseline', 'median (ms)': ms(b), 'min (ms)': ms(Math.min(...hand)), messages: base.messages, stages: base.stages, 'x baseline': 1 },
      ],
      notes: [
        `The state is the one a daily run finds: the seeded history plus yesterday's run (${yesterday.messages.toLocaleString('en-GB')} messages, ${(yesterday.chased + yesterday.escalated).toLocaleString('en-GB')} stages), kept.`,
        `Aim (issue 14): within 2× of the baseline, measured in the same run (median of ${RUNS} runs, each rolled back). The baseline escalates too but builds a plain message, not the real one.`,
      ],
    };
  } finally {
    db.$client.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await chaseBench();
  console.log(name);
  for (const r of rows) console.log(JSON.stringify(r));
  for (const n of notes ?? []) console.log(n);
}
