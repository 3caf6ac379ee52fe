// Conducting and closing an audit in the core (issue 13): who may record, conclude and close;
// the checklist and its verdicts; findings setting their item; reporting refused while items are
// unassessed or evidence is open; closing refused without a conclusion and a closing meeting; a
// closed audit never edited. Every refusal leaves the database as it was.
import { describe, expect, it } from 'vitest';
import { closeAudit } from '../../../src/core/conduct/close-audit.js';
import { correctAudit } from '../../../src/core/conduct/correct-audit.js';
import { drawSample } from '../../../src/core/conduct/draw-sample.js';
import { recordConclusion } from '../../../src/core/conduct/record-conclusion.js';
import { recordDocument } from '../../../src/core/conduct/record-document.js';
import { recordMeeting } from '../../../src/core/conduct/record-meeting.js';
import { recordNote } from '../../../src/core/conduct/record-note.js';
import { recordVerdict } from '../../../src/core/conduct/record-verdict.js';
import { reopenAudit } from '../../../src/core/conduct/reopen-audit.js';
import { reportAudit } from '../../../src/core/conduct/report-audit.js';
import { drawRandomSample } from '../../../src/core/conduct/sampling.js';
import { showChecklist } from '../../../src/core/conduct/show-checklist.js';
import { syncChecklistForFinding } from '../../../src/core/conduct/sync-checklist-for-finding.js';
import { createEvidenceRequests } from '../../../src/core/evidence/create-evidence-requests.js';
import { withdrawEvidence } from '../../../src/core/evidence/withdraw-evidence.js';
import { amendFinding } from '../../../src/core/findings/amend-finding.js';
import { recordFinding } from '../../../src/core/findings/record-finding.js';
import { withdrawFinding } from '../../../src/core/findings/withdraw-finding.js';
import { buildAuditReport } from '../../../src/core/reporting/build-audit-report.js';
import { verifyTrail } from '../../../src/core/trail/verify-trail.js';
import type { Actor } from '../../../src/core/shared/actor.js';
import { makeTestCore } from '../../helpers/core.js';
import { dbSnapshot } from '../../helpers/db-snapshot.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const as = (email: string): Actor => ({ email, channel: 'console' });
const LEAD_AUDITOR = as(SEED.auditor);
const SECOND = as(SEED.otherAuditor);
const AUDIT = SEED.audits.iam;

function setup() {
  const t = makeTestCore('2027-01-05T10:00:00Z');
  seedSmallOrg(t);
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(AUDIT);
    if (!audit) throw new Error('no audit');
    createEvidenceRequests(tx, t.core, audit);
    tx.programme.setAssignment({ auditId: AUDIT, email: SEED.otherAuditor, role: 'second', rationale: { source: 'manual', chosenBecause: [], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 }, assignedAt: '2027-01-04T09:00:00.000Z' });
  });
  return t;
}

/** The refusal `fn` throws, having changed nothing. */
function refusedUnchanged(t: ReturnType<typeof setup>, fn: () => unknown, message: RegExp): void {
  const before = dbSnapshot(t.db);
  expect(fn).toThrow(message);
  expect(dbSnapshot(t.db)).toEqual(before);
}

const finding = (t: ReturnType<typeof setup>, classification: string, requirement: string, key: string) =>
  recordFinding(t.core, LEAD_AUDITOR, { auditId: AUDIT, classification, requirement, statement: 'Seen.', evidence: 'Records.' }, key).story.finding;

