// Nudges at scale: planning for 200,000 open evidence requests across 10,000 owners (time and
// memory; aim under 1 s and 300 MB), against a baseline loop over the same rows that only works
// out each due date's distance from today. Then outbox delivery throughput through the real
// Slack deliverer against the local fake Slack Web API, against a baseline deliverer that does
// nothing (the dispatcher's and SQLite's own cost).
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { createSlackDeliverer } from '../adapters/slack/deliverer.js';
import { fixedClock } from '../src/core/shared/clock.js';
import type { Core } from '../src/core/context.js';
import { nudgeMessage } from '../src/core/evidence/evidence-messages.js';
import { planNudges, type NudgePerson, type NudgeRequest, type PlannedReminder } from '../src/core/evidence/plan-nudges.js';
import { countWorkingDays, DEFAULT_WORKING_HOURS, dateOfDayNumber, dayNumber, localDate, workingDayMask } from '../src/core/shared/working-time.js';
import type { Deliverer } from '../src/outbox/deliverer.js';
import { createDispatcher } from '../src/outbox/dispatcher.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack } from '../test/slack/fake-slack.js';
import type { BenchResult } from './run.js';
import type { PersonRecord } from '../src/core/shared/people.js';

const REQUESTS = 200_000;
const OWNERS = 10_000;
const AUDITS = 200;
const RUNS = 5;
const DELIVERIES = 2_000;
const RECIPIENTS = 400;
/** Wednesday 3 November 2027, 14:00 UTC: working hours in London and New York, night in Tokyo. */
const NOW = new Date('2027-11-03T14:00:00.000Z');
const ZONES = ['Europe/London', 'Europe/Madrid', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Singapore', 'Australia/Sydney', 'Africa/Johannesburg'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A deterministic pseudo-random sequence, so every run plans the same state. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildState() {
  const rnd = random(27001);
  const people = new Map<string, NudgePerson>();
  const managers = Array.from({ length: OWNERS / 20 }, (_, i) => `manager${i}@acme.example`);
  for (const m of managers) people.set(m, { email: m, timezone: ZONES[Math.floor(rnd() * ZONES.length)] ?? null, manager: null, active: true });
  const owners = Array.from({ length: OWNERS }, (_, i) => `owner${i}@acme.example`);
  for (const [i, o] of owners.entries()) {
    people.set(o, { email: o, timezone: i % 10 === 0 ? null : (ZONES[i % ZONES.length] ?? null), manager: managers[i % managers.length] ?? null, active: true });
  }
  const leads = new Map<string, string>();
  for (let a = 0; a < AUDITS; a++) {
    const lead = `lead${a % 25}@acme.example`;
    leads.set(`IA-2027-${String(a).padStart(3, '0')}`, lead);
    people.set(lead, { email: lead, timezone: 'Europe/London', manager: null, active: true });
  }
  const today = dayNumber('2027-11-03');
  const requests: NudgeRequest[] = [];
  const sent = new Map<number, Set<string>>();
  for (let id = 1; id <= REQUESTS; id++) {
    const owner = owners[id % OWNERS] ?? '';
    // Due dates from three weeks ago to three weeks ahead: every stage of the cadence occurs.
    const due = dateOfDayNumber(today - 21 + Math.floor(rnd() * 43));
    requests.push({ id, auditId: `IA-2027-${String(id % AUDITS).padStart(3, '0')}`, requirement: 'A.5.15', owner, due, status: 'requested', notMineReason: null });
    // About half have had earlier stages queued already.
    if (rnd() < 0.5) sent.set(id, new Set([`${owner}/${due}/before`, `${owner}/${due}/due`, `${owner}/${due}/overdue-1`, `${owner}/${due}/overdue-2`]));
  }
  return { people, leads, requests, sent };
}

interface Measured<T> {
  ms: number;
  /** CPU time of the process (user + system) during the call: less sensitive than wall time to a busy machine. */
  cpuMs: number;
  heapGrowth: number;
  retained: number;
  result: T;
}

