// One audit walked end to end (issue 13 acceptance), written once and driven through a
// platform: the console pipeline, signed Slack requests or Teams activities. A driver types a
// command as a person and says what the bot answered, or opens a form from a typed command and
// submits it; the walk checks the answers, the final report and the trail.
import { expect } from 'vitest';
import { auditReportMarkdown } from '../../src/cli/reports/audit-report.js';
import type { Core } from '../../src/core/context.js';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';
import { buildAuditReport } from '../../src/core/reporting/build-audit-report.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { audits } from '../../db/schema.js';
import { SEED } from './seed.js';

export type Entered = Record<string, string | boolean>;

/** A form the bot opened in answer to a typed command. */
export interface OpenedForm {
  /** The value a field starts with, as the platform shows it. */
  initial(field: string): string | undefined;
  /** Submits what was entered; the bot's answer once the form is accepted (throws if refused). */
  submit(values: Entered): Promise<string>;
}

export interface WalkDriver {
  /** `text` typed by the person `email`; the text of the answer. */
  say(email: string, text: string): Promise<string>;
  /** `text` typed by `email`, answered with a form (throws if the answer is not a form). */
  open(email: string, text: string): Promise<OpenedForm>;
}

export const WALK_AUDIT = SEED.audits.iam;

/** Four requirements in scope and one open evidence request for each (on a seeded small org). */
export function prepareWalk(core: Core, db: Db): void {
  db.update(audits).set({ controls: ['A.5.15', 'A.5.16', 'A.5.18', 'A.8.5'] }).where(eq(audits.id, WALK_AUDIT)).run();
  core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(WALK_AUDIT);
    if (audit) createEvidenceRequests(tx, core, audit);
  });
}

async function fill(d: WalkDriver, email: string, text: string, values: Entered): Promise<string> {
  return (await d.open(email, text)).submit(values);
}

