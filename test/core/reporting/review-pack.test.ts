// The management review pack (clause 9.3): every figure checked against a small, fully known
// history spanning the previous period and two quarters of this one.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { audits } from '../../../db/schema.js';
import { reviewPackMarkdown } from '../../../src/cli/reports/review-pack.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { buildReviewPack } from '../../../src/core/reporting/build-review-pack.js';
import { previousPeriod, quartersOf } from '../../../src/core/reporting/reporting-periods.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { addAction, addEvidence, addFinding, addVerification } from '../../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

function history(): TestCore {
  const t = makeTestCore('2027-07-05T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  const { db } = t;
  // The previous period (4 July to 31 December 2026).
  addFinding(db, { id: 'F-2026-0001', classification: 'minor', raisedAt: '2026-09-20T10:00:00.000Z', auditId: SEED.audits.suppliersClosed, requirement: 'A.5.19', area: SEED.areas.suppliers, owner: SEED.suppliersOwner });
  addAction(db, { id: 'CA-2026-0001', findingId: 'F-2026-0001', owner: SEED.suppliersOwner, status: 'closed', due: '2026-11-30', openedAt: '2026-09-20T10:00:00.000Z', implementedAt: '2027-02-01T10:00:00.000Z', closedAt: '2027-02-10T10:00:00.000Z' });
  addVerification(db, { actionId: 'CA-2026-0001', at: '2027-02-10T10:00:00.000Z', effective: true, reason: 'Clauses in every contract' });
  addFinding(db, { id: 'F-2026-0002', classification: 'ofi', raisedAt: '2026-09-21T10:00:00.000Z', auditId: SEED.audits.suppliersClosed, requirement: 'A.5.20', area: SEED.areas.suppliers, owner: SEED.suppliersOwner });
  addEvidence(db, { requirement: 'A.5.19', auditId: SEED.audits.suppliersClosed, owner: SEED.suppliersOwner, due: '2026-09-20', status: 'accepted', requestedAt: '2026-09-08T09:00:00.000Z', submittedAt: '2026-09-18T09:00:00.000Z' });
  // Q1 2027.
  addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-20T11:00:00.000Z', statement: 'Leavers keep VPN access' });
  // Implemented, found not effective on 10 March, back to planning with a new due date.
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'planned', due: '2027-04-30', openedAt: '2027-01-20T11:00:00.000Z', plannedAt: '2027-03-10T10:00:00.000Z' });
  addVerification(db, { actionId: 'CA-2027-0001', at: '2027-03-10T10:00:00.000Z', effective: false, reason: 'Two leavers still had access' });
  addFinding(db, { id: 'F-2027-0002', classification: 'minor', raisedAt: '2027-02-01T10:00:00.000Z', requirement: 'A.8.5', owner: SEED.authOwner });
  addAction(db, { id: 'CA-2027-0002', findingId: 'F-2027-0002', owner: SEED.authOwner, status: 'closed', due: '2027-03-15', openedAt: '2027-02-01T10:00:00.000Z', implementedAt: '2027-03-10T10:00:00.000Z', closedAt: '2027-04-05T10:00:00.000Z' });
  addVerification(db, { actionId: 'CA-2027-0002', at: '2027-04-05T10:00:00.000Z', effective: true, reason: 'MFA enforced' });
  addFinding(db, { id: 'F-2027-0003', classification: 'ofi', raisedAt: '2027-03-03T10:00:00.000Z', auditId: SEED.audits.isms, requirement: '9.2', area: SEED.areas.isms, owner: SEED.lead, statement: 'Audit checklists could be shared' });
  // Q2 2027.
  addFinding(db, { id: 'F-2027-0004', classification: 'observation', raisedAt: '2027-05-01T10:00:00.000Z' });
  addFinding(db, { id: 'F-2027-0005', classification: 'minor', raisedAt: '2027-06-10T10:00:00.000Z', auditId: SEED.audits.isms, requirement: '10.2', area: SEED.areas.isms, owner: SEED.lead });
  // After the period: never counted.
  addFinding(db, { id: 'F-2027-0006', classification: 'major', raisedAt: '2027-07-02T10:00:00.000Z' });
  // Evidence due in the period: on time, late by 4 days, outstanding, withdrawn.
  addEvidence(db, { requirement: 'A.5.15', due: '2027-01-25', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-20T09:00:00.000Z' });
  addEvidence(db, { requirement: 'A.8.5', owner: SEED.authOwner, due: '2027-02-01', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-02-05T09:00:00.000Z' });
  addEvidence(db, { requirement: '9.2', auditId: SEED.audits.isms, owner: SEED.lead, due: '2027-06-20', status: 'requested', requestedAt: '2027-06-01T09:00:00.000Z' });
  addEvidence(db, { requirement: '10.2', auditId: SEED.audits.isms, owner: SEED.lead, due: '2027-03-01', status: 'withdrawn', requestedAt: '2027-02-01T09:00:00.000Z' });
  db.update(audits).set({ status: 'closed', closedAt: '2027-05-20T16:00:00.000Z' }).where(eq(audits.id, SEED.audits.iam)).run();
  db.update(audits).set({ exception: { justification: 'Carl is the only auditor who knows the ISMS', by: SEED.lead, at: '2027-01-02T10:00:00.000Z', auditor: SEED.otherAuditor } }).where(eq(audits.id, SEED.audits.isms)).run();
  return t;
}

describe('review pack periods', () => {
  it('splits a period into calendar quarters and finds the previous period of the same length', () => {
    expect(quartersOf('2027-02-15', '2027-08-10').map((q) => [q.label, q.from, q.to])).toEqual([
      ['2027-Q1', '2027-02-15', '2027-03-31'],
      ['2027-Q2', '2027-04-01', '2027-06-30'],
      ['2027-Q3', '2027-07-01', '2027-08-10'],
    ]);
    expect(quartersOf('2026-12-01', '2027-01-31').map((q) => q.label)).toEqual(['2026-Q4', '2027-Q1']);
    expect(previousPeriod('2027-01-01', '2027-06-30')).toEqual({ from: '2026-07-04', to: '2026-12-31' });
    expect(previousPeriod('2027-01-01', '2027-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('the management review pack', () => {
  it('counts audits, findings, nonconformities, actions, verifications, overdue items, evidence and OFIs, by quarter and against the previous period', () => {
    const t = history();
    const p = buildReviewPack(t.core, { from: '2027-01-01', to: '2027-06-30' });
    expect(p.period).toEqual({ from: '2027-01-01', to: '2027-06-30' });
    expect(p.previousPeriod).toEqual({ from: '2026-07-04', to: '2026-12-31' });

    expect(p.audits).toMatchObject({ planned: 3, done: 1, inProgress: 1, notStarted: 1, closedInPeriod: 1 });
    expect(p.audits.items.map((a) => [a.id, a.status, a.lead])).toEqual([
      [SEED.audits.iam, 'closed', SEED.auditor],
      [SEED.audits.isms, 'in_progress', SEED.otherAuditor],
      [SEED.audits.suppliersPlanned, 'planned', SEED.otherAuditor],
    ]);

    expect(p.findings.byClassification).toEqual({ major: 1, minor: 2, ofi: 1, observation: 1 });
    expect(p.findings.total).toBe(5);
    expect(p.findings.byArea).toEqual([
      { area: 'iam', name: 'Identity and access management', major: 1, minor: 1, ofi: 0, observation: 1, total: 3 },
      { area: 'isms', name: 'ISMS management', major: 0, minor: 1, ofi: 1, observation: 0, total: 2 },
    ]);

    expect(p.nonconformities).toEqual({ raised: 3, closed: 2, openAtStart: 1, openAtEnd: 2 });
    expect(p.actions).toMatchObject({ opened: 2, closed: 2, byStatusNow: { open: 0, planned: 1, implemented: 0, closed: 2 }, openedInPeriodByStatus: { open: 0, planned: 1, implemented: 0, closed: 1 } });

    expect(p.quarters).toEqual([
      {
        quarter: '2027-Q1', from: '2027-01-01', to: '2027-03-31',
        nonconformitiesRaised: 2, majorRaised: 1, minorRaised: 1, opportunitiesRaised: 1, observationsRaised: 0,
        actionsOpened: 2, actionsClosed: 1, nonconformitiesOpenAtEnd: 2, actionsOverdueAtEnd: 0,
        verificationsEffective: 1, verificationsNotEffective: 1,
      },
      {
        quarter: '2027-Q2', from: '2027-04-01', to: '2027-06-30',
        nonconformitiesRaised: 1, majorRaised: 0, minorRaised: 1, opportunitiesRaised: 0, observationsRaised: 1,
        actionsOpened: 0, actionsClosed: 1, nonconformitiesOpenAtEnd: 2, actionsOverdueAtEnd: 1,
        verificationsEffective: 1, verificationsNotEffective: 0,
      },
    ]);

    expect(p.verifications).toMatchObject({ total: 3, effective: 2, notEffective: 1 });
    expect(p.verifications.notEffectiveItems.items).toEqual([
      { actionId: 'CA-2027-0001', findingId: 'F-2027-0001', by: SEED.auditor, at: '2027-03-10T10:00:00.000Z', effective: false, reason: 'Two leavers still had access' },
    ]);

    // The period is over: what was overdue on its last day, rebuilt from the recorded dates.
    expect(p.overdue.asOf).toBe('2027-06-30');
    expect(p.overdue.actions.items.map((a) => a.id)).toEqual(['CA-2027-0001']);
    expect(p.overdue.evidence).toEqual({ total: 1, items: null });

    expect(p.independenceExceptions).toEqual([expect.objectContaining({ auditId: SEED.audits.isms, kind: 'exception', auditor: SEED.otherAuditor })]);
    expect(p.evidence).toEqual({ due: 4, onTime: 1, late: 1, outstanding: 1, withdrawn: 1, averageDaysLate: 4, onTimeRate: 33.3 });
    expect(p.opportunities.total).toBe(1);
    expect(p.opportunities.items[0]).toMatchObject({ id: 'F-2027-0003', statement: 'Audit checklists could be shared' });

    expect(p.previous).toEqual({
      auditsClosed: 1,
      findings: { major: 0, minor: 1, ofi: 1, observation: 0 },
      nonconformitiesOpenAtEnd: 1,
      actionsOpened: 1,
      actionsClosed: 0,
      actionsOverdueAtEnd: 1,
      verificationsEffective: 0,
      verificationsNotEffective: 0,
      evidenceOnTimeRate: 100,
    });
    expect(p.changes).toContainEqual({ measure: 'Major nonconformities raised', previous: 0, current: 1, change: 1 });
    expect(p.changes).toContainEqual({ measure: 'Corrective actions overdue at the end', previous: 1, current: 1, change: 0 });
    expect(p.changes).toContainEqual({ measure: 'Evidence answered on time (%)', previous: 100, current: 33.3, change: -66.7 });
  });

  it('lists what is overdue now when the period runs to today or beyond', () => {
    const t = history();
    const p = buildReviewPack(t.core, { from: '2027-01-01', to: '2027-12-31' });
    expect(p.overdue.asOf).toBe('2027-07-05');
    expect(p.overdue.actions.items.map((a) => a.id)).toEqual(['CA-2027-0001']);
    expect(p.overdue.evidence.items?.map((e) => e.requirement)).toEqual(['9.2']);
    expect(p.findings.byClassification.major).toBe(2);
  });

  it('reads as a Markdown document with every section', () => {
    const md = reviewPackMarkdown(buildReviewPack(history().core, { from: '2027-01-01', to: '2027-06-30' }));
    expect(md).toMatch(/^# Management review input: internal audit 1 January 2027 to 30 June 2027\n/);
    for (const heading of [
      '## What changed since the previous period',
      '## Audits done against planned',
      '## Findings by classification and area',
      '## Nonconformities and corrective actions',
      '### Trend by quarter',
      '## Verification of corrective actions',
      '## Overdue at 30 June 2027',
      '## Independence exceptions',
      '## Evidence timeliness',
      '## Opportunities for improvement',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('| Major nonconformities raised | 0 | 1 | +1 |');
    expect(md).toContain('| 2027-Q2 | 2027-04-01 | 2027-06-30 | 0 | 1 | 0 | 1 | 0 | 1 | 2 | 1 | 1 | 0 |');
    expect(md).toContain('4 evidence requests fell due by 30 June 2027: 1 answered on time, 1 late (on average 4 days), 1 still outstanding, 1 withdrawn. On time: 33.3%.');
  });

  it('refuses a period that ends before it starts, naming the field', () => {
    const t = history();
    let error: unknown;
    try {
      buildReviewPack(t.core, { from: '2027-06-30', to: '2027-01-01' });
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.fields).toEqual({ to: 'must not be before --from' });
    expect(() => buildReviewPack(t.core, { from: '2027-02-30', to: '2027-03-01' })).toThrow(/from: a real date written YYYY-MM-DD/);
  });
});
