// Benchmark: the weekly digest and the management review pack over 100,000 findings and
// 100,000 corrective actions (issue 8, acceptance 4: aim under 500 ms each, at most twice the
// baseline, under 300 MB). The baseline, measured in the same run on the same database, is the
// same aggregates written by hand in SQL against better-sqlite3 with no core, no ports and no
// message building: what any implementation must at least pay.
// Run alone with `npx tsx bench/reporting.bench.ts`, or through `npm run bench reporting`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { openDatabase } from '../db/connection.js';
import { createReportingRepository } from '../db/repositories/reporting.js';
import { createStore } from '../db/store.js';
import { fixedClock } from '../src/core/shared/clock.js';
import type { Core } from '../src/core/context.js';
import { localDateOf } from '../src/core/programme/programme-calendar.js';
import { buildDigest } from '../src/core/reporting/build-digest.js';
import { buildReviewPack } from '../src/core/reporting/build-review-pack.js';
import { buildManagementReview } from '../src/core/review/build-management-review.js';
import { toJson } from '../src/cli/format.js';
import { reviewPackHtml } from '../src/cli/reports/review-pack-html.js';
import { addDays, dateWindow, previousPeriod, quartersOf, startOfDate } from '../src/core/reporting/reporting-periods.js';
import type { ReportingRepository } from '../src/core/reporting/ports.js';
import { generateOrganisation } from './programme.bench.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

export interface ReportingSize {
  findings: number;
  /** One per finding at most (an action belongs to one finding). */
  actions: number;
}

export const DEFAULT_SIZE: ReportingSize = { findings: 100_000, actions: 100_000 };

const TZ = 'Europe/London';
/** Monday 4 October 2027, 09:00 in London: a digest slot. */
const NOW = '2027-10-04T08:00:00.000Z';
const REVIEW = { from: '2027-01-01', to: '2027-09-30' };
const DAY = 86_400_000;

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (t: number): string => new Date(t).toISOString();
const dateOf = (t: number): string => iso(t).slice(0, 10);

