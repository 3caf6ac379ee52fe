// The review pack reads as plain English to a new user (issue 16 point 3): plurals agree with
// their numbers, no raw state names, and nothing after the moment of generation is counted.
import { describe, expect, it } from 'vitest';
import { reviewPackMarkdown } from '../../../src/cli/reports/review-pack.js';
import { buildReviewPack } from '../../../src/core/reporting/build-review-pack.js';
import { makeTestCore } from '../../helpers/core.js';
import { addAction, addEvidence, addFinding } from '../../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

function org() {
  const t = makeTestCore('2027-07-05T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  return t;
}

describe('review pack wording', () => {
  it('agrees plurals with their numbers', () => {
    const t = org();
    addFinding(t.db, { id: 'F-2027-0001', classification: 'minor', raisedAt: '2027-02-01T10:00:00.000Z' });
    addFinding(t.db, { id: 'F-2027-0002', classification: 'minor', raisedAt: '2027-02-02T10:00:00.000Z' });
    addFinding(t.db, { id: 'F-2027-0003', classification: 'ofi', raisedAt: '2027-02-03T10:00:00.000Z' });
    addAction(t.db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'open', due: '2027-03-01', openedAt: '2027-02-01T10:00:00.000Z' });
    addEvidence(t.db, { requirement: 'A.5.15', due: '2027-01-25', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-20T09:00:00.000Z' });
    const md = reviewPackMarkdown(buildReviewPack(t.core, { from: '2027-01-01', to: '2027-06-30' }));
    expect(md).toContain('3 findings: 0 major nonconformities, 2 minor nonconformities, 1 opportunity for improvement, 0 observations.');
    expect(md).toContain('1 corrective action was opened and 0 were closed.');
    expect(md).toContain('1 evidence request fell due by 30 June 2027: 1 answered on time');
    expect(md).not.toMatch(/nonconformitys|improvements\b|\b1 (audits|findings|corrective actions|evidence requests|verifications)\b/);
  });

  it('never shows a raw state name', () => {
    const t = org();
    addFinding(t.db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-02-01T10:00:00.000Z' });
    addAction(t.db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'open', due: '2027-03-01', openedAt: '2027-02-01T10:00:00.000Z' });
    addEvidence(t.db, { requirement: '9.2', auditId: SEED.audits.isms, owner: SEED.lead, due: '2027-06-20', status: 'more_requested', requestedAt: '2027-06-01T09:00:00.000Z' });
    const md = reviewPackMarkdown(buildReviewPack(t.core, { from: '2027-01-01', to: '2027-12-31' }));
    expect(md).toContain('in progress');
    expect(md).toContain('open, waiting for a plan');
    expect(md).not.toMatch(/in_progress|more_requested|needs_external|\| (open|implemented|closed|requested) \|/);
  });

  it('counts nothing due or dated after the moment of generation', () => {
    const t = org();
    addEvidence(t.db, { requirement: 'A.5.15', due: '2027-01-25', status: 'accepted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-20T09:00:00.000Z' });
    // Due after 5 July 2027 (now), inside the period asked for: not yet due, so not counted.
    addEvidence(t.db, { requirement: 'A.8.5', due: '2027-08-01', status: 'requested', requestedAt: '2027-07-01T09:00:00.000Z' });
    addEvidence(t.db, { requirement: '9.2', due: '2027-11-30', status: 'requested', requestedAt: '2027-07-01T09:00:00.000Z' });
    // Dated after now (a clock skew or an import): not counted either.
    addFinding(t.db, { id: 'F-2027-0009', classification: 'major', raisedAt: '2027-09-01T10:00:00.000Z' });
    const p = buildReviewPack(t.core, { from: '2027-01-01', to: '2027-12-31' });
    expect(p.evidence).toMatchObject({ due: 1, onTime: 1, outstanding: 0, onTimeRate: 100 });
    expect(p.findings.byClassification.major).toBe(0);
    expect(p.quarters.map((q) => q.majorRaised)).toEqual([0, 0, 0, 0]);
    const md = reviewPackMarkdown(p);
    expect(md).toContain('1 evidence request fell due by 5 July 2027: 1 answered on time');
  });
});
