// Coverage achieved (issue 13 point 8): per audit checklist progress and, for the cycle, the
// requirements planned, assessed, not audited and not yet assessed; in programme show, audit
// status, the digest and the review pack; the notice two months before the cycle ends; and the
// audit windows (point 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageAchieved } from '../../../src/core/conduct/coverage-achieved.js';
import { notifyUnassessedBeforeCycleEnd } from '../../../src/core/conduct/notify-unassessed-before-cycle-end.js';
import { programmeAchievedJson, showProgrammeAchieved } from '../../../src/core/conduct/programme-achieved.js';
import { recordVerdict } from '../../../src/core/conduct/record-verdict.js';
import { VERDICTS, type Verdict } from '../../../src/core/conduct/types.js';
import { createEvidenceRequests } from '../../../src/core/evidence/create-evidence-requests.js';
import { startDueAudits } from '../../../src/core/programme/start-due-audits.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { buildAuditReport } from '../../../src/core/reporting/build-audit-report.js';
import { buildDigest } from '../../../src/core/reporting/build-digest.js';
import { buildReviewPack } from '../../../src/core/reporting/build-review-pack.js';
import { programmeStatus } from '../../../src/core/reporting/programme-status.js';
import { closeAsLead } from '../../helpers/conduct.js';
import { makeTestCore } from '../../helpers/core.js';
import { insertAudits, SEED, SEED_AUDITS, seedSnapshot } from '../../helpers/seed.js';

const lead = { email: SEED.lead, channel: 'console' as const };

/** The seeded cycle 2027 plus a second IAM audit that covers A.5.15 and A.5.18 again. */
function setup(at = '2027-01-05T10:00:00Z') {
  const t = makeTestCore(at);
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(seedSnapshot()));
  insertAudits(t.db, [
    ...SEED_AUDITS,
    { id: 'IA-2027-04', cycle: '2027', status: 'in_progress', start: '2027-01-04', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.otherAuditor, role: 'lead' }] },
  ]);
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (audit) createEvidenceRequests(tx, t.core, audit);
  });
  return t;
}

const as = (email: string) => ({ email, channel: 'console' as const });

