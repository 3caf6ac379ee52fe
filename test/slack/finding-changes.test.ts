// Issue 14 acceptance on Slack: amend, dispute and extension approval end to end, with signed
// requests into the real Bolt receiver and the fake Slack Web API. The auditor amends a finding
// in the modal that `/audit finding amend` opens, and the owner's DM says what changed; the owner
// disputes, the lead is told and upholds (or withdraws); the owner asks for more time with the
// Request extension button, the lead approves with another date or refuses with a reason, and
// the due date moves only on approval.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findings as findingsTable } from '../../db/schema.js';
import { SEED } from '../helpers/seed.js';
import { slackAudit, slackPress, slackSubmit, slackType, stateFor } from '../security/platforms.js';
import type { RecordedCall } from './fake-slack.js';
import { dm, findingState, type Harness, postsTo, SLACK_IDS, startHarness, VALID_FINDING, viewSubmission } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const lastTo = (user: string): RecordedCall => {
  const call = postsTo(h, user).at(-1);
  if (!call) throw new Error(`nothing was posted to ${user}`);
  return call;
};
const blocksText = (call: RecordedCall): string => JSON.stringify(call.body.blocks);
const buttonsOf = (call: RecordedCall): string[] =>
  ((call.body.blocks ?? []) as { type: string; elements?: { type: string; action_id: string; value: string }[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button').map((e) => `${e.action_id.split('@')[0]} ${e.value}`) : [],
  );

const finding = () => h.db.select().from(findingsTable).all()[0];
const action = () => h.core.store.transaction((tx) => tx.actions.get('CA-2027-0001'));
const trailOf = (subject: string) =>
  h.core.store
    .transaction((tx) => tx.trail.list({ subject }))
    .map((e) => `${e.action} ${e.actor} ${e.channel}`);

/** Ana records a minor against A.5.15 (owner Bo, action CA-2027-0001 due 15 February) with /finding. */
async function recordNonconformity(): Promise<void> {
  expect((await h.command('/finding', '', SLACK_IDS.auditor)).status).toBe(200);
  const opened = await h.fake.waitForMethod('views.open');
  const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING), { id: 'V0FINDING', hash: '1700000000.f' }));
  expect(res.text).toBe('');
  await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.auditor));
  await h.dispatcher.runOnce();
  h.fake.reset();
}

/** Sends what the core queued and returns the DMs it posted, by Slack user. */
async function deliver(): Promise<void> {
  h.fake.reset();
  await h.dispatcher.runOnce();
}

