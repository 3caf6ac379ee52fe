// A year of an organisation's audit driven through the core's use cases, so that its database
// holds every kind of trail event the core writes: the programme planned, overridden, re-planned
// and left without an independent auditor; an audit started, its evidence snoozed, handed back,
// reassigned, submitted by two people, sent back, accepted and withdrawn, nudged and escalated;
// findings recorded with a proposed due date and three minors in a row; a corrective action
// planned, extended, implemented, found not effective, implemented again and closed, chased and
// escalated; a chat account learnt and another refused; a notification re-queued; the digest
// channel chosen; audits closed; and the organisation file imported.
import { importOrganisation } from '../../src/core/organisation/import-organisation.js';
import { linkChatAccount } from '../../src/core/organisation/link-chat-account.js';
import { markImplemented } from '../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../src/core/corrective-actions/plan-action.js';
import { requestExtension } from '../../src/core/corrective-actions/request-extension.js';
import { decideExtension } from '../../src/core/corrective-actions/decide-extension.js';
import { runChase } from '../../src/core/corrective-actions/run-chase.js';
import { verifyAction } from '../../src/core/corrective-actions/verify-action.js';
import { markNotMine } from '../../src/core/evidence/mark-not-mine.js';
import { reassignEvidence } from '../../src/core/evidence/reassign-evidence.js';
import { reviewEvidence } from '../../src/core/evidence/review-evidence.js';
import { runNudges } from '../../src/core/evidence/run-nudges.js';
import { snoozeEvidence } from '../../src/core/evidence/snooze-evidence.js';
import { submitEvidence } from '../../src/core/evidence/submit-evidence.js';
import { withdrawEvidence } from '../../src/core/evidence/withdraw-evidence.js';
import { amendFinding } from '../../src/core/findings/amend-finding.js';
import { recordFinding } from '../../src/core/findings/record-finding.js';
import { withdrawFinding } from '../../src/core/findings/withdraw-finding.js';
import { raiseToMajor } from '../../src/core/findings/raise-to-major.js';
import { acknowledgeFinding, disputeFinding, upholdFinding } from '../../src/core/findings/respond-to-finding.js';
import { requeueNotification } from '../../src/core/outbox/requeue-notification.js';
import { assignAuditors } from '../../src/core/programme/assign-auditors.js';
import { overrideAssignment } from '../../src/core/programme/override-assignment.js';
import { planProgramme } from '../../src/core/programme/plan-programme.js';
import { showProgramme } from '../../src/core/programme/show-programme.js';
import { transitionAudit } from '../../src/core/programme/transition-audit.js';
import { closeAudit } from '../../src/core/conduct/close-audit.js';
import { saveAuditPlan, shareAuditPlan } from '../../src/core/conduct/audit-plan.js';
import { correctAudit } from '../../src/core/conduct/correct-audit.js';
import { drawSample } from '../../src/core/conduct/draw-sample.js';
import { recordDocument } from '../../src/core/conduct/record-document.js';
import { recordInterview } from '../../src/core/conduct/record-interview.js';
import { recordNote } from '../../src/core/conduct/record-note.js';
import { recordSampleResult } from '../../src/core/conduct/record-sample-result.js';
import { recordConclusion } from '../../src/core/conduct/record-conclusion.js';
import { recordMeeting } from '../../src/core/conduct/record-meeting.js';
import { recordVerdict } from '../../src/core/conduct/record-verdict.js';
import { reopenAudit } from '../../src/core/conduct/reopen-audit.js';
import { reportAudit } from '../../src/core/conduct/report-audit.js';
import { reportAsLead } from './conduct.js';
import { setDigestChannel } from '../../src/core/reporting/set-digest-channel.js';
import { recordReview } from '../../src/core/review/record-review.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import { provideInput } from '../../src/core/review/provide-input.js';
import { runInputRequests } from '../../src/core/review/run-input-requests.js';
import { runReviewActionChase } from '../../src/core/review/run-review-action-chase.js';
import { markReviewActionDone } from '../../src/core/review/mark-review-action-done.js';
import { organisation } from '../../db/schema.js';
import type { Actor } from '../../src/core/shared/actor.js';
import { ORG_YAML } from '../core/org-fixture.js';
import { makeTestCore, type TestCore } from './core.js';
import { acmeOrg, LEAD, leadActor, P, seed } from './programme-org.js';

const as = (email: string): Actor => ({ email, channel: 'console' });

