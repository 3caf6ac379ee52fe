// Benchmark: the command line, as a person runs it (issue 12, point 6: `export findings`,
// `programme show` and `trail verify` within 3× of the baseline, compiled). Each command runs as
// a child process of the compiled CLI (dist/cli/auditbot.cjs, built by scripts/build-cli.mjs)
// on a database of a year's work; the baseline, measured in the same run and interleaved with
// it, is a child process that opens the same file with better-sqlite3 and prints the same output
// (bench/cli-baseline.cjs): the least any program must do. The launcher (bin/auditbot.mjs: the
// freshness check, then the same build) and `npm run auditbot -- …` (npm's own start-up on top)
// are measured too. Run alone with `npx tsx bench/cli.bench.ts`, or through `npm run bench cli`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { fixedClock } from '../src/core/shared/clock.js';
import type { Core } from '../src/core/context.js';
import type { TrailEventInput } from '../src/core/ports.js';
import { planProgramme } from '../src/core/programme/plan-programme.js';
import { generateOrganisation } from './programme.bench.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'scripts', 'build-cli.mjs');
const BUNDLE = join(ROOT, 'dist', 'cli', 'auditbot.cjs');
const LAUNCHER = join(ROOT, 'bin', 'auditbot.mjs');
const BASELINE = join(ROOT, 'bench', 'cli-baseline.cjs');

export interface YearSize {
  areas: number;
  findings: number;
  trailEvents: number;
}

/** 14 areas (3 of high risk, audited twice) plan to 17 audits. Findings: 5 % major and 30 % minor nonconformities (each opens a corrective action), 45 % OFIs, 20 % observations. */
export const DEFAULT_SIZE: YearSize = { areas: 14, findings: 2_000, trailEvents: 20_000 };

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString();

export interface SeededYear {
  audits: number;
  findings: number;
  actions: number;
  verifications: number;
  evidence: number;
  trailEvents: number;
}

/**
 * A year of one organisation's audit work, written the way the bot writes it: the organisation
 * and the programme through the core (planning assigns auditors and appends its trail events),
 * then findings, corrective actions, verifications and evidence requests with their trail events,
 * every event appended through the trail repository so the hash chain is the real one.
 */
