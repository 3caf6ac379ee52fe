// The baseline of bench/cli.bench.ts: the least any program must do to answer `export findings
// --format json`, `programme show --format json` and `trail verify` from the same SQLite file.
// Plain CommonJS on better-sqlite3, no TypeScript, no ORM, no validation, no framework: open the
// file read-only, read the same rows, build the same JSON (byte for byte: the benchmark checks)
// or recompute the same SHA-256 chain, print it. Usage: node bench/cli-baseline.cjs <findings|programme|trail> <db file>
'use strict';
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports */
const { createHash } = require('node:crypto');
const Database = require('better-sqlite3');

const [what, file] = process.argv.slice(2);
const db = new Database(file, { readonly: true, fileMustExist: true });

function findings() {
  const rows = db
    .prepare(
      `SELECT id, audit_id AS auditId, classification, requirement, statement, evidence, area, owner, raised_by AS raisedBy, raised_at AS raisedAt, action_id AS actionId
       FROM findings ORDER BY raised_at, id`,
    )
    .all();
  return JSON.stringify(rows, null, 2);
}

function programme() {
  const p = db.prepare('SELECT cycle, start, months, max_per_month AS maxPerMonth, gaps FROM programmes ORDER BY start DESC, planned_at DESC, cycle LIMIT 1').get();
  const auditors = new Map();
  for (const a of db.prepare('SELECT aa.audit_id AS auditId, aa.email, aa.role FROM audit_auditors aa JOIN audits a ON a.id = aa.audit_id WHERE a.cycle = ? ORDER BY aa.audit_id, aa.role').all(p.cycle)) {
    const list = auditors.get(a.auditId) ?? [];
    list.push({ email: a.email, role: a.role });
    auditors.set(a.auditId, list);
  }
  const audits = db
    .prepare('SELECT id, status, start, "end", areas, clauses, controls, criteria, needs_external_auditor AS ext, exception FROM audits WHERE cycle = ? ORDER BY start, length(id), id')
    .all(p.cycle)
    .map((a) => {
      const e = a.exception === null ? null : JSON.parse(a.exception);
      return {
        id: a.id,
        status: a.status,
        start: a.start,
        end: a.end,
        areas: JSON.parse(a.areas),
        clauses: JSON.parse(a.clauses),
        controls: JSON.parse(a.controls),
        criteria: JSON.parse(a.criteria),
        auditors: auditors.get(a.id) ?? [],
        needsExternalAuditor: a.ext === 1,
        exception: e === null ? null : { justification: e.justification, by: e.by, at: e.at, auditor: e.auditor ?? null },
      };
    });
  const gaps = JSON.parse(p.gaps);
  return JSON.stringify({ cycle: p.cycle, start: p.start, months: p.months, maxPerMonth: p.maxPerMonth, incomplete: gaps.length > 0, audits, gaps }, null, 2);
}

// The canonical JSON of an event's content, keys in sorted order, as src/core/trail/hash.ts defines it.
const s = JSON.stringify;
function trail() {
  let prev = '0'.repeat(64);
  let count = 0;
  for (const e of db.prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq').iterate()) {
    count++;
    if (e.seq !== count || e.prevHash !== prev) return `FAILED at event #${count}`;
    const content = `{"action":${s(e.action)},"actor":${s(e.actor)},"after":${s(e.after)},"at":${s(e.at)},"before":${s(e.before)},"channel":${s(e.channel)},"seq":${e.seq},"subject":${s(e.subject)}}`;
    const hash = createHash('sha256').update(prev).update('\n').update(content).digest('hex');
    if (hash !== e.hash) return `FAILED at event #${e.seq}`;
    prev = hash;
  }
  return `OK: ${count} event${count === 1 ? '' : 's'}, chain intact (last hash ${prev.slice(0, 16)}…)`;
}

const out = what === 'findings' ? findings() : what === 'programme' ? programme() : what === 'trail' ? trail() : null;
if (out === null) {
  process.stderr.write('usage: node bench/cli-baseline.cjs <findings|programme|trail> <db file>\n');
  process.exit(2);
}
process.stdout.write(`${out}\n`);