/** What the story left behind, for tests that check it. */
export interface FullTrail extends TestCore {
  /** The audit whose evidence and findings the story works on (suppliers). */
  auditId: string;
  /** The audit left without an independent auditor. */
  needsExternal: string;
  actionId: string;
}

/** The acme organisation with managers (so escalations have someone to go to) and chat ids. */
function org(edit: (o: ReturnType<typeof acmeOrg>) => void = () => {}) {
  const o = acmeOrg({ withExternal: true });
  for (const p of o.people) {
    if (p.email === P.fay || p.email === P.bo) p.manager = P.iris;
    if (p.email === P.iris) p.slackId = 'U0IRIS';
  }
  edit(o);
  return o;
}

export function fullTrail(file?: string): FullTrail {
  const t = makeTestCore('2026-12-01T09:00:00Z', { timezone: 'UTC', ...(file ? { file } : {}) });
  const { core, clock } = t;
  seed(core, org());

  // The programme: planned, one assignment overridden without independence, then re-planned
  // with IAM at low risk and a new criterion (one IAM audit cancelled, the other re-scoped) and
  // Carl owning a people control (the people audit gets another lead).
  planProgramme(core, { cycle: '2027', start: '2027-01-01' }, leadActor);
  const audits = () => showProgramme(core, {}).audits;
  const byArea = (key: string) => {
    const a = audits().find((x) => x.areas[0] === key && x.status === 'planned');
    if (!a) throw new Error(`no planned ${key} audit`);
    return a;
  };
  // The only lead does not approve an exception alone (issue 14.7): the external auditor records it.
  overrideAssignment(core, { auditId: byArea('ops').id, email: P.carl, justification: 'Only Carl knows the legacy platform this year' }, { email: P.eve, channel: 'cli' });
  seed(
    core,
    org(
      (o) =>
        (o.areas = o.areas.map((a) =>
          a.key === 'iam'
            ? { ...a, risk: 'low' as const, criteria: [...a.criteria, 'Access review procedure v1'] }
            : a.key === 'people'
              ? { ...a, scope: a.scope.map((x) => (x.requirement === 'A.6.3' ? { ...x, owner: P.carl } : x)) }
              : a,
        )),
    ),
  );
  planProgramme(core, { cycle: '2027', start: '2027-03-01' }, leadActor);

  // Ana, Hana and Eve leave for a while: Carl takes what he is independent of, IAM needs an external auditor.
  const away = new Set([P.ana, P.hana, P.eve]);
  seed(core, org((o) => (o.people = o.people.map((p) => (away.has(p.email) ? { ...p, active: false } : p)))));
  assignAuditors(core, { cycle: '2027' }, leadActor);
  const needsExternal = audits().find((a) => a.needsExternalAuditor)?.id;
  if (!needsExternal) throw new Error('no audit needs an external auditor');
  seed(core, org());

  // The suppliers audit starts: Fay is asked for evidence on each of its controls.
  const suppliers = byArea('suppliers');
  const auditor = suppliers.auditors.find((a) => a.role === 'lead')?.email;
  if (!auditor) throw new Error('the suppliers audit has no lead auditor');
  clock.set('2027-03-01T09:00:00Z');
  transitionAudit(core, { auditId: suppliers.id, to: 'in_progress' }, leadActor);
  const requests = core.store.transaction((tx) => tx.evidence.list({ auditId: suppliers.id }));
  const [r1, r2, r3, r4] = requests.map((r) => r.id);
  if (r4 === undefined || r1 === undefined || r2 === undefined || r3 === undefined) throw new Error('too few evidence requests');
  snoozeEvidence(core, as(P.fay), { requestId: r1, days: 2 });
  markNotMine(core, as(P.fay), { requestId: r2, reason: 'Ivy runs the supplier onboarding' });
  reassignEvidence(core, as(LEAD), { requestId: r2, owner: P.ivy });
  submitEvidence(core, as(P.fay), { requestId: r3, links: 'https://docs.example/suppliers/register' });
  reviewEvidence(core, as(auditor), { requestId: r3, decision: 'more', comment: 'Please add the annual review records.' });
  reassignEvidence(core, as(LEAD), { requestId: r3, owner: P.ivy });
  submitEvidence(core, as(P.ivy), { requestId: r3, links: 'https://docs.example/suppliers/reviews-2026' });
  reviewEvidence(core, as(auditor), { requestId: r3, decision: 'accept' });
  withdrawEvidence(core, as(LEAD), { requestId: r4, reason: 'Covered by the group contract review' });

  // Findings: a minor with a proposed due date, two more minors on the same control (a possible
  // major), and an observation.
  const finding = (values: Record<string, string>, key: string) =>
    recordFinding(core, as(auditor), { auditId: suppliers.id, requirement: 'A.5.19', statement: 'Two suppliers were onboarded without a security assessment.', evidence: 'Supplier register, March 2027.', ...values }, key).story;
  const first = finding({ classification: 'minor', dueDate: '2027-04-30' }, 'full-1');
  const second = finding({ classification: 'minor' }, 'full-2');
  const third = finding({ classification: 'minor' }, 'full-3');
  const observation = finding({ classification: 'observation', requirement: 'A.5.20' }, 'full-4');
  // The observation is amended and the third minor withdrawn with its action (issue 14.1).
  amendFinding(core, as(auditor), { findingId: observation.finding.id, statement: 'Supplier agreements carry a clear security annex.', reason: 'Wording.' });
  withdrawFinding(core, as(auditor), { findingId: third.finding.id, reason: 'Same supplier as the second: recorded twice.' });
  // The owner acknowledges the first and disputes the second, which the auditor upholds (issue 14.2).
  acknowledgeFinding(core, as(first.finding.owner), { findingId: first.finding.id });
  disputeFinding(core, as(second.finding.owner), { findingId: second.finding.id, reason: 'That supplier was onboarded before the policy.' });
  upholdFinding(core, as(auditor), { findingId: second.finding.id, reason: 'The policy dates from 2025; the onboarding from 2026.' });
  // The lead raises the two remaining minors to one major (issue 14.3).
  raiseToMajor(core, leadActor, { findingId: first.finding.id, reason: 'Onboarding has no security step at all.' });
  const actionId = first.action?.id;
  if (!actionId) throw new Error('the minor nonconformity opened no action');
  const owner = first.finding.owner;
  planAction(core, as(owner), { actionId, correction: 'Assessed both suppliers.', rootCause: 'Onboarding had no security step.', plan: 'Add the assessment to the onboarding checklist.', due: '2027-04-30' });
  clock.set('2027-03-02T10:00:00Z');
  requestExtension(core, as(owner), { actionId, due: '2027-05-31', reason: 'The checklist change needs the procurement board in May.' });
  decideExtension(core, leadActor, { actionId, approve: true });

  // Weeks pass: nudges and the chase, every working morning.
  for (let day = Date.parse('2027-03-02T09:30:00Z'); day <= Date.parse('2027-06-25T09:30:00Z'); day += 86_400_000) {
    clock.set(new Date(day));
    runNudges(core);
    runChase(core);
  }
  clock.set('2027-06-28T10:00:00Z');
  markImplemented(core, as(owner), { actionId, links: 'https://docs.example/procurement/checklist-v2' });
  verifyAction(core, as(auditor), { actionId, effective: false, reason: 'The checklist is not used for renewals yet.', due: '2027-07-30' });
  markImplemented(core, as(owner), { actionId, links: 'https://docs.example/procurement/checklist-v3' });
  verifyAction(core, as(auditor), { actionId, effective: true, reason: 'Sampled five onboardings and two renewals since July: all assessed.' });

  // Chat: Iris's Slack id is known; Fay's is learnt; a second account with Iris's address is refused.
  linkChatAccount(core, { email: P.fay, platform: 'slack', platformId: 'U0FAY', timezone: 'Europe/London' }, 'slack');
  linkChatAccount(core, { email: P.iris, platform: 'slack', platformId: 'U0IRIS2' }, 'slack');

  // Operations: a notification re-queued, the Teams digest channel chosen.
  const row = core.store.transaction((tx) => tx.outbox.list()[0]);
  if (row) requeueNotification(core, { email: 'ops@acme.example', channel: 'cli' }, { id: row.id });
  core.store.transaction((tx) => tx.conversationRefs.save('channel:19:audit-channel', { conversation: { id: '19:audit-channel' } }));
  setDigestChannel(core, { email: LEAD, channel: 'teams' }, { platform: 'teams', conversationId: '19:audit-channel' });
  // Management review inputs: Fay provides (b) for a review on 2 July; asked after the due date,
  // the chair (the lead) is told; she gives it.
  t.db.update(organisation).set({ managementReview: { everyMonths: null, chair: null, inputs: { b: P.fay } } }).run();
  const { review: withInputs } = scheduleReview(core, leadActor, { date: '2027-07-02' });
  runInputRequests(core);
  provideInput(core, as(P.fay), { reviewId: withInputs.id, letter: 'b', text: 'A new supplier law applies from 2028.', links: 'https://docs.example/supplier-law' });
  // The management review: a meeting today, chaired by the lead, and its outcome recorded.
  const reviewDay = core.clock.now().toISOString().slice(0, 10);
  const { review } = scheduleReview(core, leadActor, { date: reviewDay });
  const held = recordReview(core, leadActor, {
    reviewId: review.id,
    attendees: 'Lena Lund',
    improvements: 'Share audit checklists',
    actions: `${LEAD} | 2099-01-31 | Publish the checklists\n${P.fay} | 2027-07-02 | Brief procurement on the supplier law`,
  });
  // Fay's review action falls overdue: chased, the chair told; she marks it done.
  clock.set('2027-07-12T09:30:00Z');
  runReviewActionChase(core);
  const briefing = held.actions.find((a) => a.owner === P.fay);
  if (briefing) markReviewActionDone(core, as(P.fay), { actionId: briefing.id });

  // The suppliers audit reports and closes; the organisation file is imported.
  conductSuppliers(core, suppliers.id, auditor);
  importOrganisation(core, { fileName: 'org.yaml', text: ORG_YAML, dryRun: false, actor: { email: 'ops@acme.example', channel: 'cli' } });
  return { ...t, auditId: suppliers.id, needsExternal, actionId };
}

