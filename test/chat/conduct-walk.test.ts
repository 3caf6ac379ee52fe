// One audit walked end to end through the chat pipeline, as the console, Slack and Teams
// adapters drive it (issue 13 acceptance): plan shared, opening meeting, a checklist item per
// verdict kind, a random sample drawn and redrawn from its seed, an interview, a finding from a
// checklist item, closing meeting, `report` refused with an unassessed item then accepted,
// conclusion, `close`; the final report (md and json) holds every piece; the trail verifies.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { audits } from '../../db/schema.js';
import { auditReportMarkdown } from '../../src/cli/reports/audit-report.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import { buildAuditReport } from '../../src/core/reporting/build-audit-report.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { runChatText, submitForm } from '../helpers/chat.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';

const AUDIT = SEED.audits.iam;

function setup() {
  const t = makeTestCore('2027-01-05T10:00:00Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  t.db.update(audits).set({ controls: ['A.5.15', 'A.5.16', 'A.5.18', 'A.8.5'] }).where(eq(audits.id, AUDIT)).run();
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(AUDIT);
    if (audit) createEvidenceRequests(tx, t.core, audit);
  });
  const as = (email: string): ChatContext => {
    const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!actor) throw new Error(email);
    return { core: t.core, actor, channel: 'console', platform: 'console' };
  };
  return { ...t, as };
}

const said = (r: Reply): string => (r.kind === 'message' ? r.message.summary : `(${r.kind})`);

