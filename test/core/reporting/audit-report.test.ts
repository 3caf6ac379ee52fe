// One audit's report: scope, criteria, auditors and why they are independent (as the assignment
// recorded it, or the lead's exception), evidence requested and received, findings, conclusion.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditAuditors } from '../../../db/schema.js';
import { auditReportMarkdown } from '../../../src/cli/reports/audit-report.js';
import { overrideAssignment } from '../../../src/core/programme/override-assignment.js';
import { buildAuditReport } from '../../../src/core/reporting/build-audit-report.js';
import { makeTestCore } from '../../helpers/core.js';
import { addAction, addEvidence, addFinding } from '../../helpers/reporting-seed.js';
import { SEED, seedSmallOrg, seedSnapshot } from '../../helpers/seed.js';

const CEO = 'cara@acme.example';

function auditWithResults() {
  const t = makeTestCore('2027-01-25T10:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  // Lena is the only audit lead, so top management records the exception (issue 14.7).
  const snapshot = seedSnapshot();
  snapshot.people.push({ email: CEO, name: 'Cara Okafor', team: 'finance', manager: null, timezone: null, roles: ['top-management'], slackId: null, teamsId: null, chat: null, lastPlatform: null, active: true });
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(snapshot));
  const lead = { email: SEED.lead, channel: 'cli' as const };
  overrideAssignment(t.core, { auditId: SEED.audits.iam, email: SEED.lead, role: 'lead', justification: 'Lena led the IAM audit at her previous employer' }, lead);
  overrideAssignment(t.core, { auditId: SEED.audits.iam, email: SEED.otherAuditor, role: 'second', justification: 'Carl is the only one who can read the IdP configuration' }, { email: CEO, channel: 'cli' });
  const { db } = t;
  addEvidence(db, { requirement: 'A.5.15', due: '2027-01-18', status: 'accepted', requestedAt: '2027-01-04T09:00:00.000Z', submittedAt: '2027-01-10T09:00:00.000Z', links: ['https://wiki.acme.example/access-policy'], acceptedBy: SEED.auditor, acceptedAt: '2027-01-11T09:00:00.000Z' });
  addEvidence(db, { requirement: 'A.8.5', owner: SEED.authOwner, due: '2027-01-18', status: 'submitted', requestedAt: '2027-01-04T09:00:00.000Z', submittedAt: '2027-01-17T09:00:00.000Z', links: ['https://wiki.acme.example/mfa'] });
  addEvidence(db, { requirement: 'A.5.18', due: '2027-01-18', status: 'requested', requestedAt: '2027-01-04T09:00:00.000Z' });
  addFinding(db, { id: 'F-2027-0002', classification: 'ofi', raisedAt: '2027-01-14T10:00:00.000Z', requirement: 'A.5.18', statement: 'Access reviews could be automated' });
  addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-12T10:00:00.000Z', statement: 'Leavers keep VPN access', evidence: 'HR leaver list vs VPN accounts, 12 Jan' });
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'planned', due: '2027-02-11', openedAt: '2027-01-12T10:00:00.000Z' });
  return t;
}

