// The registers the certification auditor reads (`export programme|findings|actions|evidence`)
// in CSV, JSON and Markdown, and the documents (`export review`, `export audit`). CSV must
// round-trip through a strict RFC 4180 reader and through Python's csv module, with commas,
// quotes, line breaks and non-ASCII text in the fields.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audits } from '../../db/schema.js';
import { PROGRAMME_COLUMNS } from '../../src/cli/commands/export-programme.js';
import { ACTION_LOG_KEYS } from '../../src/core/corrective-actions/list-actions.js';
import { FINDING_VIEW_KEYS } from '../../src/core/findings/list-findings.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { csvObjects, parseCsvStrict, parseCsvWithPython } from '../helpers/csv.js';
import { addAction, addEvidence, addFinding, addVerification } from '../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';

/** Commas, doubled quotes, CRLF and LF, accents, CJK, an emoji and a trailing comma. */
const TRICKY = 'Leavers keep "VPN" access, 3 of 5 accounts;\r\nsecond line: Zoë’s ünïcödé — 日本語 🔐\nthird line, ends with a comma,';
/** Spreadsheets would run this: the export defuses it with a leading apostrophe. */
const FORMULA = '=HYPERLINK("https://evil.example","click")';
const DASHED = '- missing offboarding step, "HR" not told';

let file: string;
let evidenceId: number;

beforeAll(() => {
  file = join(tempDir('auditbot-registers-'), 'auditbot.db');
  const t = makeTestCore('2027-03-08T10:00:00.000Z', { timezone: 'Europe/London', file });
  seedSmallOrg(t);
  const { db } = t;
  addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-20T11:00:00.000Z', statement: TRICKY, evidence: FORMULA });
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'closed', due: '2027-02-19', openedAt: '2027-01-20T11:00:00.000Z', correction: TRICKY, rootCause: DASHED, plan: 'Tägliche Prüfung, "automatisch"\nund protokolliert', implementedAt: '2027-02-10T10:00:00.000Z', closedAt: '2027-02-20T10:00:00.000Z', links: ['https://wiki.acme.example/runbook?a=1,2'] });
  addVerification(db, { actionId: 'CA-2027-0001', at: '2027-02-20T10:00:00.000Z', effective: true, reason: TRICKY });
  addFinding(db, { id: 'F-2027-0002', classification: 'ofi', raisedAt: '2027-02-01T10:00:00.000Z', statement: 'Plain, simple', evidence: 'Seen' });
  addFinding(db, { id: 'F-2027-0003', classification: 'minor', raisedAt: '2027-02-02T10:00:00.000Z', status: 'withdrawn', statusReason: 'Recorded twice, see F-2027-0001' });
  addFinding(db, { id: 'F-2027-0004', classification: 'minor', raisedAt: '2027-02-03T10:00:00.000Z', status: 'superseded', statusReason: 'Repeated minors raised to a major', supersededBy: 'F-2027-0001' });
  evidenceId = addEvidence(db, { requirement: 'A.5.15', due: '2027-02-01', status: 'submitted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-30T09:00:00.000Z', links: ['https://wiki.acme.example/a', 'https://wiki.acme.example/b?tags=x,y'], note: TRICKY });
  db.update(audits).set({ exception: { justification: TRICKY, by: SEED.lead, at: '2027-01-02T10:00:00.000Z', auditor: SEED.otherAuditor }, criteria: ['ISO/IEC 27001:2022', 'Política de acceso, v3'] }).where(eq(audits.id, SEED.audits.isms)).run();
  t.db.$client.close();
});

const run = (args: string[]) => cli(args, { AUDITBOT_DB: file });

