// A half year of audit history for the management review pack tests: findings, actions and
// evidence across months, a statement and a reason written to break HTML, and a meeting scheduled.
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import { makeTestCore, type TestCore } from './core.js';
import { addAction, addEvidence, addFinding, addVerification } from './reporting-seed.js';
import { SEED, seedSmallOrg } from './seed.js';

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';

/** 5 July 2027; meeting MR-2027-01 on 20 July, chaired by Bo. */
export function reviewHistory(): TestCore {
  const t = makeTestCore('2027-07-05T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  const { db } = t;
  addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-20T11:00:00.000Z', statement: HOSTILE });
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'planned', due: '2027-04-30', openedAt: '2027-01-20T11:00:00.000Z', plannedAt: '2027-03-10T10:00:00.000Z' });
  addVerification(db, { actionId: 'CA-2027-0001', at: '2027-03-10T10:00:00.000Z', effective: false, reason: HOSTILE });
  addFinding(db, { id: 'F-2027-0002', classification: 'minor', raisedAt: '2027-02-01T10:00:00.000Z', requirement: 'A.8.5', owner: SEED.authOwner });
  addAction(db, { id: 'CA-2027-0002', findingId: 'F-2027-0002', owner: SEED.authOwner, status: 'open', due: '2027-06-15', openedAt: '2027-05-20T10:00:00.000Z' });
  addFinding(db, { id: 'F-2027-0003', classification: 'ofi', raisedAt: '2027-03-03T10:00:00.000Z', auditId: SEED.audits.isms, requirement: '9.2', area: SEED.areas.isms, owner: SEED.lead, statement: HOSTILE });
  addFinding(db, { id: 'F-2027-0005', classification: 'minor', raisedAt: '2027-06-10T10:00:00.000Z', auditId: SEED.audits.isms, requirement: '10.2', area: SEED.areas.isms, owner: SEED.lead });
  addEvidence(db, { requirement: 'A.5.15', due: '2027-01-25', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-20T09:00:00.000Z' });
  addEvidence(db, { requirement: 'A.8.5', owner: SEED.authOwner, due: '2027-02-01', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-02-05T09:00:00.000Z' });
  scheduleReview(t.core, { email: SEED.lead, channel: 'console' }, { date: '2027-07-20', chair: SEED.iamOwner });
  return t;
}