function measure<T>(fn: () => T): Measured<T> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const heapGrowth = process.memoryUsage().heapUsed - before;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  return { ms, cpuMs, heapGrowth, retained, result };
}

/** Baseline: the same rows, each due date's distance from the owner's today, nothing else. */
function baseline(state: ReturnType<typeof buildState>): number {
  const mask = workingDayMask(DEFAULT_WORKING_HOURS);
  const todays = new Map<string, number>();
  let sum = 0;
  for (const r of state.requests) {
    const tz = state.people.get(r.owner)?.timezone ?? 'Europe/London';
    let today = todays.get(tz);
    if (today === undefined) todays.set(tz, (today = dayNumber(localDate(NOW, tz))));
    const due = dayNumber(r.due);
    sum += due > today ? countWorkingDays(today, due, mask) : -countWorkingDays(due, today, mask);
  }
  return sum;
}

async function planning(): Promise<{ rows: Record<string, string | number>[]; notes: string[] }> {
  const state = buildState();
  gc();
  const rssWithState = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const input = { now: NOW, timezone: 'Europe/London', requests: state.requests, people: state.people, leads: state.leads, sent: state.sent };
  planNudges({ ...input, requests: state.requests.slice(0, 1000) });
  baseline(state);
  const base = Array.from({ length: RUNS }, () => measure(() => baseline(state)));
  // Each run's result is dropped before the next, as the job does, so the RSS peak is one run's.
  const plan = Array.from({ length: RUNS }, () => ({ ...measure(() => planNudges(input)), result: null }));
  const peakAfterPlan = process.resourceUsage().maxRSS * 1024;
  const bundles = planNudges(input);
  // The run 15 minutes later, once this run's stages are recorded: the usual case, little to send.
  const recorded = new Map(state.sent);
  for (const b of bundles) for (const n of b.nudges) recorded.set(n.request.id, new Set([...(recorded.get(n.request.id) ?? []), n.stage]));
  const later = { ...input, now: new Date(NOW.getTime() + 15 * 60 * 1000), sent: recorded };
  const next = Array.from({ length: RUNS }, () => ({ ...measure(() => planNudges(later)), result: null }));
  const nextNudges = planNudges(later).reduce((n, b) => n + b.nudges.length, 0);
  const nudges = bundles.reduce((n, b) => n + b.nudges.length, 0);
  const escalations = bundles.reduce((n, b) => n + b.nudges.filter((x) => x.type === 'escalation').length, 0);
  const row = (name: string, runs: Measured<unknown>[], out: string) => ({
    case: name,
    requests: REQUESTS,
    owners: OWNERS,
    'median ms': median(runs.map((r) => r.ms)).toFixed(1),
    'min ms': Math.min(...runs.map((r) => r.ms)).toFixed(1),
    'median CPU ms': median(runs.map((r) => r.cpuMs)).toFixed(1),
    'heap growth MB (max)': mb(Math.max(...runs.map((r) => r.heapGrowth))),
    'retained MB': mb(median(runs.map((r) => r.retained))),
    output: out,
  });
  return {
    rows: [
      row('baseline: due-date distance only', base, '-'),
      row('planNudges, first run of the day', plan, `${bundles.length} messages, ${nudges} nudges (${escalations} escalations)`),
      row('planNudges, 15 minutes later', next, `${nextNudges} nudges`),
    ],
    notes: [
      `Planning: ${RUNS} runs each after a warm-up; state of ${REQUESTS.toLocaleString('en-GB')} requests (${AUDITS} audits, owners in ${ZONES.length} time zones, half with earlier stages sent) at ${NOW.toISOString()}.`,
      'Heap growth is heapUsed right after the call minus before it (GC forced before; none forced during), an upper bound on the live peak; retained is what the result keeps after a GC.',
      `Process RSS with the synthetic state built (200,000 request objects, 100,000 sent-stage sets, tsx): ${mb(rssWithState)} MB; peak RSS before planning ${mb(peakBefore)} MB, after the baseline and the first-run plans ${mb(peakAfterPlan)} MB (the 15-minutes-later case then adds a second copy of the sent stages: ${mb(process.resourceUsage().maxRSS * 1024)} MB). Load average when planning: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${availableParallelism()} CPUs (wall time stretches on a busy machine; CPU time much less).`,
    ],
  };
}