describe('the audit report', () => {
  it('gives scope, criteria, auditors with their independence or exception, evidence, findings and a conclusion', () => {
    const r = buildAuditReport(auditWithResults().core, { auditId: 'ia-2027-01' });
    expect(r).toMatchObject({ id: SEED.audits.iam, cycle: '2027', status: 'in_progress', window: { start: '2027-01-04', end: '2027-01-29' }, criteria: ['ISO/IEC 27001:2022'] });
    expect(r.scope.areas).toEqual([{ key: 'iam', name: 'Identity and access management', team: 'platform', owner: SEED.iamOwner }]);
    expect(r.scope.controls.map((c) => c.id)).toEqual(['A.5.15', 'A.5.18', 'A.8.5']);
    expect(r.scope.controls[0]?.title).toBe('Access control');

    const [lena, carl] = r.auditors;
    expect(lena).toMatchObject({ email: SEED.lead, name: 'Lena Lund', role: 'lead', source: 'manual', exception: null });
    expect(lena?.independence).toContain('is in team isms, not the owning team (platform)');
    expect(carl).toMatchObject({ email: SEED.otherAuditor, role: 'second', source: 'manual' });
    expect(carl?.exception).toMatchObject({ justification: 'Carl is the only one who can read the IdP configuration', by: CEO });
    expect(carl?.exception?.rulesNotMet).toEqual(['member of team platform, which owns area iam']);

    expect(r.evidence).toMatchObject({ requested: 3, received: 2, accepted: 1, outstanding: 1, withdrawn: 0 });
    expect(r.evidence.items.map((e) => [e.requirement, e.status])).toEqual([
      ['A.5.15', 'accepted'],
      ['A.5.18', 'requested'],
      ['A.8.5', 'submitted'],
    ]);
    expect(r.findings.byClassification).toEqual({ major: 1, minor: 0, ofi: 1, observation: 0 });
    expect(r.findings.items.map((f) => f.id)).toEqual(['F-2027-0001', 'F-2027-0002']);
    expect(r.findings.items[0]?.action).toEqual({ id: 'CA-2027-0001', status: 'planned', due: '2027-02-11', closedAt: null });

    expect(r.statements).toEqual([
      'Audit IA-2027-01 of Identity and access management (iam) against ISO/IEC 27001:2022, from 4 January 2027 to 29 January 2027, covered 0 clauses and 3 Annex A controls.',
      'This report is provisional: the audit is in progress.',
      'Evidence: 2 of 3 requests answered, 1 accepted, 1 still outstanding.',
      'Findings: 1 major nonconformity, 0 minor nonconformities, 1 opportunity for improvement and 0 observations.',
      'Checklist: 0 of 3 requirements assessed: 0 conforming, 0 with a nonconformity, 0 with an opportunity for improvement, 0 not audited; 3 not yet assessed.',
      '3 requirements are not yet assessed, so nothing is concluded about them.',
      'Corrective actions: 0 of 1 closed after verification, 1 under way.',
      'Independence exception: carl@acme.example audited without full independence (justification: "Carl is the only one who can read the IdP configuration", by cara@acme.example).',
      'The lead auditor has not recorded a conclusion yet.',
    ]);
  });

  it('reads as Markdown with every section', () => {
    const md = auditReportMarkdown(buildAuditReport(auditWithResults().core, { auditId: SEED.audits.iam }));
    expect(md).toMatch(/^# Internal audit report IA-2027-01\n/);
    for (const h of ['## Scope', '## Criteria', '## Auditors and their independence', '## Evidence requested and received', '## Findings', '## Conclusion']) expect(md).toContain(`\n${h}\n`);
    expect(md).toContain('### Lena Lund (lena@acme.example), lead auditor');
    expect(md).toContain('Independent because:');
    expect(md).toContain('**Independence exception.**');
    expect(md).toContain('### F-2027-0001: major nonconformity, A.5.15 Access control');
    expect(md).toContain('Objective evidence: HR leaver list vs VPN accounts, 12 Jan');
    expect(md).toContain('Corrective action CA-2027-0001: planned, due 2027-02-11.');
  });

  it('says so when no auditor is independent, and when an audit id is unknown', () => {
    const t = auditWithResults();
    expect(() => buildAuditReport(t.core, { auditId: 'IA-2099-01' })).toThrow('There is no audit IA-2099-01. See the ids with: auditbot programme show');
    const closed = buildAuditReport(t.core, { auditId: SEED.audits.suppliersClosed });
    expect(closed.statements).toContain('No findings were recorded.');
    // Nothing was assessed, so nothing is said to conform (issue 13: never "no nonconformity" without verdicts).
    expect(closed.statements.join(' ')).not.toContain('No nonconformity was found');
    expect(closed.statements.join(' ')).toMatch(/requirements? (is|are) not yet assessed, so nothing is concluded/);
    expect(closed.statements.join(' ')).not.toContain('provisional');
    expect(closed.auditors[0]).toMatchObject({ source: 'manual', independence: ['not in the owning team', 'owns nothing in scope'], exception: null });
    // An assignment stored without a rationale (e.g. before rationales were kept): the report says so rather than invent one.
    t.db.update(auditAuditors).set({ rationale: {} }).where(eq(auditAuditors.auditId, SEED.audits.suppliersClosed)).run();
    const unrecorded = buildAuditReport(t.core, { auditId: SEED.audits.suppliersClosed });
    expect(unrecorded.auditors[0]).toMatchObject({ source: 'unknown', independence: [], exception: null });
    expect(auditReportMarkdown(unrecorded)).toContain('No independence rationale was recorded for this assignment.');
  });
});