/**
 * The suppliers audit conducted to its close: an opening meeting, verdicts (one not audited),
 * reporting, back to in progress with a reason, reporting again, the closing meeting, the
 * conclusion and the close.
 */
function conductSuppliers(core: FullTrail['core'], auditId: string, auditor: string): void {
  const lead = as(auditor);
  saveAuditPlan(core, lead, { auditId, objectives: 'Supplier security works in practice.', method: 'mixed', opening: '2027-03-01 09:30', interviews: '2027-03-03 10:00 Fay (procurement)', closing: '2027-07-01 15:00' });
  shareAuditPlan(core, lead, { auditId });
  recordMeeting(core, lead, { auditId, kind: 'opening', date: '2027-03-01', time: '09:30', attendees: `${P.fay}, ${P.ivy}, Pat Jones (procurement consultant)`, notes: 'Scope and schedule agreed.' });
  recordDocument(core, lead, { auditId, requirement: 'A.5.20', link: 'https://docs.example/suppliers/contract-template', title: 'Supplier contract template v4' });
  const sample = drawSample(core, lead, { auditId, requirement: 'A.5.20', population: 'supplier contracts signed in 2026', populationSize: 40, sampleSize: 3, method: 'random', seed: 2027 });
  const [item] = sample.body.kind === 'sample' ? sample.body.items : [];
  recordSampleResult(core, lead, { auditId, sampleId: sample.id, item, result: 'ok' });
  recordInterview(core, lead, { auditId, who: P.fay, role: 'Head of procurement', when: '2027-03-03', requirements: 'A.5.19, A.5.20', summary: 'Walked through onboarding.' });
  recordNote(core, lead, { auditId, requirement: 'A.5.20', text: 'Template reviewed by legal in 2026.' });
  recordVerdict(core, lead, { auditId, requirement: 'A.5.20', verdict: 'conforming', notes: 'Contract clauses seen for three suppliers.' });
  recordVerdict(core, lead, { auditId, requirement: 'A.5.23', verdict: 'not_audited', reason: 'No cloud services are bought by the suppliers area this year.' });
  reportAsLead(core, auditId, as(LEAD));
  reopenAudit(core, lead, { auditId, reason: 'A late contract for A.5.21 needs a look.' });
  recordVerdict(core, lead, { auditId, requirement: 'A.5.21', verdict: 'conforming', notes: 'Late contract seen.' });
  reportAudit(core, lead, { auditId });
  recordMeeting(core, lead, { auditId, kind: 'closing', date: '2027-07-01', time: '15:00', attendees: `${P.fay}, ${P.ivy}`, acknowledgement: 'disagreed', auditeeStatement: 'Fay thinks one of the two suppliers was exempt.' });
  recordConclusion(core, lead, { auditId, conclusion: 'does_not_conform', summary: 'Supplier onboarding assessments are missing again and again (raised to a major).', strengths: 'A complete supplier register.' });
  closeAudit(core, lead, { auditId });
  correctAudit(core, lead, { auditId, correction: 'The closing meeting was on 2 July, not 1 July.', reason: 'Typed the wrong date.' });
}