describe('the checklist of an audit', () => {
  it('has one unassessed item per requirement in scope, with prompts in our own words from the evidence hints', () => {
    const t = setup();
    const c = showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT });
    expect(c.items.map((i) => [i.requirement, i.verdict])).toEqual([
      ['A.5.15', 'unassessed'],
      ['A.5.18', 'unassessed'],
      ['A.8.5', 'unassessed'],
    ]);
    expect(c.items[0]?.prompts[0]).toMatch(/^Look for: /);
    expect(c.items[0]?.prompts.length).toBeGreaterThan(1);
    expect(c).toMatchObject({ total: 3, assessed: 0 });
  });

  it('takes a verdict of each kind; not_audited needs a reason; nonconformity and ofi need their finding', () => {
    const t = setup();
    recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', verdict: 'conforming' });
    refusedUnchanged(t, () => recordVerdict(t.core, SECOND, { auditId: AUDIT, requirement: 'A.5.18', verdict: 'not_audited' }), /Say why A\.5\.18 was not audited/);
    recordVerdict(t.core, SECOND, { auditId: AUDIT, requirement: 'A.5.18', verdict: 'not_audited', reason: 'The system is being replaced in March.' });
    refusedUnchanged(t, () => recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.8.5', verdict: 'nonconformity' }), /No nonconformity is recorded against A\.8\.5/);
    const ofi = finding(t, 'ofi', 'A.8.5', 'k1');
    expect(showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT }).items[2]).toMatchObject({ verdict: 'ofi', findings: [{ id: ofi.id, classification: 'ofi' }] });
    const minor = finding(t, 'minor', 'A.8.5', 'k2');
    expect(showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT }).items[2]?.verdict).toBe('nonconformity');
    // Another ofi does not lower a nonconformity; the sync is idempotent.
    finding(t, 'ofi', 'A.8.5', 'k3');
    const snapshot = dbSnapshot(t.db);
    expect(t.core.store.transaction((tx) => syncChecklistForFinding(tx, minor.id))).toBe('nonconformity');
    expect(dbSnapshot(t.db)).toEqual(snapshot);
    const c = showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT });
    expect(c.items.map((i) => [i.requirement, i.verdict, i.reason])).toEqual([
      ['A.5.15', 'conforming', null],
      ['A.5.18', 'not_audited', 'The system is being replaced in March.'],
      ['A.8.5', 'nonconformity', null],
    ]);
    expect(c).toMatchObject({ total: 3, assessed: 3 });
    refusedUnchanged(t, () => recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.8.5', verdict: 'conforming' }), /has a nonconformity recorded/);
  });

  it('follows a finding that is amended or withdrawn: a nonconformity or ofi verdict never outlives its findings', () => {
    const t = setup();
    const minor = finding(t, 'minor', 'A.8.5', 'm1');
    const item = (requirement: string) => showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT }).items.find((i) => i.requirement === requirement);
    expect(item('A.8.5')?.verdict).toBe('nonconformity');
    // Reclassified to an opportunity for improvement: the item follows.
    amendFinding(t.core, LEAD_AUDITOR, { findingId: minor.id, classification: 'ofi', reason: 'A compensating control exists.' });
    expect(item('A.8.5')?.verdict).toBe('ofi');
    // Moved to another requirement: the item it left has nothing to back its verdict and is to be assessed again.
    amendFinding(t.core, LEAD_AUDITOR, { findingId: minor.id, requirement: 'A.5.18', classification: 'minor', reason: 'It is about access rights.' });
    expect([item('A.8.5')?.verdict, item('A.5.18')?.verdict]).toEqual(['unassessed', 'nonconformity']);
    // Withdrawn: never reported conforming by default, and a conforming verdict is possible again.
    withdrawFinding(t.core, LEAD_AUDITOR, { findingId: minor.id, reason: 'Recorded against the wrong audit.' });
    expect(item('A.5.18')?.verdict).toBe('unassessed');
    recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.18', verdict: 'conforming' });
    expect(item('A.5.18')?.verdict).toBe('conforming');
    expect(verifyTrail(t.core.store.transaction((tx) => tx.trail.list()))).toMatchObject({ ok: true });
  });

  it('an observation leaves the item as it is; a finding outside the scope touches no item', () => {
    const t = setup();
    finding(t, 'observation', 'A.5.15', 'o1');
    expect(showChecklist(t.core, LEAD_AUDITOR, { auditId: AUDIT }).items[0]?.verdict).toBe('unassessed');
  });

  it('draws a random sample from a recorded seed that anyone can redraw identically', () => {
    const t = setup();
    const paper = drawSample(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.18', population: 'leavers in Q4', populationSize: '120', sampleSize: '10', method: 'random' });
    if (paper.body.kind !== 'sample') throw new Error('not a sample');
    expect(paper.body.seed).not.toBeNull();
    expect(paper.body.items).toHaveLength(10);
    expect(new Set(paper.body.items).size).toBe(10);
    expect(paper.body.items.every((i) => i >= 1 && i <= 120)).toBe(true);
    expect(drawRandomSample(120, 10, paper.body.seed ?? -1)).toEqual(paper.body.items);
    const again = drawSample(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.18', population: 'leavers in Q4', populationSize: 120, sampleSize: 10, method: 'random', seed: paper.body.seed ?? 0 });
    expect(again.body.kind === 'sample' && again.body.items).toEqual(paper.body.items);
  });

  it('checks a document link as evidence links are checked', () => {
    const t = setup();
    refusedUnchanged(t, () => recordDocument(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', link: 'javascript:alert(1)' }), /"javascript:" links cannot be accepted/);
    expect(recordDocument(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', link: 'https://wiki.acme.example/access-policy', title: 'Access policy v3' }).body).toEqual({ kind: 'document', link: 'https://wiki.acme.example/access-policy', title: 'Access policy v3' });
  });
});

describe('reporting and closing', () => {
  function assessAll(t: ReturnType<typeof setup>) {
    for (const requirement of ['A.5.15', 'A.5.18', 'A.8.5']) recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement, verdict: 'conforming' });
  }

  it('refuses reporting while an item is unassessed or evidence is open, listing them; the lead withdraws a request with a reason', () => {
    const t = setup();
    recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', verdict: 'conforming' });
    refusedUnchanged(t, () => reportAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT }), /2 checklist items have no verdict yet: A\.5\.18, A\.8\.5\..*3 evidence requests are still open: #1 A\.5\.15 \(waiting for the owner\)/);
    recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.18', verdict: 'conforming' });
    recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.8.5', verdict: 'conforming' });
    refusedUnchanged(t, () => reportAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT }), /^IA-2027-01 cannot move to reporting yet\. 3 evidence requests are still open/);
    for (const id of [1, 2, 3]) withdrawEvidence(t.core, LEAD_AUDITOR, { requestId: id, reason: 'Seen in the interview instead.' });
    refusedUnchanged(t, () => reportAudit(t.core, SECOND, { auditId: AUDIT }), /Only the lead auditor of IA-2027-01 \(ana@acme\.example\) can move it to reporting/);
    reportAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT });
    expect(t.core.store.transaction((tx) => tx.programme.getAudit(AUDIT)?.status)).toBe('reporting');
    refusedUnchanged(t, () => recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', verdict: 'not_audited', reason: 'x' }), /is in reporting, so you cannot record checklist verdicts now\. The lead auditor can take it back/);
    refusedUnchanged(t, () => reopenAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT, reason: '' }), /say why it goes back to in progress/);
    reopenAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT, reason: 'A late access review arrived.' });
    expect(t.core.store.transaction((tx) => tx.programme.getAudit(AUDIT)?.status)).toBe('in_progress');
  });

  it('closes only with a conclusion and a closing meeting, by the lead auditor; tells the auditees and audit leads; the closed audit is never edited', () => {
    const t = setup();
    assessAll(t);
    for (const id of [1, 2, 3]) withdrawEvidence(t.core, as(SEED.lead), { requestId: id, reason: 'Not needed.' });
    reportAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT });
    refusedUnchanged(t, () => closeAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT }), /cannot close yet: record the conclusion \(audit conclude IA-2027-01\) and the closing meeting \(audit meeting IA-2027-01 closing\) first/);
    refusedUnchanged(t, () => recordConclusion(t.core, SECOND, { auditId: AUDIT, conclusion: 'conforms', summary: 'All good.' }), /Only the lead auditor of IA-2027-01/);
    recordConclusion(t.core, LEAD_AUDITOR, { auditId: AUDIT, conclusion: 'conforms', summary: 'Access control works as designed.', strengths: 'Quarterly access reviews.' });
    refusedUnchanged(t, () => closeAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT }), /record the closing meeting \(audit meeting IA-2027-01 closing\) first/);
    refusedUnchanged(t, () => recordMeeting(t.core, SECOND, { auditId: AUDIT, kind: 'closing', date: '2027-01-28', attendees: `${SEED.iamOwner}, Pat (consultant)` }), /Say whether the auditees acknowledged/);
    recordMeeting(t.core, SECOND, { auditId: AUDIT, kind: 'closing', date: '2027-01-28', time: '15:00', attendees: `${SEED.iamOwner}, Pat (consultant)`, acknowledgement: 'acknowledged' });
    refusedUnchanged(t, () => closeAudit(t.core, SECOND, { auditId: AUDIT }), /Only the lead auditor of IA-2027-01 \(ana@acme\.example\) can close it/);
    refusedUnchanged(t, () => closeAudit(t.core, as(SEED.lead), { auditId: AUDIT }), /Only the lead auditor of IA-2027-01/);
    const closed = closeAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT });
    expect(closed.told).toEqual(expect.arrayContaining([SEED.lead, SEED.iamOwner]));
    expect(closed.told).not.toContain(SEED.auditor);
    const notices = t.core.store.transaction((tx) => tx.outbox.list()).filter((o) => o.key.startsWith(`audit:${AUDIT}:closed:`));
    expect(notices.map((o) => o.recipient).sort()).toEqual([...closed.told].sort());
    expect(notices[0]?.message.summary).toBe('Audit IA-2027-01 is closed: Conforms.');

    // Never edited again: every record refuses, and the database itself refuses too.
    for (const fn of [
      () => recordVerdict(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', verdict: 'conforming' }),
      () => recordNote(t.core, LEAD_AUDITOR, { auditId: AUDIT, requirement: 'A.5.15', text: 'later' }),
      () => recordMeeting(t.core, LEAD_AUDITOR, { auditId: AUDIT, kind: 'closing', date: '2027-01-29', attendees: 'x', acknowledgement: 'acknowledged' }),
      () => recordConclusion(t.core, LEAD_AUDITOR, { auditId: AUDIT, conclusion: 'does_not_conform', summary: 'changed my mind' }),
      () => reopenAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT, reason: 'again' }),
      () => closeAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT }),
    ]) {
      refusedUnchanged(t, fn, /IA-2027-01 is closed, so its records are final and cannot be edited/);
    }
    expect(() => t.db.$client.prepare("update checklist_verdicts set verdict = 'unassessed' where audit_id = ?").run(AUDIT)).toThrow('a closed audit is never edited');
    correctAudit(t.core, LEAD_AUDITOR, { auditId: AUDIT, correction: 'The closing meeting was at 16:00.', reason: 'Typed the wrong time.' });
    const report = buildAuditReport(t.core, { auditId: AUDIT });
    expect(report.final).toBe(true);
    expect(report.conclusion).toMatchObject({ conclusion: 'conforms', summary: 'Access control works as designed.', strengths: 'Quarterly access reviews.', by: SEED.auditor });
    expect(report.statements.join(' ')).not.toContain('provisional');
    expect(verifyTrail(t.core.store.transaction((tx) => tx.trail.list()))).toMatchObject({ ok: true });
  });

  it('refuses anyone who is not an auditor of the audit, changing nothing', () => {
    const t = setup();
    for (const who of [SEED.lead, SEED.iamOwner, SEED.authOwner]) {
      refusedUnchanged(t, () => recordVerdict(t.core, as(who), { auditId: AUDIT, requirement: 'A.5.15', verdict: 'conforming' }), /Only the auditors of IA-2027-01 can record checklist verdicts/);
      refusedUnchanged(t, () => recordNote(t.core, as(who), { auditId: AUDIT, requirement: 'A.5.15', text: 'a note' }), /Only the auditors of IA-2027-01 can record working papers/);
      refusedUnchanged(t, () => recordMeeting(t.core, as(who), { auditId: AUDIT, kind: 'opening', date: '2027-01-05', attendees: 'x' }), /Only the auditors of IA-2027-01 can record its opening meeting/);
    }
  });
});
