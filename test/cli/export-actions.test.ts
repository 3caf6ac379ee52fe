// `auditbot export actions --format json|csv|md`: the corrective-action log with the whole
// chain, in the JSON shape of docs/json-contracts.md, and CSV that two independent readers read back exactly.
import { describe, expect, it } from 'vitest';
import { markImplemented } from '../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../src/core/corrective-actions/plan-action.js';
import { requestExtension } from '../../src/core/corrective-actions/request-extension.js';
import { decideExtension } from '../../src/core/corrective-actions/decide-extension.js';
import { verifyAction } from '../../src/core/corrective-actions/verify-action.js';
import { as, PLAN, recordNonconformity, setupActions } from '../core/corrective-actions/fixture.js';
import { cli, emptyDatabase, tempDir } from '../helpers/cli.js';
import { csvObjects, parseCsvStrict, parseCsvWithPython } from '../helpers/csv.js';
import { SEED } from '../helpers/seed.js';

const AWKWARD = {
  correction: 'Disabled "svc-payroll, EU" and 2 others;\nsecond line: Zoë Łukasiewicz, 東京 office ✓',
  rootCause: 'HR leaver list, exported as CSV, dropped rows with commas',
  plan: 'Reconcile weekly; alert on drift\r\nthen review monthly',
};

function seededFile(): string {
  const file = `${tempDir()}/auditbot.db`;
  const t = setupActions('2027-01-04T10:00:00Z', () => {}, file);
  const bo = as(SEED.iamOwner, 'cli');
  const ana = as(SEED.auditor, 'slack');
  // CA-2027-0001: the whole chain, with one round found not effective and an extension.
  const a1 = recordNonconformity(t, { classification: 'major' });
  t.clock.set('2027-01-05T09:00:00Z');
  planAction(t.core, bo, { actionId: a1.id, ...PLAN, due: '2027-01-29' });
  t.clock.set('2027-01-20T15:00:00Z');
  markImplemented(t.core, bo, { actionId: a1.id, links: 'https://tickets.example/IAM-7\nhttps://wiki.example/leavers?v=2' });
  t.clock.set('2027-01-22T10:00:00Z');
  verifyAction(t.core, ana, { actionId: a1.id, effective: false, reason: 'Two leavers, "temp" accounts, still active.', due: '2027-02-26' });
  t.clock.set('2027-01-25T10:00:00Z');
  requestExtension(t.core, bo, { actionId: a1.id, due: '2027-03-12', reason: 'Waiting for the HR integration, ticket HR-12.' });
  decideExtension(t.core, as(SEED.lead, 'cli'), { actionId: a1.id, approve: true });
  t.clock.set('2027-03-01T10:00:00Z');
  markImplemented(t.core, bo, { actionId: a1.id, links: 'https://tickets.example/IAM-9' });
  t.clock.set('2027-03-02T10:00:00Z');
  verifyAction(t.core, ana, { actionId: a1.id, effective: true, reason: 'Sampled all 14 leavers since February: disabled on the day.' });
  // CA-2027-0002: planned, with awkward text; CA-2027-0003: open, nothing planned yet.
  t.clock.set('2027-03-03T10:00:00Z');
  const a2 = recordNonconformity(t, { requirement: 'A.5.18' });
  planAction(t.core, bo, { actionId: a2.id, ...AWKWARD, due: a2.due });
  recordNonconformity(t, { requirement: 'A.8.5' });
  t.db.$client.close();
  return file;
}

const CONTRACT_KEYS = ['id', 'findingId', 'owner', 'status', 'due', 'correction', 'rootCause', 'plan', 'verifications'];

