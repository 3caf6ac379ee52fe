// Only findings that stand are counted (issue 14): a withdrawn finding and the minors raised to
// a major (superseded) stay in the register for the record, but the digest and the management
// review pack count neither as a nonconformity nor as a finding raised; the major counts once.
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/reporting/build-digest.js';
import { buildReviewPack } from '../../../src/core/reporting/build-review-pack.js';
import { makeTestCore } from '../../helpers/core.js';
import { addAction, addFinding } from '../../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

/** Monday 8 March 2027, 09:00 in London: the digest covers the week before. */
const MONDAY = '2027-03-08T09:00:00.000Z';

function setup() {
  const t = makeTestCore(MONDAY, { timezone: 'Europe/London' });
  seedSmallOrg(t);
  const { db } = t;
  // Two minors against A.5.15 raised to one major: the minors are superseded, their actions stay open and linked.
  addFinding(db, { id: 'F-2027-0001', classification: 'minor', raisedAt: '2027-03-02T10:00:00.000Z', status: 'superseded', statusReason: 'Repeated minors', supersededBy: 'F-2027-0004' });
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'open', due: '2027-04-01', openedAt: '2027-03-02T10:00:00.000Z' });
  addFinding(db, { id: 'F-2027-0002', classification: 'minor', raisedAt: '2027-03-03T10:00:00.000Z', status: 'superseded', statusReason: 'Repeated minors', supersededBy: 'F-2027-0004' });
  addAction(db, { id: 'CA-2027-0002', findingId: 'F-2027-0002', status: 'planned', due: '2027-04-01', openedAt: '2027-03-03T10:00:00.000Z' });
  // A minor withdrawn by the auditor, its action ended with it.
  addFinding(db, { id: 'F-2027-0003', classification: 'minor', raisedAt: '2027-03-03T11:00:00.000Z', status: 'withdrawn', statusReason: 'Recorded against the wrong audit' });
  addAction(db, { id: 'CA-2027-0003', findingId: 'F-2027-0003', status: 'closed', due: '2027-04-01', openedAt: '2027-03-03T11:00:00.000Z', closedAt: '2027-03-04T10:00:00.000Z' });
  // The major that stands.
  addFinding(db, { id: 'F-2027-0004', classification: 'major', raisedAt: '2027-03-04T10:00:00.000Z' });
  addAction(db, { id: 'CA-2027-0004', findingId: 'F-2027-0004', status: 'open', due: '2027-04-01', openedAt: '2027-03-04T10:00:00.000Z' });
  return t;
}

describe('counting only the findings that stand', () => {
  it('the digest: one open nonconformity (the major) and one new finding', () => {
    const { digest } = buildDigest(setup().core);
    expect(digest.open).toMatchObject({ total: 1, major: 1, minor: 0 });
    expect(digest.open.items.map((f) => f.id)).toEqual(['F-2027-0004']);
    expect(digest.newFindings.total).toBe(1);
    expect(digest.newFindings.byClassification).toEqual({ major: 1, minor: 0, ofi: 0, observation: 0 });
    expect(digest.newFindings.items.map((f) => f.id)).toEqual(['F-2027-0004']);
  });

  it('the management review pack: one finding raised, one nonconformity open at the end', () => {
    const p = buildReviewPack(setup().core, { from: '2027-01-01', to: '2027-03-31' });
    expect(p.findings.total).toBe(1);
    expect(p.findings.byClassification).toEqual({ major: 1, minor: 0, ofi: 0, observation: 0 });
    expect(p.findings.byArea).toEqual([expect.objectContaining({ area: SEED.areas.iam, total: 1, major: 1, minor: 0 })]);
    expect(p.nonconformities).toEqual({ raised: 1, closed: 0, openAtStart: 0, openAtEnd: 1 });
    expect(p.quarters[0]).toMatchObject({ nonconformitiesRaised: 1, majorRaised: 1, minorRaised: 0, nonconformitiesOpenAtEnd: 1 });
  });
});