/** Reads a CSV export both ways; they must agree exactly. */
async function readCsv(args: string[]): Promise<{ header: string[]; records: Record<string, string>[] }> {
  const r = await run([...args, '--format', 'csv']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // The CLI helper adds nothing to output that already ends with a line break.
  const text = r.stdout;
  expect(text.endsWith('\r\n')).toBe(true);
  const strict = parseCsvStrict(text);
  const python = parseCsvWithPython(text);
  expect(python).toEqual(strict);
  return { header: strict[0] ?? [], records: csvObjects(strict) };
}

describe('the strict CSV reader', () => {
  it('reads quoted fields and refuses what RFC 4180 does not allow', () => {
    expect(parseCsvStrict('a,b\r\n"x, ""y""\r\nz",\r\n')).toEqual([['a', 'b'], ['x, "y"\r\nz', '']]);
    expect(() => parseCsvStrict('a,b\nc,d\n')).toThrow(/expected a comma or CRLF/);
    expect(() => parseCsvStrict('a,b\r\nc"d,e\r\n')).toThrow(/a quote inside a bare field/);
    expect(() => parseCsvStrict('a,b\r\n"c"d,e\r\n')).toThrow(/expected a comma or CRLF/);
    expect(() => parseCsvStrict('a,b\r\nc\r\n')).toThrow(/record 2 has 1 fields/);
    expect(() => parseCsvStrict('a\r\n"open')).toThrow(/unterminated/);
    expect(parseCsvWithPython('a,b\r\n"x, ""y""\r\nz",\r\n')).toEqual([['a', 'b'], ['x, "y"\r\nz', '']]);
  });
});

describe('CSV registers round-trip through a strict RFC 4180 reader and Python csv', () => {
  it('findings', async () => {
    const { header, records } = await readCsv(['export', 'findings']);
    expect(header).toEqual([...FINDING_VIEW_KEYS]);
    const f = records.find((r) => r.id === 'F-2027-0001');
    expect(f?.statement).toBe(TRICKY);
    expect(f?.evidence).toBe(`'${FORMULA}`);
    expect(f).toMatchObject({ auditId: SEED.audits.iam, classification: 'major', requirement: 'A.5.15', owner: SEED.iamOwner, raisedAt: '2027-01-20T11:00:00.000Z', actionId: 'CA-2027-0001', status: 'open', statusReason: '' });
    expect(records).toHaveLength(4);
    // A withdrawn or superseded finding says so: it must not read as an open one.
    expect(records.map((r) => [r.id, r.status, r.statusReason, r.supersededBy])).toEqual([
      ['F-2027-0001', 'open', '', ''],
      ['F-2027-0002', 'open', '', ''],
      ['F-2027-0003', 'withdrawn', 'Recorded twice, see F-2027-0001', ''],
      ['F-2027-0004', 'superseded', 'Repeated minors raised to a major', 'F-2027-0001'],
    ]);
  });

  it('findings in JSON and Markdown carry the status too', async () => {
    const json = JSON.parse((await run(['export', 'findings', '--format', 'json'])).stdout) as { id: string; status: string; statusReason: string | null; supersededBy: string | null }[];
    expect(json.map((f) => [f.id, f.status, f.statusReason, f.supersededBy])).toEqual([
      ['F-2027-0001', 'open', null, null],
      ['F-2027-0002', 'open', null, null],
      ['F-2027-0003', 'withdrawn', 'Recorded twice, see F-2027-0001', null],
      ['F-2027-0004', 'superseded', 'Repeated minors raised to a major', 'F-2027-0001'],
    ]);
    const md = (await run(['export', 'findings', '--format', 'md'])).stdout;
    expect(md).toContain('| status | statusReason | supersededBy |');
    expect(md).toMatch(/\| F-2027-0003 \|.*\| withdrawn \| Recorded twice, see F-2027-0001 \| {2}\|/);
    expect(md).toContain('4 findings (2 open, 1 withdrawn, 1 superseded).');
  });

  it('corrective actions', async () => {
    const { header, records } = await readCsv(['export', 'actions']);
    expect(header).toEqual([...ACTION_LOG_KEYS]);
    const a = records[0];
    expect(a?.correction).toBe(TRICKY);
    expect(a?.rootCause).toBe(`'${DASHED}`);
    expect(a?.plan).toBe('Tägliche Prüfung, "automatisch"\nund protokolliert');
    expect(a?.implementationLinks).toBe('https://wiki.acme.example/runbook?a=1,2');
    expect(JSON.parse(a?.verifications ?? '[]')).toEqual([{ by: SEED.auditor, at: '2027-02-20T10:00:00.000Z', effective: true, reason: TRICKY }]);
  });

  it('evidence', async () => {
    const { records } = await readCsv(['export', 'evidence']);
    const e = records.find((r) => r.id === String(evidenceId));
    expect(e?.note).toBe(TRICKY);
    expect(e?.links).toBe('https://wiki.acme.example/a https://wiki.acme.example/b?tags=x,y');
    expect(e).toMatchObject({ requirement: 'A.5.15', title: 'Access control', status: 'submitted', due: '2027-02-01' });
  });

  it('programme', async () => {
    const { header, records } = await readCsv(['export', 'programme']);
    expect(header).toEqual([...PROGRAMME_COLUMNS]);
    expect(records.map((r) => r.id)).toEqual([SEED.audits.iam, SEED.audits.isms, SEED.audits.suppliersPlanned]);
    expect(records[1]).toMatchObject({
      cycle: '2027',
      status: 'in_progress',
      areas: 'isms',
      clauses: '9.2 10.2',
      criteria: 'ISO/IEC 27001:2022; Política de acceso, v3',
      lead: SEED.otherAuditor,
      needsExternalAuditor: 'false',
      exception: TRICKY,
      exceptionAuditor: SEED.otherAuditor,
      exceptionBy: SEED.lead,
    });
  });
});

describe('registers in JSON and Markdown', () => {
  it('export programme --format json keeps the programme contract; md is a table with the same columns', async () => {
    const json = JSON.parse((await run(['export', 'programme', '--format', 'json'])).stdout) as { cycle: string; audits: { id: string; auditors: unknown[]; exception: unknown }[]; gaps: string[] };
    expect(json.cycle).toBe('2027');
    expect(json.audits).toHaveLength(3);
    expect(json.audits[1]).toMatchObject({ id: SEED.audits.isms, auditors: [{ email: SEED.otherAuditor, role: 'lead' }], exception: { justification: TRICKY, by: SEED.lead } });
    const md = (await run(['export', 'programme', '--format', 'md', '--cycle', '2026'])).stdout;
    expect(md).toContain('# Audit programme 2026');
    expect(md).toContain(`| ${PROGRAMME_COLUMNS.join(' | ')} |`);
    expect(md).toContain(`| 2026 | ${SEED.audits.suppliersClosed} | closed |`);
  });

  it('every register accepts csv, json and md', async () => {
    for (const register of ['programme', 'findings', 'actions', 'evidence']) {
      for (const format of ['csv', 'json', 'md']) {
        const r = await run(['export', register, '--format', format]);
        expect({ register, format, code: r.code, stderr: r.stderr }).toEqual({ register, format, code: 0, stderr: '' });
      }
    }
    const md = (await run(['export', 'findings', '--format', 'md'])).stdout;
    // A line break inside a cell stays inside the table row.
    expect(md).toContain('3 of 5 accounts;<br>second line');
  });
});

describe('export review and export audit', () => {
  it('prints the review pack as Markdown by default and as JSON', async () => {
    const md = await run(['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Management review input: internal audit 1 January 2027 to 31 March 2027');
    const json = JSON.parse((await run(['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31', '--format', 'json'])).stdout) as { findings: { byClassification: Record<string, number> }; quarters: unknown[] };
    // The CLI reads the machine's clock and the pack counts nothing after the moment it is generated.
    const happened = Date.now() >= Date.parse('2027-02-01T10:00:00.000Z');
    expect(json.findings.byClassification).toEqual(happened ? { major: 1, minor: 0, ofi: 1, observation: 0 } : { major: 0, minor: 0, ofi: 0, observation: 0 });
    expect(json.quarters).toHaveLength(1);
  });

  it('refuses a review without dates, or in CSV', async () => {
    const missing = await run(['export', 'review', '--from', '2027-01-01']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--to is required');
    const csv = await run(['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31', '--format', 'csv']);
    expect(csv.stderr).toContain('--format must be one of md, json');
  });

  it('prints one audit\'s report as Markdown and JSON', async () => {
    const md = await run(['export', 'audit', SEED.audits.iam]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Internal audit report IA-2027-01');
    expect(md.stdout).toContain('## Conclusion');
    const json = JSON.parse((await run(['export', 'audit', SEED.audits.iam.toLowerCase(), '--format', 'json'])).stdout) as { id: string; findings: { items: { statement: string }[] } };
    expect(json.id).toBe(SEED.audits.iam);
    expect(json.findings.items[0]?.statement).toBe(TRICKY);
    const unknown = await run(['export', 'audit', 'IA-1999-01']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('There is no audit IA-1999-01');
  });
});