export function seedYear(file: string, size: YearSize = DEFAULT_SIZE): SeededYear {
  const db = openDatabase(file);
  try {
    const clock = fixedClock('2026-12-01T09:00:00Z');
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['console'] } };
    const org = generateOrganisation({ areas: size.areas, people: 300, auditors: 24, externals: 2, teams: 8 });
    core.store.transaction((tx) => tx.organisation.applySnapshot(org));
    const lead = org.people[0]?.email ?? '';
    planProgramme(core, { cycle: '2027', start: '2027-01-01' }, { email: lead, channel: 'cli' });
    const client = db.$client;
    const now = Date.parse('2027-12-20T09:00:00Z');
    // The year is over but for the last audit: windows in the past are closed, the current one runs.
    client.prepare(`UPDATE audits SET status = CASE WHEN "end" < ? THEN 'closed' WHEN start < ? THEN 'in_progress' ELSE status END, started_at = start, closed_at = CASE WHEN "end" < ? THEN "end" END`).run(iso(now), iso(now), iso(now));
    const audits = client.prepare('SELECT a.id, a.start, a.areas, aa.email AS lead FROM audits a JOIN audit_auditors aa ON aa.audit_id = a.id AND aa.role = ? ORDER BY a.start').all('lead') as { id: string; start: string; areas: string; lead: string }[];
    const areaOf = new Map(org.areas.map((a) => [a.key, a]));
    const rnd = random(2027);
    const counts: SeededYear = { audits: audits.length, findings: 0, actions: 0, verifications: 0, evidence: 0, trailEvents: 0 };

    core.store.transaction((tx) => {
      const finding = client.prepare(
        'INSERT INTO findings (id, audit_id, classification, requirement, out_of_scope, statement, evidence, area, owner, raised_by, raised_at, action_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)',
      );
      const action = client.prepare(
        `INSERT INTO corrective_actions (id, finding_id, owner, status, due, correction, root_cause, plan, implementation_links, opened_at, planned_at, implemented_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const verify = client.prepare('INSERT INTO verifications (action_id, by, at, effective, reason) VALUES (?, ?, ?, 1, ?)');
      const request = client.prepare(
        "INSERT INTO evidence_requests (audit_id, requirement, owner, due, status, links, requested_at, submitted_at, accepted_by, accepted_at) VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?)",
      );
      const event = (at: number, actor: string, act: string, subject: string, after: unknown, before?: unknown) => {
        clock.set(new Date(at));
        // Payloads of the kinds' shape and size; the benchmark times reading and hashing them, so
        // they are not built through each kind's schema.
        tx.trail.append({ actor, action: act, subject, after, ...(before === undefined ? {} : { before }), channel: rnd() < 0.6 ? 'slack' : 'teams' } as unknown as TrailEventInput);
      };

      for (const a of audits) {
        const area = areaOf.get((JSON.parse(a.areas) as string[])[0] ?? '');
        if (!area) throw new Error(`audit ${a.id} has no area`);
        const start = Date.parse(a.start);
        for (const s of area.scope) {
          const links = [`https://wiki.bench.example/${area.key}/${s.requirement}`];
          request.run(a.id, s.requirement, s.owner, iso(start + 10 * DAY).slice(0, 10), JSON.stringify(links), iso(start), iso(start + 6 * DAY), a.lead, iso(start + 8 * DAY));
          counts.evidence++;
          const subject = `evidence:${a.id}:${s.requirement}`;
          event(start, 'system', 'evidence.requested', subject, { owner: s.owner, due: iso(start + 10 * DAY).slice(0, 10) });
          event(start + 6 * DAY, s.owner, 'evidence.submitted', subject, { links });
          event(start + 8 * DAY, a.lead, 'evidence.accepted', subject, { status: 'accepted' }, { status: 'submitted' });
        }
      }

      for (let i = 0; i < size.findings; i++) {
        const a = audits[i % audits.length];
        const area = a ? areaOf.get((JSON.parse(a.areas) as string[])[0] ?? '') : undefined;
        if (!a || !area) throw new Error('no audits planned');
        const scope = area.scope[i % area.scope.length];
        const raised = Math.min(now - 2 * DAY, Date.parse(a.start) + Math.floor(rnd() * 20) * DAY + Math.floor(rnd() * 8 * 3_600_000));
        const r = rnd();
        const classification = r < 0.05 ? 'major' : r < 0.35 ? 'minor' : r < 0.8 ? 'ofi' : 'observation';
        const id = `F-2027-${String(i + 1).padStart(4, '0')}`;
        const owner = scope?.owner ?? area.owner;
        const nonconformity = classification === 'major' || classification === 'minor';
        const actionId = nonconformity ? `CA-2027-${String(counts.actions + 1).padStart(4, '0')}` : null;
        const row = {
          id,
          auditId: a.id,
          classification,
          requirement: scope?.requirement ?? '9.2',
          statement: `Sampled ${5 + (i % 20)} ${area.name} records: ${i % 3 === 0 ? 'two had no recorded approval' : i % 3 === 1 ? 'the review was a month late' : 'the procedure was followed, with one gap in the records'}.`,
          evidence: `Records ${i * 7}–${i * 7 + 6} of ${area.name}, reviewed with ${owner} on the audit's second day.`,
          area: area.key,
          owner,
          raisedBy: a.lead,
          raisedAt: iso(raised),
          actionId,
        };
        finding.run(row.id, row.auditId, row.classification, row.requirement, row.statement, row.evidence, row.area, row.owner, row.raisedBy, row.raisedAt, row.actionId);
        counts.findings++;
        event(raised, a.lead, 'finding.recorded', `finding:${id}`, { ...row, outOfScope: false, dueDate: null });
        if (!actionId) continue;
        counts.actions++;
        const due = iso(raised + (classification === 'major' ? 30 : 90) * DAY).slice(0, 10);
        const s = rnd();
        const planned = raised + 5 * DAY;
        const implemented = raised + (15 + Math.floor(rnd() * 60)) * DAY;
        const closed = implemented + 7 * DAY;
        const status = closed < now && s < 0.7 ? 'closed' : implemented < now && s < 0.85 ? 'implemented' : planned < now && s < 0.95 ? 'planned' : 'open';
        const plan = status === 'open' ? null : 'Add the approval step to the joiner checklist and re-check the last quarter.';
        action.run(actionId, id, owner, status, due, plan && 'Missing approvals obtained retrospectively.', plan && 'The checklist had no approval step.', plan, '[]', iso(raised), plan ? iso(planned) : null, status === 'implemented' || status === 'closed' ? iso(implemented) : null, status === 'closed' ? iso(closed) : null);
        const subject = `action:${actionId}`;
        event(raised, a.lead, 'action.opened', subject, { findingId: id, owner, due, status: 'open' });
        if (status === 'open') continue;
        event(planned, owner, 'action.planned', subject, { status: 'planned', plan }, { status: 'open' });
        if (status === 'planned') continue;
        event(implemented, owner, 'action.implemented', subject, { status: 'implemented', links: [] }, { status: 'planned' });
        if (status === 'implemented') continue;
        verify.run(actionId, a.lead, iso(closed), 'Sampled ten new joiners: every one approved.');
        counts.verifications++;
        event(closed, a.lead, 'action.verified', subject, { effective: true, reason: 'Sampled ten new joiners: every one approved.' });
        event(closed, a.lead, 'action.closed', subject, { status: 'closed', closedAt: iso(closed) });
      }

      // The rest of the year's trail: reminders and chases, as the scheduler writes them.
      let n = 0;
      while (tx.trail.head()!.seq < size.trailEvents) {
        const a = audits[n % audits.length];
        if (!a) break;
        const at = Date.parse(a.start) + (n % 28) * DAY;
        event(at, 'system', n % 2 === 0 ? 'evidence.reminded' : 'action.chased', n % 2 === 0 ? `evidence:${a.id}:${n % 7}` : `action:CA-2027-${String((n % Math.max(1, counts.actions)) + 1).padStart(4, '0')}`, { nudge: 1 + (n % 3), at: iso(at) });
        n++;
      }
      counts.trailEvents = tx.trail.head()?.seq ?? 0;
    });
    client.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  } finally {
    db.$client.close();
  }
}