export async function walkAudit(d: WalkDriver, core: Core): Promise<void> {
  const AUDIT = WALK_AUDIT;
  const lead = SEED.auditor;

  expect(await fill(d, lead, `audit plan-edit ${AUDIT}`, { objectives: 'Access control works in practice.', method: 'remote', criteria: 'ISO/IEC 27001:2022\nAccess control policy v3', auditees: SEED.iamOwner, opening: '2027-01-05 09:30', interviews: '2027-01-06 10:00 Bo Berg (IAM owner)', closing: '2027-01-28 15:00' })).toMatch(/The plan of IA-2027-01 is saved \(3 scheduled items\)/);
  expect(await d.say(lead, `audit plan-share ${AUDIT}`)).toContain(`The plan of ${AUDIT} is on its way to 1 auditee`);
  expect(await d.say(lead, `audit plan ${AUDIT}`)).toMatch(/Plan of IA-2027-01: remote, opening 2027-01-05 09:30, shared\./);

  expect(await fill(d, lead, `audit meeting ${AUDIT} opening`, { date: '2027-01-05', time: '09:30', attendees: `${SEED.iamOwner}, Pat Jones (consultant)`, notes: 'Scope and schedule agreed.' })).toMatch(/opening meeting of IA-2027-01 on 2027-01-05 09:30 is recorded with 2 attendees/);

  // A verdict of each kind: conforming and not_audited typed, nonconformity and ofi from findings.
  expect(await d.say(lead, `audit verdict ${AUDIT} A.5.15 conforming Quarterly reviews seen`)).toContain('A.5.15 in IA-2027-01: conforming. Checklist: 1 of 4 assessed.');
  expect(await d.say(lead, `audit verdict ${AUDIT} A.5.16 not_audited Identity platform replaced in March`)).toMatch(/A\.5\.16 in IA-2027-01: not audited \(Identity platform replaced in March\)/);
  const nc = await d.open(lead, `audit finding ${AUDIT} A.8.5`);
  expect(nc.initial('requirement')).toBe('A.8.5');
  expect(await nc.submit({ auditId: AUDIT, classification: 'minor', requirement: 'A.8.5', statement: 'Two admin accounts sign in without MFA.', evidence: 'IdP export of 2027-01-05.', confirmOutOfScope: false })).toMatch(/Finding F-2027-0001 recorded: minor/);

  // A random sample, redrawn identically from its seed by someone else.
  const sample = await fill(d, lead, `audit sample ${AUDIT} A.5.15`, { population: 'leavers in Q4 2026', populationSize: '120', sampleSize: '5', method: 'random', seed: '', items: '' });
  const m = /items ([\d, ]+) with seed (\d+) \(redraw: (audit redraw \d+ \d+ \d+)\)/.exec(sample);
  if (!m) throw new Error(sample);
  expect(await d.say(SEED.iamOwner, m[3] ?? '')).toContain(`Sample of 5 from 1..120 with seed ${m[2]}: ${m[1]}.`);
  const first = (m[1] ?? '').split(', ')[0];
  expect(await d.say(lead, `audit result ${AUDIT} 1 ${first} exception Account still active two weeks after leaving`)).toMatch(/Item \d+ of sample #1: exception\. 1 of 5 checked, 1 exception\./);
  expect(await fill(d, lead, `audit interview ${AUDIT} A.5.15`, { who: SEED.iamOwner, role: 'Owner of IAM', when: '2027-01-06', requirements: 'A.5.15, A.5.18', summary: 'Walked through the quarterly access review.' })).toMatch(/Interview #\d+ recorded/);
  expect(await d.say(lead, `audit document ${AUDIT} A.5.15 https://wiki.acme.example/access-policy Access policy v3`)).toMatch(/Document #\d+ recorded/);

  // Reporting is refused while an item is unassessed and evidence requests are open.
  const refused = await d.say(lead, `audit report ${AUDIT}`);
  expect(refused).toMatch(/IA-2027-01 cannot move to reporting yet\. 1 checklist item has no verdict yet: A\.5\.18\./);
  expect(refused).toContain('evidence requests are still open');

  expect(await fill(d, lead, `audit finding ${AUDIT} A.5.18`, { auditId: AUDIT, classification: 'ofi', requirement: 'A.5.18', statement: 'Access reviews could be automated.', evidence: 'Review spreadsheet.', confirmOutOfScope: false })).toMatch(/Finding F-2027-0002 recorded/);
  expect(await d.say(lead, `audit checklist ${AUDIT}`)).toContain('Checklist of IA-2027-01: 4 of 4 assessed.');
  expect(await fill(d, lead, `audit meeting ${AUDIT} closing`, { date: '2027-01-28', time: '15:00', attendees: SEED.iamOwner, notes: 'Findings presented.', acknowledgement: 'acknowledged', auditeeStatement: '' })).toMatch(/2 findings/);
  for (const id of [1, 2, 3, 4]) expect(await d.say(lead, `evidence withdraw ${id} Seen in the interview instead`)).toMatch(/Withdrawn/);
  expect(await d.say(lead, `audit report ${AUDIT}`)).toMatch(/IA-2027-01 is now in reporting/);

  expect(await fill(d, lead, `audit conclude ${AUDIT}`, { conclusion: 'conforms_with_minor_nonconformities', summary: 'Access control works, except MFA on two admin accounts.', strengths: 'Quarterly access reviews.' })).toMatch(/Conforms, with minor nonconformities/);
  expect(await d.say(SEED.otherAuditor, `audit close ${AUDIT}`)).toMatch(/Only the lead auditor of IA-2027-01/);
  expect(await d.say(lead, `audit close ${AUDIT}`)).toMatch(/IA-2027-01 is closed and its report is final/);
  expect(await d.say(lead, `audit verdict ${AUDIT} A.5.15 conforming`)).toMatch(/is closed, so its records are final/);

  const report = buildAuditReport(core, { auditId: AUDIT });
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
  expect(report.checklist[2]?.findings).toEqual(['F-2027-0002']);
  expect(report.checklist[3]?.findings).toEqual(['F-2027-0001']);
  expect(report.meetings.opening?.attendees).toEqual([SEED.iamOwner, 'Pat Jones (consultant)']);
  expect(report.meetings.closing).toMatchObject({ acknowledgement: 'acknowledged', findingsPresented: ['F-2027-0001', 'F-2027-0002'] });
  expect(report.conclusion).toMatchObject({ conclusion: 'conforms_with_minor_nonconformities', strengths: 'Quarterly access reviews.' });
  const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
  for (const key of ['plan', 'checklist', 'meetings', 'conclusion', 'final']) expect(json).toHaveProperty(key);
  const md = auditReportMarkdown(report);
  for (const piece of ['**Final report**', '## Audit plan', '## Checklist', '| A.5.16', 'not audited', '## Working papers', 'Sample of leavers in Q4 2026', 'Interview with bo@acme.example', 'Document reviewed: Access policy v3', '## Meetings', 'Opening meeting on 2027-01-05', 'Closing meeting on 2027-01-28', '## Conclusion', '**Conforms, with minor nonconformities**', 'F-2027-0001', 'F-2027-0002']) {
    expect(md).toContain(piece);
  }
  expect(verifyTrail(core.store.transaction((tx) => tx.trail.list()))).toMatchObject({ ok: true });
}