describe('changing a finding on Slack', () => {
  it('amend: /audit finding amend opens the modal with the finding; the owner is told what changed', async () => {
    await recordNonconformity();
    const opened = await slackType(h, 'finding amend F-2027-0001', SLACK_IDS.auditor);
    if (!('modal' in opened)) throw new Error(`no modal: ${opened.text}`);
    expect(opened.modal.body.trigger_id).toMatch(/\S/);
    const ack = await slackSubmit(
      h,
      opened.modal,
      SLACK_IDS.auditor,
      stateFor(opened.modal, { classification: 'major', requirement: 'A.5.15', statement: VALID_FINDING.statement, evidence: VALID_FINDING.evidence, reason: 'A third former contractor was found active in the VPN logs.' }),
    );
    expect(ack).toBeNull();
    expect(finding()).toMatchObject({ id: 'F-2027-0001', classification: 'major', status: 'open' });
    expect(trailOf('finding:F-2027-0001')).toEqual([`finding.recorded ${SEED.auditor} slack`, `finding.amended ${SEED.auditor} slack`]);

    const answer = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.auditor));
    expect(String(answer.body.text)).toBe('Finding F-2027-0001 is amended. The owner has been told.');
    await deliver();
    const told = lastTo(SLACK_IDS.iamOwner);
    expect(String(told.body.text)).toBe('Ana Ruiz amended finding F-2027-0001 (classification).');
    expect(blocksText(told)).toContain('Classification: minor nonconformity → major nonconformity');
    expect(blocksText(told)).toContain('Reason: A third former contractor was found active in the VPN logs.');

    // A field and its new value typed at once: amended without a form.
    expect(await slackAudit(h, 'finding amend F-2027-0001 evidence VPN log of 2027-01-04 and the identity provider export.', SLACK_IDS.auditor)).toBe('Finding F-2027-0001 is amended. The owner has been told.');
    expect(finding()?.evidence).toBe('VPN log of 2027-01-04 and the identity provider export.');
    // The owner is not an auditor of the audit: refused, nothing changes.
    expect(await slackAudit(h, 'finding amend F-2027-0001 classification minor', SLACK_IDS.iamOwner)).toMatch(/auditor/i);
    expect(finding()?.classification).toBe('major');
  });

  it('dispute: the owner disputes with a reason, the audit lead is told and upholds it; the owner is told why', async () => {
    await recordNonconformity();
    expect(await slackAudit(h, 'finding dispute F-2027-0001 Both contractors left on 3 January and were disabled that day.', SLACK_IDS.iamOwner)).toMatch(/^Finding F-2027-0001 is disputed\. .* will decide whether it stands, and you will be told\.$/);
    expect(finding()).toMatchObject({ response: 'disputed', responseReason: 'Both contractors left on 3 January and were disabled that day.', status: 'open' });

    await deliver();
    const toLead = lastTo(SLACK_IDS.auditor);
    expect(String(toLead.body.text)).toBe('Bo Berg disputes finding F-2027-0001. Please decide: uphold, amend or withdraw it.');
    expect(blocksText(toLead)).toContain('Their reason: Both contractors left on 3 January and were disabled that day.');
    expect(blocksText(toLead)).toContain('finding uphold F-2027-0001');

    expect(await slackAudit(h, 'finding uphold F-2027-0001 The export of 4 January shows both accounts active.', SLACK_IDS.auditor)).toBe('Finding F-2027-0001 is upheld: it stands as recorded. The owner has been told.');
    expect(finding()).toMatchObject({ response: 'upheld', decisionReason: 'The export of 4 January shows both accounts active.', status: 'open' });
    expect(action()?.status).toBe('open');
    await deliver();
    const toOwner = lastTo(SLACK_IDS.iamOwner);
    expect(String(toOwner.body.text)).toBe('Ana Ruiz upheld finding F-2027-0001: it stands as recorded.');
    expect(blocksText(toOwner)).toContain('Reason: The export of 4 January shows both accounts active.');
    expect(trailOf('finding:F-2027-0001').slice(1)).toEqual([`finding.disputed ${SEED.iamOwner} slack`, `finding.dispute_upheld ${SEED.auditor} slack`]);
  });

  it('dispute: the lead withdraws the disputed finding with the reason; its action goes with it and the owner is told', async () => {
    await recordNonconformity();
    await slackAudit(h, 'finding dispute F-2027-0001 The accounts are service accounts, not people.', SLACK_IDS.iamOwner);
    expect(await slackAudit(h, 'finding withdraw F-2027-0001 They are service accounts with owners on record.', SLACK_IDS.auditor)).toBe(
      'Finding F-2027-0001 is withdrawn. Its corrective action CA-2027-0001 is withdrawn with it. The owner has been told.',
    );
    expect(finding()).toMatchObject({ status: 'withdrawn', statusReason: 'They are service accounts with owners on record.' });
    expect(action()?.status).toBe('withdrawn');
    await deliver();
    const toOwner = lastTo(SLACK_IDS.iamOwner);
    expect(String(toOwner.body.text)).toBe('Ana Ruiz withdrew finding F-2027-0001. Nothing more is needed from you on it.');
    expect(blocksText(toOwner)).toContain('Reason: They are service accounts with owners on record.');
    expect(buttonsOf(toOwner)).toEqual([]);
  });

  it('extension: requested with the button, nothing changes until the lead approves with another date; a second request waits', async () => {
    await recordNonconformity();
    const pressed = await slackPress(h, SLACK_IDS.iamOwner, 'action.extend', 'CA-2027-0001');
    if (!('modal' in pressed)) throw new Error(`no modal: ${pressed.text}`);
    expect(await slackSubmit(h, pressed.modal, SLACK_IDS.iamOwner, stateFor(pressed.modal, { due: '2027-03-31', reason: 'The identity provider migration freezes changes until March.' }))).toBeNull();
    expect(action()?.due).toBe('2027-02-15');
    const answer = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.iamOwner));
    expect(String(answer.body.text)).toMatch(/^Your request to move CA-2027-0001 to Wednesday 31 March 2027 is with .+ for approval\. Until a lead approves it, CA-2027-0001 stays due Monday 15 February 2027\.$/);

    await deliver();
    const toLead = lastTo(SLACK_IDS.lead);
    expect(String(toLead.body.text)).toBe('Bo Berg asks to move the due date of CA-2027-0001 from Monday 15 February 2027 to Wednesday 31 March 2027. Please approve or refuse.');
    expect(blocksText(toLead)).toContain('Reason: The identity provider migration freezes changes until March.');

    // A second request while the first waits is refused; the due date has not moved.
    expect(await slackAudit(h, 'action extend CA-2027-0001 2027-04-30 Even later, to be safe.', SLACK_IDS.iamOwner)).toMatch(/already|waiting|pending/i);
    expect(h.core.store.transaction((tx) => tx.actions.pendingExtensionRequest('CA-2027-0001'))?.due).toBe('2027-03-31');
    // The owner cannot approve their own request.
    expect(await slackAudit(h, 'action extension approve CA-2027-0001', SLACK_IDS.iamOwner)).toMatch(/lead/i);
    expect(action()?.due).toBe('2027-02-15');

    expect(await slackAudit(h, 'action extension approve CA-2027-0001 2027-03-26 Please keep the freeze exception short.', SLACK_IDS.lead)).toBe('Approved: CA-2027-0001 is now due Friday 26 March 2027. The owner has been told.');
    expect(action()?.due).toBe('2027-03-26');
    expect(h.core.store.transaction((tx) => tx.actions.pendingExtensionRequest('CA-2027-0001'))).toBeNull();
    await deliver();
    const toOwner = lastTo(SLACK_IDS.iamOwner);
    expect(String(toOwner.body.text)).toBe('Lena Lund approved your request: corrective action CA-2027-0001 is now due Friday 26 March 2027. Please keep the freeze exception short.');
    expect(buttonsOf(toOwner)).toContain('action.extend CA-2027-0001');
    expect(trailOf('action:CA-2027-0001').slice(1)).toEqual([`action.extension_requested ${SEED.iamOwner} slack`, `action.extended ${SEED.lead} slack`, `action.extension_decided ${SEED.lead} slack`]);
  });

  it('extension: the lead refuses with a reason; the due date stays and the owner is told why', async () => {
    await recordNonconformity();
    expect(await slackAudit(h, 'action extend CA-2027-0001 2027-03-31 The migration freezes changes.', SLACK_IDS.iamOwner)).toMatch(/^Your request to move CA-2027-0001 to Wednesday 31 March 2027/);
    expect(await slackAudit(h, 'action extension refuse CA-2027-0001', SLACK_IDS.lead)).toBe('Usage: action extension refuse &lt;id&gt; &lt;reason&gt;');
    expect(await slackAudit(h, 'action extension refuse CA-2027-0001 Disabling two accounts needs no change window.', SLACK_IDS.lead)).toBe('Refused: CA-2027-0001 stays due Monday 15 February 2027. The owner has been told why.');
    expect(action()?.due).toBe('2027-02-15');
    await deliver();
    expect(String(lastTo(SLACK_IDS.iamOwner).body.text)).toBe(
      'Lena Lund refused your request to move CA-2027-0001 to Wednesday 31 March 2027; it stays due Monday 15 February 2027. Reason: Disabling two accounts needs no change window.',
    );
    // Refused, a new request may be made.
    expect(await slackAudit(h, 'action extend CA-2027-0001 2027-02-26 Two more weeks for the second account.', SLACK_IDS.iamOwner)).toMatch(/^Your request to move CA-2027-0001 to Friday 26 February 2027/);
  });
});