async function fill(ctx: ChatContext, text: string, values: (form: Extract<Reply, { kind: 'form' }>['form']) => Record<string, unknown>, key: string): Promise<string> {
  const opened = await runChatText(ctx, text);
  if (opened.kind !== 'form') throw new Error(`${text}: ${said(opened)}`);
  const result = await submitForm(ctx, opened.instance, values(opened.form), key);
  if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.errors)}`);
  return said(result.reply);
}

describe('conducting an audit in chat, end to end', () => {
  it('plans, meets, assesses, samples, interviews, reports, concludes and closes; the final report holds it all', async () => {
    const t = setup();
    const ana = t.as(SEED.auditor);

    expect(await fill(ana, `audit plan-edit ${AUDIT}`, () => ({ objectives: 'Access control works in practice.', method: 'remote', criteria: 'ISO/IEC 27001:2022\nAccess control policy v3', auditees: SEED.iamOwner, opening: '2027-01-05 09:30', interviews: '2027-01-06 10:00 Bo Berg (IAM owner)', closing: '2027-01-28 15:00' }), 'plan')).toMatch(/^The plan of IA-2027-01 is saved \(3 scheduled items\)/);
    expect(said(await runChatText(ana, `audit plan-share ${AUDIT}`))).toBe(`The plan of ${AUDIT} is on its way to 1 auditee (${SEED.iamOwner}), in their working hours.`);
    expect(said(await runChatText(ana, `audit plan ${AUDIT}`))).toMatch(/^Plan of IA-2027-01: remote, opening 2027-01-05 09:30, shared\.$/);

    expect(await fill(ana, `audit meeting ${AUDIT} opening`, (f) => ({ date: '2027-01-05', time: '09:30', attendees: `${SEED.iamOwner}, Pat Jones (consultant)`, notes: 'Scope and schedule agreed.', ...(f.fields.some((x) => x.id === 'acknowledgement') ? {} : {}) }), 'opening')).toMatch(/opening meeting of IA-2027-01 on 2027-01-05 09:30 is recorded with 2 attendees/);

    // One item per verdict kind.
    expect(said(await runChatText(ana, `audit verdict ${AUDIT} A.5.15 conforming Quarterly reviews seen`))).toBe('A.5.15 in IA-2027-01: conforming. Checklist: 1 of 4 assessed.');
    expect(said(await runChatText(ana, `audit verdict ${AUDIT} A.5.16 not_audited Identity platform replaced in March`))).toMatch(/A\.5\.16 in IA-2027-01: not audited \(Identity platform replaced in March\)/);
    expect(
      await fill(ana, `audit finding ${AUDIT} A.8.5`, (f) => {
        const req = f.fields.find((x) => x.id === 'requirement');
        expect(req?.type === 'search' && req.initial?.value).toBe('A.8.5');
        return { auditId: AUDIT, classification: 'minor', requirement: 'A.8.5', statement: 'Two admin accounts sign in without MFA.', evidence: 'IdP export of 2027-01-05.', confirmOutOfScope: false };
      }, 'nc'),
    ).toMatch(/^Finding F-2027-0001 recorded: minor/);
    await fill(ana, `audit finding ${AUDIT} A.5.18`, () => ({ auditId: AUDIT, classification: 'ofi', requirement: 'A.5.18', statement: 'Access reviews could be automated.', evidence: 'Review spreadsheet.', confirmOutOfScope: false }), 'ofi');
    const checklist = said(await runChatText(ana, `audit checklist ${AUDIT}`));
    expect(checklist).toBe('Checklist of IA-2027-01: 4 of 4 assessed.');

    // A random sample, redrawn identically from its seed.
    const sample = await fill(ana, `audit sample ${AUDIT} A.5.15`, () => ({ population: 'leavers in Q4 2026', populationSize: '120', sampleSize: '5', method: 'random', seed: '', items: '' }), 'sample');
    const m = /items ([\d, ]+) with seed (\d+) \(redraw: (audit redraw \d+ \d+ \d+)\)/.exec(sample);
    if (!m) throw new Error(sample);
    expect(said(await runChatText(t.as(SEED.iamOwner), m[3] ?? ''))).toBe(`Sample of 5 from 1..120 with seed ${m[2]}: ${m[1]}.`);
    const first = (m[1] ?? '').split(', ')[0];
    expect(said(await runChatText(ana, `audit result ${AUDIT} 1 ${first} exception Account still active two weeks after leaving`))).toMatch(/^Item \d+ of sample #1: exception\. 1 of 5 checked, 1 exception\./);
    expect(await fill(ana, `audit interview ${AUDIT} A.5.15`, () => ({ who: SEED.iamOwner, role: 'Owner of IAM', when: '2027-01-06', requirements: 'A.5.15, A.5.18', summary: 'Walked through the quarterly access review.' }), 'interview')).toMatch(/^Interview #\d+ recorded/);
    expect(said(await runChatText(ana, `audit document ${AUDIT} A.5.15 https://wiki.acme.example/access-policy Access policy v3`))).toMatch(/^Document #\d+ recorded/);

    expect(await fill(ana, `audit meeting ${AUDIT} closing`, () => ({ date: '2027-01-28', time: '15:00', attendees: SEED.iamOwner, notes: 'Findings presented.', acknowledgement: 'acknowledged', auditeeStatement: '' }), 'closing')).toMatch(/1 finding|2 findings/);

    // Reporting: refused while something is open, accepted once it is settled.
    t.db.$client.prepare("delete from checklist_verdicts where audit_id = ? and requirement = 'A.5.15'").run(AUDIT);
    const refused = said(await runChatText(ana, `audit report ${AUDIT}`));
    expect(refused).toMatch(/^IA-2027-01 cannot move to reporting yet\. 1 checklist item has no verdict yet: A\.5\.15\./);
    expect(refused).toContain('evidence requests are still open');
    await runChatText(ana, `audit verdict ${AUDIT} A.5.15 conforming`);
    for (const id of [1, 2, 3, 4]) expect(said(await runChatText(ana, `evidence withdraw ${id} Seen in the interview instead`))).toMatch(/^Withdrawn/);
    expect(said(await runChatText(ana, `audit report ${AUDIT}`))).toMatch(/^IA-2027-01 is now in reporting/);

    expect(await fill(ana, `audit conclude ${AUDIT}`, () => ({ conclusion: 'conforms_with_minor_nonconformities', summary: 'Access control works, except MFA on two admin accounts.', strengths: 'Quarterly access reviews.' }), 'conclude')).toMatch(/Conforms, with minor nonconformities/);
    expect(said(await runChatText(t.as(SEED.otherAuditor), `audit close ${AUDIT}`))).toMatch(/^Only the lead auditor of IA-2027-01/);
    expect(said(await runChatText(ana, `audit close ${AUDIT}`))).toMatch(/^IA-2027-01 is closed and its report is final/);
    expect(said(await runChatText(ana, `audit verdict ${AUDIT} A.5.15 conforming`))).toMatch(/is closed, so its records are final/);

    const report = buildAuditReport(t.core, { auditId: AUDIT });
    expect(report.final).toBe(true);
    expect(report.plan).toMatchObject({ objectives: 'Access control works in practice.', method: 'remote', auditees: [SEED.iamOwner] });
    expect(report.checklist.map((i) => [i.requirement, i.verdict])).toEqual([
      ['A.5.15', 'conforming'],
      ['A.5.16', 'not_audited'],
      ['A.5.18', 'ofi'],
      ['A.8.5', 'nonconformity'],
    ]);
    const a515 = report.checklist[0];
    expect(a515?.sample).toMatchObject({ method: 'random', populationSize: 120, sampleSize: 5, seed: Number(m[2]), results: [{ result: 'exception' }] });
    expect(a515?.interviews[0]).toMatchObject({ who: SEED.iamOwner, requirements: ['A.5.15', 'A.5.18'] });
    expect(a515?.documents[0]).toMatchObject({ link: 'https://wiki.acme.example/access-policy', title: 'Access policy v3' });
    expect(report.checklist[3]?.findings).toEqual(['F-2027-0001']);
    expect(report.meetings.opening?.attendees).toEqual([SEED.iamOwner, 'Pat Jones (consultant)']);
    expect(report.meetings.closing).toMatchObject({ acknowledgement: 'acknowledged', findingsPresented: ['F-2027-0001', 'F-2027-0002'] });
    expect(report.conclusion).toMatchObject({ conclusion: 'conforms_with_minor_nonconformities', strengths: 'Quarterly access reviews.' });
    const md = auditReportMarkdown(report);
    for (const piece of ['**Final report**', '## Audit plan', '## Checklist', '| A.5.16', 'not audited', '## Working papers', 'Sample of leavers in Q4 2026', 'Interview with bo@acme.example', 'Document reviewed: Access policy v3', '## Meetings', 'Opening meeting on 2027-01-05', 'Closing meeting on 2027-01-28', '## Conclusion', '**Conforms, with minor nonconformities**']) {
      expect(md).toContain(piece);
    }
    expect(verifyTrail(t.core.store.transaction((tx) => tx.trail.list()))).toMatchObject({ ok: true });
  });

  it('says "provisional" and "not yet assessed" until the audit is closed, never conforming', async () => {
    const t = setup();
    const md = auditReportMarkdown(buildAuditReport(t.core, { auditId: AUDIT }));
    expect(md).toContain('**Provisional report**');
    expect(md).toContain('not yet assessed');
    expect(md).not.toContain('No nonconformity was found');
  });
});