describe('coverage achieved', () => {
  it('programme show --format json gives each audit its checklist progress and the cycle its coverage', () => {
    const t = setup();
    recordVerdict(t.core, as(SEED.auditor), { auditId: SEED.audits.iam, requirement: 'A.5.15', verdict: 'conforming' });
    recordVerdict(t.core, as(SEED.auditor), { auditId: SEED.audits.iam, requirement: 'A.8.5', verdict: 'not_audited', reason: 'MFA rollout under way.' });
    recordVerdict(t.core, as(SEED.otherAuditor), { auditId: 'IA-2027-04', requirement: 'A.5.18', verdict: 'not_audited', reason: 'Covered by IA-2027-01.' });
    const json = programmeAchievedJson(showProgrammeAchieved(t.core, { cycle: '2027' }));
    expect(json.audits.map((a) => [a.id, a.checklist])).toEqual([
      ['IA-2027-01', { total: 3, assessed: 2 }],
      ['IA-2027-02', { total: 2, assessed: 0 }],
      ['IA-2027-04', { total: 2, assessed: 1 }],
      ['IA-2027-03', { total: 3, assessed: 0 }],
    ]);
    // A.5.18 is still to be assessed by IA-2027-01, so it is not yet "not audited".
    expect(json.coverage).toEqual({ planned: 8, assessed: 1, notAudited: ['A.8.5'], unassessed: ['9.2', '10.2', 'A.5.18', 'A.5.19', 'A.5.20', 'A.5.21'] });
  });

  it('for any sequence of checklist updates, counts equal a plain recount and nothing is conforming without a conforming verdict', () => {
    const t = setup();
    const audits = t.core.store.transaction((tx) => tx.programme.listAudits({ cycle: '2027' }));
    const slots = audits.flatMap((a) => [...a.clauses, ...a.controls].map((requirement) => ({ auditId: a.id, requirement })));
    const update = fc.record({ slot: fc.nat({ max: slots.length - 1 }), verdict: fc.constantFrom<Verdict>(...VERDICTS) });
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), (updates) => {
        t.db.$client.exec('delete from checklist_verdicts');
        const now = new Map<string, Verdict>();
        t.core.store.transaction((tx) => {
          for (const u of updates) {
            const slot = slots[u.slot];
            if (!slot) continue;
            tx.conduct.saveVerdict({ ...slot, verdict: u.verdict, reason: u.verdict === 'not_audited' ? 'why' : null, notes: null, updatedBy: SEED.auditor, updatedAt: '2027-01-05T10:00:00.000Z' });
            now.set(`${slot.auditId}|${slot.requirement}`, u.verdict);
          }
        });
        // The plain recount: per requirement, every verdict any audit gave it.
        const byRequirement = new Map<string, Verdict[]>();
        for (const s of slots) byRequirement.set(s.requirement, [...(byRequirement.get(s.requirement) ?? []), now.get(`${s.auditId}|${s.requirement}`) ?? 'unassessed']);
        const assessed = [...byRequirement].filter(([, vs]) => vs.some((v) => v !== 'unassessed' && v !== 'not_audited')).map(([r]) => r);
        const unassessed = [...byRequirement].filter(([r, vs]) => !assessed.includes(r) && vs.includes('unassessed')).map(([r]) => r);
        const notAudited = [...byRequirement].filter(([r]) => !assessed.includes(r) && !unassessed.includes(r)).map(([r]) => r);
        const { coverage, byAudit } = t.core.store.transaction((tx) => coverageAchieved(tx, '2027'));
        expect(coverage.planned).toBe(byRequirement.size);
        expect(coverage.assessed).toBe(assessed.length);
        expect(coverage.unassessed.slice().sort()).toEqual(unassessed.sort());
        expect(coverage.notAudited.slice().sort()).toEqual(notAudited.sort());
        for (const a of audits) {
          const mine = slots.filter((s) => s.auditId === a.id);
          expect(byAudit.get(a.id)).toEqual({ total: mine.length, assessed: mine.filter((s) => (now.get(`${s.auditId}|${s.requirement}`) ?? 'unassessed') !== 'unassessed').length });
        }
        const report = buildAuditReport(t.core, { auditId: SEED.audits.iam });
        for (const item of report.checklist) expect(item.verdict).toBe(now.get(`${SEED.audits.iam}|${item.requirement}`) ?? 'unassessed');
        const conforming = report.checklist.filter((i) => i.verdict === 'conforming').length;
        if (conforming === 0) expect(report.statements.join(' ')).not.toContain('No nonconformity was found');
      }),
      { numRuns: 60 },
    );
  });

  it('audit status, the digest and the review pack count closed audits and coverage achieved', () => {
    const t = setup();
    t.clock.set('2027-01-20T10:00:00Z');
    closeAsLead(t.core, SEED.audits.iam, lead);
    const status = programmeStatus(t.core).summary;
    expect(status).toContain('Programme 2027: 1 of 4 audits done (1 closed, 0 reporting)');
    expect(status).toContain('Coverage achieved: 3 of 8 requirements planned assessed with a verdict, 0 not audited, 5 not yet assessed.');
    const digest = buildDigest(t.core).digest;
    expect(digest.programme?.byStatus.closed).toBe(1);
    expect(digest.programme?.achieved).toMatchObject({ planned: 8, assessed: 3 });
    const pack = buildReviewPack(t.core, { from: '2027-01-01', to: '2027-01-31' });
    expect(pack.programme?.achieved).toMatchObject({ planned: 8, assessed: 3 });
    expect(pack.programme?.byStatus.closed).toBe(1);
    t.clock.set('2027-02-02T10:00:00Z');
    expect(programmeStatus(t.core).summary).toContain('Still in progress after their window ended: IA-2027-04.');
  });

  it('two months before the cycle ends, tells the leads once which requirements are not yet assessed', () => {
    const t = setup('2027-10-30T10:00:00Z');
    expect(notifyUnassessedBeforeCycleEnd(t.core)).toEqual({ told: 0 });
    t.clock.set('2027-11-02T10:00:00Z');
    expect(notifyUnassessedBeforeCycleEnd(t.core)).toEqual({ told: 1 });
    expect(notifyUnassessedBeforeCycleEnd(t.core)).toEqual({ told: 0 });
    const row = t.core.store.transaction((tx) => tx.outbox.list()).find((o) => o.key.includes('unassessed-before-end'));
    expect(row?.recipient).toBe(SEED.lead);
    expect(row?.message.blocks[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Cycle 2027 ends on 2027-12-31. 8 of 8 requirements planned have no verdict yet: 9.2, 10.2, A.5.15') });
  });
});

describe('audit windows', () => {
  it('starting before the window asks for confirmation; the audit-starts job reports an ended window as missed', () => {
    const t = setup('2027-02-01T10:00:00Z');
    expect(() => transitionAudit(t.core, { auditId: SEED.audits.suppliersPlanned, to: 'in_progress', early: false }, lead)).toThrow(`IA-2027-03's window opens on 2027-03-01. To start it before then, confirm: audit start IA-2027-03 early`);
    expect(t.core.store.transaction((tx) => tx.programme.getAudit(SEED.audits.suppliersPlanned)?.status)).toBe('planned');
    t.clock.set('2027-04-01T00:05:00Z');
    expect(startDueAudits(t.core)).toMatchObject({ started: 0, missed: 1 });
    expect(t.core.store.transaction((tx) => tx.programme.getAudit(SEED.audits.suppliersPlanned)?.status)).toBe('planned');
    const missed = t.core.store.transaction((tx) => tx.outbox.list()).filter((o) => o.key.startsWith('audit:IA-2027-03:missed:'));
    expect(missed.map((o) => o.recipient)).toEqual([SEED.lead]);
    t.clock.set('2027-02-01T10:00:00Z');
    expect(transitionAudit(t.core, { auditId: SEED.audits.suppliersPlanned, to: 'in_progress', early: true }, lead).to).toBe('in_progress');
  });
});