async function delivery(): Promise<{ rows: Record<string, string | number>[]; notes: string[] }> {
  const logger = createLogger('silent');
  const fake = await new FakeSlack().start();
  try {
    const results: Record<string, string | number>[] = [];
    const people: PersonRecord[] = Array.from({ length: RECIPIENTS }, (_, i) => ({
      email: `owner${i}@acme.example`,
      name: `Owner ${i}`,
      team: 'ops',
      manager: null,
      timezone: 'Europe/London',
      roles: [],
      slackId: `U${String(i).padStart(8, '0')}`,
      teamsId: null,
      chat: 'slack',
      lastPlatform: null,
      active: true,
    }));
    const message = (i: number) => {
      const request: NudgeRequest = { id: i, auditId: 'IA-2027-001', requirement: 'A.5.15', owner: people[i % RECIPIENTS]?.email ?? '', due: '2027-11-01', status: 'requested', notMineReason: null };
      const reminder: PlannedReminder = { type: 'reminder', request, stage: `x/2027-11-01/overdue-1`, kind: 'overdue', overdueCount: 1, workingDays: 2 };
      return nudgeMessage({ recipientName: `Owner ${i % RECIPIENTS}`, reminders: [reminder, { ...reminder, request: { ...request, id: i + DELIVERIES, requirement: 'A.8.13' } }], escalations: [], ownerName: (e) => e, canReassign: false });
    };
    for (const [name, make] of [
      ['baseline: deliverer that does nothing', (): Deliverer => ({ platform: 'slack', deliver: () => Promise.resolve({ ok: true }) })],
      ['Slack deliverer → fake Slack Web API', (core: Core): Deliverer => createSlackDeliverer({ core, logger, token: 'xoxb-bench', apiUrl: fake.apiUrl })],
    ] as const) {
      const clock = fixedClock(NOW);
      const db = openDatabase(':memory:');
      const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['slack'] } };
      core.store.transaction((tx) => {
        tx.organisation.applySnapshot({ organisation: { name: 'Acme', timezone: 'Europe/London' }, teams: [{ key: 'ops', name: 'Ops', active: true }], people, areas: [], applicability: [] });
        for (let i = 0; i < DELIVERIES; i++) tx.outbox.enqueue({ key: `nudge:evidence:bench:${i}`, platform: 'slack', recipient: people[i % RECIPIENTS]?.email ?? '', message: message(i) });
      });
      fake.reset();
      const dispatcher = createDispatcher({ store: core.store, clock, deliverers: [make(core)], maxAttempts: 3, logger, random: () => 0.5 });
      const start = process.hrtime.bigint();
      const counts = await dispatcher.runOnce();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      results.push({
        case: name,
        messages: counts.delivered,
        failed: counts.failed + counts.dead,
        seconds: seconds.toFixed(2),
        'messages/s': Math.round(counts.delivered / seconds),
        'Web API calls': fake.calls.length,
      });
      db.$client.close();
    }
    return {
      rows: results,
      notes: [
        `Delivery: ${DELIVERIES.toLocaleString('en-GB')} queued two-request reminders to ${RECIPIENTS} people, one dispatcher pass, sequential as the dispatcher sends (one conversations.open per person, then chat.postMessage), over loopback HTTP to the fake Slack Web API in this process. Real Slack allows about 1 message per second per DM channel, so production throughput is bounded by Slack, not by the bot.`,
      ],
    };
  } finally {
    await fake.stop();
  }
}

export default async function nudgesBench(): Promise<BenchResult> {
  const plan = await planning();
  const deliver = await delivery();
  return { name: 'Evidence nudges: planning 200,000 requests, and outbox delivery to Slack', rows: [...plan.rows, ...deliver.rows], notes: [...plan.notes, ...deliver.notes] };
}