describe('auditbot export actions', () => {
  it('prints the corrective-action log as JSON with the shape of docs/json-contracts.md and the whole chain', async () => {
    const file = seededFile();
    const res = await cli(['export', 'actions', '--format', 'json'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(json.map((a) => [a.id, a.status])).toEqual([
      ['CA-2027-0001', 'closed'],
      ['CA-2027-0002', 'planned'],
      ['CA-2027-0003', 'open'],
    ]);
    for (const a of json) expect(Object.keys(a).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(json[0]).toEqual({
      id: 'CA-2027-0001',
      findingId: 'F-2027-0001',
      owner: SEED.iamOwner,
      status: 'closed',
      due: '2027-03-12',
      correction: PLAN.correction,
      rootCause: PLAN.rootCause,
      plan: PLAN.plan,
      verifications: [
        { by: SEED.auditor, at: '2027-01-22T10:00:00.000Z', effective: false, reason: 'Two leavers, "temp" accounts, still active.' },
        { by: SEED.auditor, at: '2027-03-02T10:00:00.000Z', effective: true, reason: 'Sampled all 14 leavers since February: disabled on the day.' },
      ],
      classification: 'major',
      requirement: 'A.5.15',
      area: 'iam',
      auditId: SEED.audits.iam,
      raisedBy: SEED.auditor,
      implementationLinks: ['https://tickets.example/IAM-9'],
      openedAt: '2027-01-04T10:00:00.000Z',
      plannedAt: '2027-01-05T09:00:00.000Z',
      implementedAt: '2027-03-01T10:00:00.000Z',
      closedAt: '2027-03-02T10:00:00.000Z',
      extensions: [{ by: SEED.lead, at: '2027-01-25T10:00:00.000Z', from: '2027-02-26', to: '2027-03-12', reason: 'Waiting for the HR integration, ticket HR-12.' }],
    });
    expect(json[2]).toMatchObject({ status: 'open', correction: null, rootCause: null, plan: null, verifications: [], implementationLinks: [], plannedAt: null, extensions: [] });

    const filtered = await cli(['export', 'actions', '--status', 'planned', '--owner', 'BO@acme.example'], { AUDITBOT_DB: file });
    expect((JSON.parse(filtered.stdout) as { id: string }[]).map((a) => a.id)).toEqual(['CA-2027-0002']);
  });

  it('writes CSV that reads back exactly (strict RFC 4180 and Python), nested lists as JSON', async () => {
    const file = seededFile();
    const json = JSON.parse((await cli(['export', 'actions', '--format', 'json'], { AUDITBOT_DB: file })).stdout) as Record<string, unknown>[];
    const res = await cli(['export', 'actions', '--format', 'csv'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const strict = parseCsvStrict(res.stdout);
    expect(parseCsvWithPython(res.stdout)).toEqual(strict);
    expect(strict[0]).toEqual(Object.keys(json[0] ?? {}));
    const nullable = new Set(['correction', 'rootCause', 'plan', 'plannedAt', 'implementedAt', 'closedAt']);
    const back = csvObjects(strict).map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          k === 'verifications' || k === 'extensions' ? JSON.parse(v) : k === 'implementationLinks' ? (v === '' ? [] : v.split(' ')) : nullable.has(k) && v === '' ? null : v,
        ]),
      ),
    );
    expect(back).toEqual(json);
    expect(back[1]).toMatchObject(AWKWARD);
  });

  it('writes a Markdown table with one row per action and each verification on its own line', async () => {
    const file = seededFile();
    const res = await cli(['export', 'actions', '--format', 'md'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('# Corrective-action log');
    expect(res.stdout).toContain('| id | findingId | owner | status | due | correction | rootCause | plan | verifications |');
    expect(res.stdout.split('\n').filter((l) => l.startsWith('| CA-2027-'))).toHaveLength(3);
    expect(res.stdout).toContain('2027-01-22T10:00:00.000Z ana@acme.example: not effective: Two leavers, "temp" accounts, still active.<br>2027-03-02T10:00:00.000Z ana@acme.example: effective');
  });

  it('says so when there is nothing, and refuses an unknown status', async () => {
    const file = emptyDatabase('empty.db');
    expect((await cli(['export', 'actions', '--format', 'md'], { AUDITBOT_DB: file })).stdout).toContain('No corrective actions yet.');
    const bad = await cli(['export', 'actions', '--status', 'done'], { AUDITBOT_DB: file });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be one of open, planned, implemented, closed');
  });
});