interface Run {
  ms: number;
  stdout: string;
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const t0 = performance.now();
  // Not this process's execArgv: the bench runs under tsx, the children must not.
  const r = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const ms = (t: number): number => Math.round(t);
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

export async function runCliBench(options: { size?: YearSize; runs?: number } = {}): Promise<BenchResult> {
  const size = options.size ?? DEFAULT_SIZE;
  const runs = options.runs ?? 20;
  const build = spawnSync(process.execPath, [BUILD], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the CLI could not be built:\n${build.stdout}${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'auditbot-bench-cli-'));
  const file = join(dir, 'auditbot.db');
  try {
    const seeded = seedYear(file, size);
    const env = { AUDITBOT_DB: file, LOG_LEVEL: 'silent' };
    const cases = [
      { name: 'export findings --format json', argv: ['export', 'findings', '--format', 'json'], baseline: 'findings' },
      { name: 'programme show --format json', argv: ['programme', 'show', '--format', 'json'], baseline: 'programme' },
      { name: 'trail verify', argv: ['trail', 'verify'], baseline: 'trail' },
    ];
    const ways = [
      { how: 'compiled: node dist/cli/auditbot.cjs', command: process.execPath, prefix: [BUNDLE] },
      { how: 'node bin/auditbot.mjs (launcher)', command: process.execPath, prefix: [LAUNCHER] },
      { how: 'npm run auditbot --', command: 'npm', prefix: ['run', 'auditbot', '--'] },
    ];
    const rows: Record<string, string | number>[] = [];
    const floor: number[] = [];
    for (const c of cases) {
      const baseline = () => run(process.execPath, [BASELINE, c.baseline, file], env);
      // Same output, byte for byte: the baseline does the same work, no less.
      const expected = baseline().stdout;
      for (const w of ways) {
        const out = run(w.command, [...w.prefix, ...c.argv], env).stdout;
        if (!out.endsWith(expected)) throw new Error(`${w.how} ${c.name} prints something else than the baseline:\n${out.slice(0, 400)}\n---\n${expected.slice(0, 400)}`);
      }
      const base: number[] = [];
      const times = ways.map(() => [] as number[]);
      // Interleaved, so that load from other processes falls on each alike.
      for (let i = 0; i < runs; i++) {
        base.push(baseline().ms);
        ways.forEach((w, k) => times[k]?.push(run(w.command, [...w.prefix, ...c.argv], env).ms));
        floor.push(run(process.execPath, ['-e', '0'], env).ms);
      }
      const b50 = quantile(base, 0.5);
      const b95 = quantile(base, 0.95);
      ways.forEach((w, k) => {
        const t = times[k] ?? [];
        rows.push({
          command: c.name,
          run: w.how,
          runs,
          'baseline p50 (ms)': ms(b50),
          'baseline p95 (ms)': ms(b95),
          'p50 (ms)': ms(quantile(t, 0.5)),
          'p95 (ms)': ms(quantile(t, 0.95)),
          'x baseline p50': ratio(quantile(t, 0.5), b50),
          'x baseline p95': ratio(quantile(t, 0.95), b95),
        });
      });
    }
    const bytes = (argv: string[]) => Buffer.byteLength(run(process.execPath, [BUNDLE, ...argv], env).stdout);
    return {
      name: `cli: a year's data (${seeded.audits} audits, ${seeded.findings} findings, ${seeded.actions} corrective actions, ${seeded.verifications} verifications, ${seeded.evidence} evidence requests, ${seeded.trailEvents} trail events)`,
      rows,
      notes: [
        'Aim (issue 12, point 6): export findings, programme show and trail verify within 3× of the baseline, compiled (the first row of each).',
        `Each time is a whole child process, start-up included; \`node -e 0\` alone: ${ms(quantile(floor, 0.5))} ms p50, ${ms(quantile(floor, 0.95))} ms p95, in the same run.`,
        `Baseline: bench/cli-baseline.cjs, better-sqlite3 reading the same rows and printing the same bytes (checked before timing: ${Math.round(bytes(cases[0]?.argv ?? []) / 1024)} KB of findings JSON, ${Math.round(bytes(cases[1]?.argv ?? []) / 1024)} KB of programme JSON), or recomputing the same SHA-256 chain.`,
        'The launcher adds its check that the build is up to date with the sources (about 220 stat calls); npm run adds npm\'s own start-up. No baseline does either; their ratios are for reading only.',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function cliBench(): Promise<BenchResult> {
  return runCliBench();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await cliBench();
  console.log(name);
  for (const r of rows) console.log(JSON.stringify(r));
  for (const note of notes ?? []) console.log(note);
}
