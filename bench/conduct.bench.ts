// Benchmark (issue 13): a cycle of 600 audits with 40 checklist items each (24,000 items, 5
// working papers per item: 120,000 papers). `programme show --format json` and `export audit`
// (Markdown and JSON) are timed against the baseline of reading the same rows with hand-written
// SQL on the same database in the same run. Aim: within 2× of the baseline.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { auditReportMarkdown } from '../src/cli/reports/audit-report.js';
import { toJson } from '../src/cli/format.js';
import { CLAUSES, CONTROLS } from '../src/core/catalogue/catalogue-data.js';
import { programmeAchievedJson, showProgrammeAchieved } from '../src/core/conduct/programme-achieved.js';
import type { Core } from '../src/core/context.js';
import { buildAuditReport } from '../src/core/reporting/build-audit-report.js';
import { fixedClock } from '../src/core/shared/clock.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const AUDITS = 600;
const ITEMS = 40;
const PAPERS = 5;
const VERDICTS = ['conforming', 'conforming', 'ofi', 'not_audited', 'unassessed', 'conforming'] as const;

const ms = (t: number): number => Math.round(t * 10) / 10;

function seed(db: ReturnType<typeof openDatabase>): void {
  const c = db.$client;
  const at = '2027-01-05T10:00:00.000Z';
  const requirements = [...CLAUSES.map((x) => x.id), ...CONTROLS.map((x) => x.id)];
  c.transaction(() => {
    c.prepare("insert into organisation (id, name, timezone, updated_at) values (1, 'Bench Ltd', 'Europe/London', ?)").run(at);
    c.prepare("insert into teams (key, name) values ('isms', 'ISMS')").run();
    const person = c.prepare("insert into people (email, name, team, roles) values (?, ?, 'isms', ?)");
    person.run('lead@bench.example', 'Lead', '["lead"]');
    person.run('auditor@bench.example', 'Auditor', '["auditor"]');
    c.prepare("insert into programmes (cycle, start, months, max_per_month, gaps, planned_at, planned_by) values ('2027', '2027-01-01', 12, null, '[]', ?, 'lead@bench.example')").run(at);
    const audit = c.prepare("insert into audits (id, cycle, status, start, end, areas, clauses, controls, criteria) values (?, '2027', 'in_progress', ?, ?, '[]', ?, ?, '[\"ISO/IEC 27001:2022\"]')");
    const assign = c.prepare("insert into audit_auditors (audit_id, email, role, rationale, assigned_at) values (?, 'auditor@bench.example', 'lead', '{}', ?)");
    const verdict = c.prepare('insert into checklist_verdicts (audit_id, requirement, verdict, reason, notes, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
    const paper = c.prepare("insert into working_papers (audit_id, requirement, kind, body, recorded_by, recorded_at) values (?, ?, ?, ?, 'auditor@bench.example', ?)");
    for (let a = 0; a < AUDITS; a++) {
      const id = `IA-2027-${String(a + 1).padStart(2, '0')}`;
      const scope = Array.from({ length: ITEMS }, (_, k) => requirements[(a * 7 + k) % requirements.length] ?? '4.1');
      const unique = [...new Set(scope)];
      const month = String((a % 12) + 1).padStart(2, '0');
      audit.run(id, `2027-${month}-01T00:00:00.000Z`, `2027-${month}-28T00:00:00.000Z`, JSON.stringify(unique.filter((r) => !r.startsWith('A.'))), JSON.stringify(unique.filter((r) => r.startsWith('A.'))));
      assign.run(id, at);
      unique.forEach((requirement, k) => {
        const v = VERDICTS[(a + k) % VERDICTS.length] ?? 'conforming';
        if (v !== 'unassessed') verdict.run(id, requirement, v, v === 'not_audited' ? 'Out of reach this cycle' : null, 'Seen.', 'auditor@bench.example', at);
        const bodies = [
          { kind: 'document', link: `https://wiki.bench.example/${id}/${requirement}`, title: 'Policy' },
          { kind: 'sample', population: 'joiners', populationSize: 120, sampleSize: 5, method: 'random', seed: a * 100 + k, items: [3, 17, 40, 77, 101], results: [{ item: 3, result: 'ok', note: '' }] },
          { kind: 'interview', who: 'lead@bench.example', role: 'Owner', when: '2027-01-06', requirements: [requirement], summary: 'Walked through it.' },
          { kind: 'note', text: 'A note.' },
          { kind: 'note', text: 'Another note.' },
        ].slice(0, PAPERS);
        for (const body of bodies) paper.run(id, requirement, body.kind, JSON.stringify(body), at);
      });
    }
  })();
}

export default async function conductBench(): Promise<BenchResult> {
  const file = join(tmpdir(), `auditbot-bench-conduct-${process.pid}.db`);
  rmSync(file, { force: true });
  const db = openDatabase(file);
  try {
    seed(db);
    const clock = fixedClock('2027-06-01T09:00:00Z');
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['console'] } };
    const c = db.$client;
    // The subject and its baseline run alternately, so a busy machine slows both alike; each
    // figure is the median of its runs.
    const median = (all: number[]): number => all.sort((x, y) => x - y)[Math.floor(all.length / 2)] ?? 0;
    const timed = (fn: () => unknown): number => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const versus = (fn: () => unknown, base: () => unknown, runs: number): { t: number; base: number } => {
      fn();
      base();
      const ts: number[] = [];
      const bs: number[] = [];
      for (let i = 0; i < runs; i++) {
        bs.push(timed(base));
        ts.push(timed(fn));
      }
      return { t: median(ts), base: median(bs) };
    };
    // Baselines: the same rows read with hand-written SQL and serialised, nothing else.
    const cycleRows = () =>
      JSON.stringify({
        programme: c.prepare("select * from programmes where cycle = '2027'").get(),
        audits: c.prepare("select * from audits where cycle = '2027' order by start, id").all(),
        auditors: c.prepare("select aa.audit_id, aa.email, aa.role from audit_auditors aa join audits a on a.id = aa.audit_id where a.cycle = '2027'").all(),
        verdicts: c.prepare("select v.audit_id, v.requirement, v.verdict from checklist_verdicts v join audits a on a.id = v.audit_id where a.cycle = '2027'").all(),
        areas: c.prepare('select * from areas').all(),
        applicability: c.prepare('select * from applicability').all(),
      }).length;
    const auditId = 'IA-2027-300';
    // Prepared once, outside the timed runs: the fastest honest way to read the same rows.
    const auditSql = {
      audit: c.prepare('select * from audits where id = ?'),
      auditors: c.prepare('select * from audit_auditors where audit_id = ?'),
      evidence: c.prepare('select * from evidence_requests where audit_id = ?'),
      findings: c.prepare('select * from findings where audit_id = ?'),
      verdicts: c.prepare('select * from checklist_verdicts where audit_id = ?'),
      papers: c.prepare('select * from working_papers where audit_id = ? order by id'),
      meetings: c.prepare('select * from audit_meetings where audit_id = ?'),
      conclusion: c.prepare('select * from audit_conclusions where audit_id = ?'),
      plan: c.prepare('select * from audit_plans where audit_id = ?'),
    };
    const auditRows = () =>
      JSON.stringify({
        audit: auditSql.audit.get(auditId),
        auditors: auditSql.auditors.all(auditId),
        evidence: auditSql.evidence.all(auditId),
        findings: auditSql.findings.all(auditId),
        verdicts: auditSql.verdicts.all(auditId),
        papers: auditSql.papers.all(auditId),
        meetings: auditSql.meetings.all(auditId),
        conclusion: auditSql.conclusion.get(auditId),
        plan: auditSql.plan.get(auditId),
      }).length;
    const programmeJson = () => toJson(programmeAchievedJson(showProgrammeAchieved(core, { cycle: '2027' }))).length;
    const exportJson = () => toJson(buildAuditReport(core, { auditId })).length;
    const exportMd = () => auditReportMarkdown(buildAuditReport(core, { auditId })).length;
    const row = (what: string, m: { t: number; base: number }) => ({ what, 'time (ms)': ms(m.t), 'baseline (ms)': ms(m.base), 'x baseline': Math.round((m.t / m.base) * 10) / 10 });
    const items = (c.prepare('select count(*) as n from working_papers').get() as { n: number }).n;
    return {
      name: `conduct: ${AUDITS} audits × ${ITEMS} checklist items, ${items.toLocaleString('en-GB')} working papers`,
      rows: [
        row('programme show --format json (cycle)', versus(programmeJson, cycleRows, 7)),
        row(`export audit ${auditId} --format json`, versus(exportJson, auditRows, 201)),
        row(`export audit ${auditId} (Markdown)`, versus(exportMd, auditRows, 201)),
      ],
      notes: ['Aim (issue 13): within 2× of reading the same rows with hand-written SQL, measured in the same run (median of the runs).'],
    };
  } finally {
    db.$client.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, rows, notes } = await conductBench();
  console.log(name);
  for (const r of rows) console.log(JSON.stringify(r));
  for (const n of notes ?? []) console.log(n);
}