/** Writes the organisation, two cycles of audits, the findings, actions, verifications, evidence and dead letters. */
export function seedReportingData(core: Core, client: Database.Database, size: ReportingSize): { audits: number; verifications: number; evidence: number } {
  const org = generateOrganisation({ areas: 60, people: 600, auditors: 40, externals: 2, teams: 12 });
  core.store.transaction((tx) => tx.organisation.applySnapshot(org));
  const rnd = random(42);
  const areas = org.areas;
  const auditors = org.people.filter((p) => p.roles.includes('auditor') && p.active).map((p) => p.email);
  const now = Date.parse(NOW);
  let audits = 0;
  let verifications = 0;
  let evidence = 0;
  client.transaction(() => {
    const programme = client.prepare(`INSERT INTO programmes (cycle, start, months, max_per_month, gaps, planned_at, planned_by) VALUES (?, ?, 12, NULL, '[]', ?, ?)`);
    const audit = client.prepare(
      `INSERT INTO audits (id, cycle, status, start, "end", areas, clauses, controls, criteria, needs_external_auditor, exception, evidence_due_days, started_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '["ISO/IEC 27001:2022"]', ?, ?, 10, ?, ?)`,
    );
    const assign = client.prepare(`INSERT INTO audit_auditors (audit_id, email, role, rationale, assigned_at) VALUES (?, ?, 'lead', '{}', ?)`);
    const request = client.prepare(
      `INSERT INTO evidence_requests (audit_id, requirement, owner, due, status, links, requested_at, submitted_at, accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
    );
    const auditOf: { id: string; area: (typeof areas)[number]; lead: string; start: number }[][] = [[], []];
    for (const [c, cycle] of ['2026', '2027'].entries()) {
      programme.run(cycle, `${cycle}-01-01`, `${Number(cycle) - 1}-12-01T09:00:00.000Z`, org.people[0]?.email ?? '');
      areas.forEach((area, i) => {
        const start = Date.parse(`${cycle}-01-04T00:00:00.000Z`) + Math.floor((i / areas.length) * 330) * DAY;
        const end = start + 25 * DAY;
        const status = end < now ? 'closed' : start < now ? 'in_progress' : 'planned';
        const id = `IA-${cycle}-${String(i + 1).padStart(3, '0')}`;
        const clauses = area.scope.filter((s) => s.kind === 'clause').map((s) => s.requirement);
        const controls = area.scope.filter((s) => s.kind === 'control').map((s) => s.requirement);
        const lead = auditors[(i + c) % auditors.length] ?? '';
        const exception = i % 25 === 0 ? JSON.stringify({ justification: 'Only auditor who knows this system', by: org.people[0]?.email, at: iso(start - DAY), auditor: lead }) : null;
        audit.run(id, cycle, status, iso(start), iso(end), JSON.stringify([area.key]), JSON.stringify(clauses), JSON.stringify(controls), i % 30 === 7 ? 1 : 0, exception, status === 'planned' ? null : iso(start), status === 'closed' ? iso(end + 3 * DAY) : null);
        assign.run(id, lead, iso(start - 30 * DAY));
        auditOf[c]?.push({ id, area, lead, start });
        audits++;
        if (status !== 'planned') {
          for (const s of area.scope) {
            const due = dateOf(start + 10 * DAY);
            const r = rnd();
            const submitted = r < 0.8 ? iso(start + Math.floor(rnd() * 16) * DAY) : null;
            const st = submitted ? (status === 'closed' ? 'accepted' : 'submitted') : 'requested';
            request.run(id, s.requirement, s.owner, due, st, iso(start), submitted, st === 'accepted' ? lead : null, st === 'accepted' ? submitted : null);
            evidence++;
          }
        }
      });
    }

    const finding = client.prepare(
      `INSERT INTO findings (id, audit_id, classification, requirement, out_of_scope, statement, evidence, area, owner, raised_by, raised_at, action_id) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const action = client.prepare(
      `INSERT INTO corrective_actions (id, finding_id, owner, status, due, correction, root_cause, plan, implementation_links, opened_at, planned_at, implemented_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
    );
    const verify = client.prepare(`INSERT INTO verifications (action_id, by, at, effective, reason) VALUES (?, ?, ?, ?, ?)`);
    const first = Date.parse('2026-01-05T09:00:00.000Z');
    const span = now - 2 * DAY - first;
    for (let i = 0; i < size.findings; i++) {
      const raised = first + Math.floor((i / size.findings) * span) + Math.floor(rnd() * 3_600_000);
      const c = raised < Date.parse('2027-01-01T00:00:00.000Z') ? 0 : 1;
      const list = auditOf[c] ?? [];
      const a = list[Math.floor(rnd() * list.length)] ?? list[0];
      if (!a) throw new Error('no audits');
      const r = rnd();
      const classification = r < 0.05 ? 'major' : r < 0.4 ? 'minor' : r < 0.8 ? 'ofi' : 'observation';
      const scope = a.area.scope[i % a.area.scope.length];
      const year = iso(raised).slice(0, 4);
      const id = `F-${year}-${String(i + 1).padStart(6, '0')}`;
      const hasAction = i < size.actions;
      const actionId = hasAction ? `CA-${year}-${String(i + 1).padStart(6, '0')}` : null;
      finding.run(
        id,
        a.id,
        classification,
        scope?.requirement ?? '9.2',
        `Observed during the audit of ${a.area.name}: record ${i} did not show the expected control operation.`,
        `Sample ${i % 97} of the ${a.area.name} records, reviewed with the owner.`,
        a.area.key,
        scope?.owner ?? a.area.owner,
        a.lead,
        iso(raised),
        actionId,
      );
      if (!actionId) continue;
      const age = (now - raised) / DAY;
      const s = rnd();
      const status = age > 120 ? (s < 0.7 ? 'closed' : s < 0.8 ? 'implemented' : s < 0.9 ? 'planned' : 'open') : s < 0.25 ? 'closed' : s < 0.4 ? 'implemented' : s < 0.75 ? 'planned' : 'open';
      const due = dateOf(raised + (classification === 'major' ? 30 : 90) * DAY);
      const planned = status === 'open' ? null : iso(raised + 5 * DAY);
      const implemented = status === 'implemented' || status === 'closed' ? Math.min(now - DAY, raised + (10 + Math.floor(rnd() * 100)) * DAY) : null;
      const closed = status === 'closed' && implemented !== null ? Math.min(now - DAY / 2, implemented + (3 + Math.floor(rnd() * 30)) * DAY) : null;
      action.run(
        actionId,
        id,
        scope?.owner ?? a.area.owner,
        status,
        due,
        status === 'open' ? null : 'Immediate correction applied',
        status === 'open' ? null : 'The control had no owner',
        status === 'open' ? null : 'Assign an owner and review monthly',
        iso(raised),
        planned,
        implemented === null ? null : iso(implemented),
        closed === null ? null : iso(closed),
      );
      if (closed !== null) {
        if (rnd() < 0.1) {
          verify.run(actionId, a.lead, iso(closed - DAY), 0, 'Not effective yet: two samples still failed');
          verifications++;
        }
        verify.run(actionId, a.lead, iso(closed), 1, 'Effective: every sample passed');
        verifications++;
      }
    }
    const dead = client.prepare(
      `INSERT INTO outbox (key, platform, recipient, message, status, attempts, next_attempt_at, last_error, created_at) VALUES (?, 'slack', ?, '{"summary":"x","blocks":[]}', 'dead', 8, ?, ?, ?)`,
    );
    for (let i = 0; i < 200; i++) dead.run(`bench:dead:${i}`, org.people[i % org.people.length]?.email ?? '', NOW, 'not retryable: Slack said channel_not_found', NOW);
  })();
  return { audits, verifications, evidence };
}

/** The digest's aggregates, by hand. */
function baselineDigest(client: Database.Database): unknown {
  const now = Date.parse(NOW);
  const today = localDateOf(NOW, TZ);
  const open = `f.classification IN ('major','minor') AND f.status = 'open' AND (a.status IS NULL OR a.status <> 'closed')`;
  return {
    open: client
      .prepare(
        `SELECT COUNT(*) n, SUM(f.classification='major') major, SUM(f.raised_at >= ?) recent, SUM(f.raised_at < ? AND f.raised_at >= ?) middle, SUM(f.raised_at < ?) old
         FROM findings f LEFT JOIN corrective_actions a ON a.finding_id = f.id WHERE ${open}`,
      )
      .get(iso(now - 30 * DAY), iso(now - 30 * DAY), iso(now - 90 * DAY), iso(now - 90 * DAY)),
    openTop: client.prepare(`SELECT f.*, a.id, a.status, a.due FROM findings f LEFT JOIN corrective_actions a ON a.finding_id = f.id WHERE ${open} ORDER BY f.classification='major' DESC, f.raised_at LIMIT 10`).all(),
    overdue: client.prepare(`SELECT COUNT(*) n FROM corrective_actions WHERE status IN ('open','planned') AND due < ?`).get(today),
    overdueTop: client.prepare(`SELECT a.*, f.classification, f.requirement FROM corrective_actions a JOIN findings f ON f.id = a.finding_id WHERE a.status IN ('open','planned') AND a.due < ? ORDER BY a.due LIMIT 10`).all(today),
    week: client.prepare(`SELECT classification, COUNT(*) n FROM findings WHERE raised_at >= ? AND raised_at < ? AND status = 'open' GROUP BY classification`).all(iso(now - 7 * DAY), NOW),
    weekTop: client.prepare(`SELECT * FROM findings WHERE raised_at >= ? AND raised_at < ? AND status = 'open' ORDER BY raised_at LIMIT 8`).all(iso(now - 7 * DAY), NOW),
    closed: client.prepare(`SELECT COUNT(*) n FROM corrective_actions WHERE closed_at >= ? AND closed_at < ? AND status = 'closed'`).get(iso(now - 7 * DAY), NOW),
    closedTop: client.prepare(`SELECT * FROM corrective_actions WHERE closed_at >= ? AND closed_at < ? AND status = 'closed' ORDER BY closed_at DESC LIMIT 5`).all(iso(now - 7 * DAY), NOW),
    evidence: client.prepare(`SELECT COUNT(*) n FROM evidence_requests e JOIN audits au ON au.id = e.audit_id WHERE e.status IN ('requested','more_requested') AND e.due < ? AND au.status <> 'closed'`).get(today),
    dead: client.prepare(`SELECT COUNT(*) n FROM outbox WHERE status = 'dead'`).get(),
    programme: client.prepare(`SELECT status, COUNT(*) n FROM audits WHERE cycle = '2027' GROUP BY status`).all(),
  };
}

/** The review pack's aggregates, by hand: one query per figure and quarter. */
function baselineReview(client: Database.Database): unknown {
  const window = dateWindow(REVIEW.from, REVIEW.to, TZ);
  const prev = previousPeriod(REVIEW.from, REVIEW.to);
  const periods = [{ from: prev.from, to: prev.to }, ...quartersOf(REVIEW.from, REVIEW.to)].map((q) => dateWindow(q.from, q.to, TZ));
  const out: Record<string, unknown>[] = [];
  for (const p of periods) {
    const end = p.to;
    const endDate = localDateOf(end, TZ);
    out.push({
      raised: client.prepare(`SELECT classification, COUNT(*) n FROM findings WHERE raised_at >= ? AND raised_at < ? AND status = 'open' GROUP BY classification`).all(p.from, p.to),
      opened: client.prepare(`SELECT COUNT(*) n FROM corrective_actions WHERE opened_at >= ? AND opened_at < ?`).get(p.from, p.to),
      closed: client.prepare(`SELECT COUNT(*) n FROM corrective_actions WHERE closed_at >= ? AND closed_at < ? AND status = 'closed'`).get(p.from, p.to),
      openAtEnd: client
        .prepare(`SELECT COUNT(*) n FROM findings f LEFT JOIN corrective_actions a ON a.finding_id = f.id WHERE f.classification IN ('major','minor') AND f.status = 'open' AND f.raised_at < ? AND (a.closed_at IS NULL OR a.closed_at >= ?)`)
        .get(end, end),
      overdueAtEnd: client
        .prepare(`SELECT COUNT(*) n FROM corrective_actions WHERE opened_at < ? AND due < ? AND (implemented_at IS NULL OR implemented_at >= ?) AND (closed_at IS NULL OR closed_at >= ?)`)
        .get(end, endDate, end, end),
      verified: client.prepare(`SELECT effective, COUNT(*) n FROM verifications WHERE at >= ? AND at < ? GROUP BY effective`).all(p.from, p.to),
    });
  }
  return {
    periods: out,
    byArea: client.prepare(`SELECT area, classification, COUNT(*) n FROM findings WHERE raised_at >= ? AND raised_at < ? AND status = 'open' GROUP BY area, classification`).all(window.from, window.to),
    statusNow: client.prepare(`SELECT status, COUNT(*) n FROM corrective_actions GROUP BY status`).all(),
    statusOpened: client.prepare(`SELECT status, COUNT(*) n FROM corrective_actions WHERE opened_at >= ? AND opened_at < ? GROUP BY status`).all(window.from, window.to),
    notEffective: client.prepare(`SELECT * FROM verifications WHERE effective = 0 AND at >= ? AND at < ? ORDER BY at DESC LIMIT 25`).all(window.from, window.to),
    overdueTop: client.prepare(`SELECT * FROM corrective_actions WHERE status IN ('open','planned') AND due <= ? ORDER BY due LIMIT 25`).all(REVIEW.to),
    evidence: [REVIEW, prev].map((p) =>
      client
        .prepare(
          `SELECT COUNT(*) n, SUM(submitted_at IS NOT NULL AND substr(submitted_at,1,10) <= due) onTime, SUM(submitted_at IS NOT NULL AND substr(submitted_at,1,10) > due) late
           FROM evidence_requests WHERE due >= ? AND due <= ?`,
        )
        .get(p.from, p.to),
    ),
    ofis: client.prepare(`SELECT * FROM findings WHERE classification = 'ofi' AND status = 'open' AND raised_at >= ? AND raised_at < ? ORDER BY raised_at LIMIT 50`).all(window.from, window.to),
    audits: client.prepare(`SELECT * FROM audits`).all(),
    start: startOfDate(addDays(REVIEW.to, 1), TZ),
  };
}

/** The digest's own queries, issued straight to the repository: no core, no ports, no message. */
function floorDigest(repo: ReportingRepository): unknown {
  const now = Date.parse(NOW);
  const today = localDateOf(NOW, TZ);
  const week = { from: iso(now - 7 * DAY), to: NOW };
  return [
    repo.openNonconformities({ recentSince: iso(now - 30 * DAY), oldBefore: iso(now - 90 * DAY), limit: 10 }),
    repo.currentOverdueActions({ today, limit: 10 }),
    repo.findingsRaised({ window: week, limit: 8 }),
    repo.actionsClosed({ window: week, limit: 5 }),
    repo.overdueEvidence({ today, limit: 8 }),
    repo.deadNotifications({ limit: 5 }),
  ];
}

/** The review pack's own queries, issued straight to the repository. */
function floorReview(repo: ReportingRepository): unknown {
  const prev = previousPeriod(REVIEW.from, REVIEW.to);
  const window = dateWindow(REVIEW.from, REVIEW.to, TZ);
  const quarters = quartersOf(REVIEW.from, REVIEW.to);
  const boundaries = [startOfDate(prev.from, TZ), ...quarters.map((q) => startOfDate(q.from, TZ)), window.to];
  const moments = [window.from, ...quarters.map((q) => startOfDate(addDays(q.to, 1), TZ))].map((at) => ({ at, date: localDateOf(at, TZ) }));
  const end = moments.at(-1) ?? { at: window.to, date: REVIEW.to };
  return [
    repo.trend(boundaries),
    repo.overdueActionsAt(moments),
    repo.overdueActionItemsAt({ at: end, limit: 25 }),
    repo.overdueEvidenceAt([end]),
    repo.findingsByArea(window),
    repo.actionStatusCounts(),
    repo.actionStatusCounts(window),
    repo.notEffectiveVerifications({ window, limit: 25 }),
    repo.evidenceTimeliness(REVIEW),
    repo.evidenceTimeliness(prev),
    repo.findingsRaised({ window, limit: 50, classifications: ['ofi'] }),
  ];
}

const ms = (t: number): number => Math.round(t * 10) / 10;
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Median and minimum wall time of `runs` calls after one warm-up. */
function time(fn: () => unknown, runs = 7): { median: number; min: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, min: times[0] ?? 0 };
}

/** The same for async work (the HTML pack renders its charts asynchronously). */
async function timeAsync(fn: () => Promise<unknown>, runs = 5): Promise<{ median: number; min: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, min: times[0] ?? 0 };
}

export async function runReportingBench(size: ReportingSize = DEFAULT_SIZE): Promise<BenchResult> {
  const file = join(tmpdir(), `auditbot-bench-reporting-${process.pid}.db`);
  rmSync(file, { force: true });
  const db = openDatabase(file);
  try {
    const clock = fixedClock(NOW);
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: TZ, enabledPlatforms: ['slack', 'console'] } };
    const t0 = performance.now();
    const counts = seedReportingData(core, db.$client, size);
    const seeding = performance.now() - t0;
    const rssAfterSeed = process.memoryUsage().rss;

    const repo = createReportingRepository(db);
    const digest = time(() => buildDigest(core));
    const digestSql = time(() => baselineDigest(db.$client));
    const digestFloor = time(() => floorDigest(repo));
    const review = time(() => buildReviewPack(core, REVIEW));
    const reviewSql = time(() => baselineReview(db.$client));
    const reviewFloor = time(() => floorReview(repo));
    // Issue 16: the pack as `export review --format json` writes it, and as the HTML page with its charts.
    let jsonChars = 0;
    let htmlChars = 0;
    const packJson = await timeAsync(async () => {
      jsonChars = toJson(buildManagementReview(core, REVIEW)).length;
    });
    const packHtml = await timeAsync(async () => {
      htmlChars = (await reviewPackHtml(buildManagementReview(core, REVIEW))).length;
    });
    const peak = process.resourceUsage().maxRSS * 1024;

    const { digest: d, message } = buildDigest(core);
    const pack = buildReviewPack(core, REVIEW);
    const ratio = (t: { median: number }, base: { median: number }) => Math.round((t.median / base.median) * 100) / 100;
    const row = (what: string, t: { median: number; min: number }, vs: { baseline: { median: number }; floor: { median: number } } | null) => ({
      measure: what,
      'median (ms)': ms(t.median),
      'min (ms)': ms(t.min),
      'x baseline': vs ? ratio(t, vs.baseline) : '-',
      'x own SQL': vs ? ratio(t, vs.floor) : '-',
    });
    return {
      name: `reporting: digest and review pack over ${size.findings.toLocaleString('en-GB')} findings and ${size.actions.toLocaleString('en-GB')} corrective actions`,
      rows: [
        row('baseline: the digest aggregates in hand-written SQL', digestSql, null),
        row("the digest's own SQL alone (repository, no core)", digestFloor, null),
        row('buildDigest (core, incl. the message)', digest, { baseline: digestSql, floor: digestFloor }),
        row('baseline: the review aggregates in hand-written SQL', reviewSql, null),
        row("the review pack's own SQL alone (repository, no core)", reviewFloor, null),
        row(`buildReviewPack ${REVIEW.from}..${REVIEW.to} (core)`, review, { baseline: reviewSql, floor: reviewFloor }),
        row('management review pack as JSON (export review --format json)', packJson, null),
        { ...row('management review pack as HTML with 4 charts (--format html)', packHtml, null), 'x baseline': ratio(packHtml, packJson) },
      ],
      notes: [
        `Data: ${counts.audits} audits over two cycles, ${counts.evidence.toLocaleString('en-GB')} evidence requests, ${counts.verifications.toLocaleString('en-GB')} verifications, 200 dead letters; seeded in ${ms(seeding)} ms.`,
        `Digest found ${d.open.total.toLocaleString('en-GB')} open nonconformities, ${d.overdueActions.total.toLocaleString('en-GB')} overdue actions, ${d.newFindings.total} new findings this week; message of ${message.blocks.length} blocks and ${JSON.stringify(message).length.toLocaleString('en-GB')} characters.`,
        `Review pack: ${pack.findings.total.toLocaleString('en-GB')} findings in the period, ${pack.quarters.length} quarters, ${pack.nonconformities.openAtEnd.toLocaleString('en-GB')} nonconformities open at the end.`,
        `Memory: RSS ${mb(rssAfterSeed)} MB after seeding; peak RSS ${mb(peak)} MB (process high-water mark, seeding included; aim < 300 MB).`,
        `Management review pack: JSON ${jsonChars.toLocaleString('en-GB')} characters, HTML ${htmlChars.toLocaleString('en-GB')} characters; the HTML row's "x baseline" is against the JSON pack of the same run (aim, issue 16: at most 2x, under 300 MB).`,
        'Aim (issue 8): each under 500 ms, at most 2x the baseline, under 300 MB.',
        'The baseline is the straightforward SQL for each figure (one query per figure and period, on the same indexes); "own SQL" is the repository alone, so "x own SQL" is what the core adds (zod, ports, assembling the model and the message).',
        'Times are wall-clock medians of 7 runs after a warm-up, on the same file database (WAL) in the same process.',
      ],
    };
  } finally {
    db.$client.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

export default async function reportingBench(): Promise<BenchResult> {
  return runReportingBench(DEFAULT_SIZE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await reportingBench();
  console.log(name);
  for (const r of rows) console.log(JSON.stringify(r));
  for (const note of notes ?? []) console.log(note);
}
