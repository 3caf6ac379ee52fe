// Issue 7 on Slack, end to end through the real Bolt receiver (signed requests) and the fake
// Slack Web API. Acceptance 4: a nonconformity recorded with /finding → the action DM to the
// owner → the plan modal (bad input answered with field errors) → implemented → the auditor
// finds it not effective → back to the owner → implemented again → effective → closed; the trail
// holds the whole chain and `auditbot trail verify` passes. Acceptance 2: the owner, and a
// colleague in the owner's team, cannot verify it (typed command, button, modal).
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORM_UNKNOWN } from '../../src/chat/form-instances.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { cli, tempDir } from '../helpers/cli.js';
import { SEED } from '../helpers/seed.js';
import type { RecordedCall } from './fake-slack.js';
import { dm, findingState, type Harness, postsTo, SLACK_IDS, startHarness, VALID_FINDING, viewSubmission } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());


interface SlackButton {
  action_id: string;
  value: string;
}

const buttonsOf = (call: RecordedCall): SlackButton[] =>
  ((call.body.blocks ?? []) as { type: string; elements?: (SlackButton & { type: string })[] }[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button') : []));

function button(call: RecordedCall | undefined, id: string): SlackButton {
  const found = call ? buttonsOf(call).find((b) => b.action_id.startsWith(`${id}@`)) : undefined;
  if (!found) throw new Error(`no ${id} button in ${call ? JSON.stringify(buttonsOf(call)) : 'a missing message'}`);
  return found;
}

const click = (user: string, b: SlackButton) => ({
  type: 'block_actions',
  user: { id: user, username: user.toLowerCase(), team_id: 'T0ACME' },
  team: { id: 'T0ACME', domain: 'acme' },
  api_app_id: 'A0AUDITBOT',
  token: 'deprecated-verification-token',
  trigger_id: `1337.77.${Math.random().toString(16).slice(2)}`,
  container: { type: 'message', channel_id: dm(user), message_ts: '1700000000.000001', is_ephemeral: false },
  channel: { id: dm(user), name: 'directmessage' },
  message: { type: 'message', ts: '1700000000.000001', text: 'x' },
  response_url: h.fake.responseUrl(),
  actions: [{ type: 'button', action_id: b.action_id, block_id: 'b1', value: b.value, action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Button' } }],
});

type ViewBlock = { type: string; block_id?: string; element?: { type: string; action_id: string } };

/** `view.state.values` for the modal's inputs, as Slack builds it from what was entered. */
function stateFor(opened: RecordedCall, entered: Record<string, string | undefined>) {
  const state: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const b of (opened.body.view as { blocks: ViewBlock[] }).blocks) {
    if (b.type !== 'input' || !b.block_id || !b.element) continue;
    const v = entered[b.block_id];
    const el = b.element;
    state[b.block_id] = {
      [el.action_id]:
        el.type === 'datepicker'
          ? { type: el.type, selected_date: v ?? null }
          : el.type === 'static_select'
            ? { type: el.type, selected_option: v === undefined ? null : { text: { type: 'plain_text', text: v }, value: v } }
            : { type: el.type, value: v ?? null },
    };
  }
  return state;
}

const inputsOf = (opened: RecordedCall): string[] =>
  (opened.body.view as { blocks: ViewBlock[] }).blocks.filter((b) => b.type === 'input').map((b) => b.block_id ?? '');

let views = 0;
/** Submits the modal as `user`; returns the parsed ack (null for the empty ack that closes it). */
async function submit(opened: RecordedCall, user: string, entered: Record<string, string | undefined>, id = `V0ACTION${++views}`) {
  const res = await h.poster.interaction(viewSubmission(opened, user, stateFor(opened, entered), { id, hash: `1700000000.${views}` }));
  expect(res.status).toBe(200);
  return res.text === '' ? null : (JSON.parse(res.text) as { response_action: string; errors?: Record<string, string> });
}

/** Presses a button that opens a modal; returns the views.open call. */
async function openModal(user: string, b: SlackButton): Promise<RecordedCall> {
  const mark = h.fake.callsOf('views.open').length;
  expect((await h.poster.interaction(click(user, b))).status).toBe(200);
  return h.fake.waitFor((c) => c.method === 'views.open' && h.fake.callsOf('views.open').indexOf(c) >= mark);
}

const action = () => h.core.store.transaction((tx) => tx.actions.get('CA-2027-0001'));

async function recordNonconformity(): Promise<void> {
  expect((await h.command('/finding', '', SLACK_IDS.auditor)).status).toBe(200);
  const opened = await h.fake.waitForMethod('views.open');
  const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING), { id: 'V0FINDING', hash: '1700000000.f' }));
  expect(res.text).toBe('');
  await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.auditor));
  await h.dispatcher.runOnce();
}

/** Records the nonconformity, plans it and marks it implemented, as Bo, through Slack. */
async function toImplemented(): Promise<RecordedCall> {
  await recordNonconformity();
  const ownerDm = postsTo(h, SLACK_IDS.iamOwner)[0];
  const plan = await openModal(SLACK_IDS.iamOwner, button(ownerDm, 'action.plan'));
  expect(await submit(plan, SLACK_IDS.iamOwner, { correction: 'Disabled both accounts on 4 January.', rootCause: 'Leaver tickets never reached the identity team.', plan: 'Deprovision from the HR system daily.', due: '2027-02-12' })).toBeNull();
  const done = await openModal(SLACK_IDS.iamOwner, button(ownerDm, 'action.implemented'));
  expect(await submit(done, SLACK_IDS.iamOwner, { links: 'https://tickets.acme.example/IAM-7' })).toBeNull();
  await h.dispatcher.runOnce();
  const ask = postsTo(h, SLACK_IDS.auditor).at(-1);
  if (!ask) throw new Error('the auditor was not asked to verify');
  return ask;
}

describe('corrective actions on Slack', () => {
  it('acceptance 4: nonconformity → DM → plan (field errors) → implemented → not effective → back → effective → closed, trail verified', async () => {
    await recordNonconformity();

    // The owner's DM is the finding and its corrective action, with the owner's three buttons.
    const ownerDm = postsTo(h, SLACK_IDS.iamOwner)[0];
    if (!ownerDm) throw new Error('no DM to the owner');
    expect(JSON.stringify(ownerDm.body.blocks)).toContain('Corrective action CA-2027-0001 is open for you');
    expect(buttonsOf(ownerDm).map((b) => `${b.action_id.split('@')[0]} ${b.value}`)).toEqual(['action.plan CA-2027-0001', 'action.implemented CA-2027-0001', 'action.extend CA-2027-0001']);
    expect(action()).toMatchObject({ status: 'open', due: '2027-02-15', owner: SEED.iamOwner });

    // Plan opens the modal; bad input comes back as errors next to the inputs; nothing is saved.
    const plan = await openModal(SLACK_IDS.iamOwner, button(ownerDm, 'action.plan'));
    expect(inputsOf(plan)).toEqual(['correction', 'rootCause', 'plan', 'due']);
    const bad = await submit(plan, SLACK_IDS.iamOwner, { correction: 'Disabled both accounts on 4 January.', rootCause: undefined, plan: 'Deprovision from the HR system daily.', due: '2027-03-31' });
    expect(bad?.response_action).toBe('errors');
    expect(Object.keys(bad?.errors ?? {}).sort()).toEqual(['rootCause']);
    expect(bad?.errors?.rootCause).toMatch(/root cause/);
    const late = await submit(plan, SLACK_IDS.iamOwner, { correction: 'Disabled both accounts on 4 January.', rootCause: 'Leaver tickets never reached the identity team.', plan: 'Deprovision daily.', due: '2027-03-31' });
    expect(late?.errors?.due).toMatch(/after the due date, Monday 15 February 2027.*Request extension/);
    expect(action()?.status).toBe('open');
    const saved = await submit(plan, SLACK_IDS.iamOwner, { correction: 'Disabled both accounts on 4 January.', rootCause: 'Leaver tickets never reached the identity team.', plan: 'Deprovision from the HR system daily.', due: '2027-02-12' });
    expect(saved).toBeNull();
    expect(action()).toMatchObject({ status: 'planned', target: '2027-02-12', rootCause: 'Leaver tickets never reached the identity team.' });
    const thanks = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.iamOwner) && String(c.body.text).includes('is planned'));
    expect(String(thanks.body.text)).toBe('Thank you. CA-2027-0001 is planned, to be done by Friday 12 February 2027. When it is done, use Mark implemented with links to the evidence.');

    // Mark implemented: only http(s) links; then the auditor who raised it is asked, with Verify.
    const done = await openModal(SLACK_IDS.iamOwner, button(ownerDm, 'action.implemented'));
    expect((await submit(done, SLACK_IDS.iamOwner, { links: 'javascript:alert(1)' }))?.errors?.links).toMatch(/"javascript:" links cannot be accepted/);
    expect(await submit(done, SLACK_IDS.iamOwner, { links: 'https://tickets.acme.example/IAM-7' })).toBeNull();
    expect(action()?.status).toBe('implemented');
    await h.dispatcher.runOnce();
    const ask = postsTo(h, SLACK_IDS.auditor).at(-1);
    expect(String(ask?.body.text)).toBe('Bo Berg marked corrective action CA-2027-0001 (F-2027-0001) implemented. Please check whether it worked.');

    // Not effective, with the reason and a new due date: back to the owner as planned.
    const verify = await openModal(SLACK_IDS.auditor, button(ask, 'action.verify'));
    expect(inputsOf(verify)).toEqual(['effective', 'reason', 'due']);
    expect((await submit(verify, SLACK_IDS.auditor, { effective: 'no', reason: 'Two February leavers are still active.', due: undefined }))?.errors?.due).toMatch(/new due date/);
    expect(await submit(verify, SLACK_IDS.auditor, { effective: 'no', reason: 'Two February leavers are still active.', due: '2027-03-01' })).toBeNull();
    expect(action()).toMatchObject({ status: 'planned', due: '2027-03-01' });
    await h.dispatcher.runOnce();
    const back = postsTo(h, SLACK_IDS.iamOwner).at(-1);
    expect(String(back?.body.text)).toBe('Ana Ruiz found corrective action CA-2027-0001 not yet effective. It is back with you, due Monday 1 March 2027.');
    expect(JSON.stringify(back?.body.blocks)).toContain('What Ana Ruiz found: Two February leavers are still active.');

    // Implemented again from the new DM; effective this time: closed, and the owner is told.
    const again = await openModal(SLACK_IDS.iamOwner, button(back, 'action.implemented'));
    expect(await submit(again, SLACK_IDS.iamOwner, { links: 'https://tickets.acme.example/IAM-9\nhttps://reports.acme.example/leavers-feb' })).toBeNull();
    await h.dispatcher.runOnce();
    const ask2 = postsTo(h, SLACK_IDS.auditor).at(-1);
    const verify2 = await openModal(SLACK_IDS.auditor, button(ask2, 'action.verify'));
    expect(await submit(verify2, SLACK_IDS.auditor, { effective: 'yes', reason: 'Every leaver since 15 February was disabled on the day.' })).toBeNull();
    expect(action()).toMatchObject({ status: 'closed', closedAt: '2027-01-04T10:00:00.000Z' });
    await h.dispatcher.runOnce();
    expect(String(postsTo(h, SLACK_IDS.iamOwner).at(-1)?.body.text)).toBe('Corrective action CA-2027-0001 is closed: Ana Ruiz verified it effective. Thank you.');

    // The trail holds the whole chain, every step from Slack, and the hash chain verifies.
    const trail = h.core.store.transaction((tx) => tx.trail.list());
    expect(trail.filter((e) => e.subject === 'finding:F-2027-0001' || e.subject === 'action:CA-2027-0001').map((e) => `${e.action} ${e.actor} ${e.channel}`)).toEqual([
      `finding.recorded ${SEED.auditor} slack`,
      `action.opened ${SEED.auditor} slack`,
      `action.planned ${SEED.iamOwner} slack`,
      `action.implemented ${SEED.iamOwner} slack`,
      `action.verified ${SEED.auditor} slack`,
      `action.implemented ${SEED.iamOwner} slack`,
      `action.verified ${SEED.auditor} slack`,
      `action.closed ${SEED.auditor} slack`,
    ]);
    expect(verifyTrail(trail)).toMatchObject({ ok: true });
    const file = `${tempDir()}/slack-e2e.db`;
    writeFileSync(file, h.db.$client.serialize());
    const res = await cli(['trail', 'verify'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const exported = JSON.parse((await cli(['export', 'actions'], { AUDITBOT_DB: file })).stdout) as { verifications: { effective: boolean }[] }[];
    expect(exported[0]?.verifications.map((v) => v.effective)).toEqual([false, true]);
  });

  it('acceptance 2: the owner and a colleague in the owner\'s team cannot verify it: command, button and modal', async () => {
    const ask = await toImplemented();
    const verifyButton = button(ask, 'action.verify');
    const refused = [
      { user: SLACK_IDS.iamOwner, says: /^You own CA-2027-0001, so you cannot verify it/ },
      // Carl is an auditor in the platform team, Bo's team, with no part in the finding: to him the action does not exist.
      { user: SLACK_IDS.otherAuditor, says: /^There is no corrective action CA-2027-0001\. Type "actions" to see yours\.$/ },
    ];
    for (const { user, says } of refused) {
      // Typed: /audit action verify … effective
      h.fake.reset();
      await h.command('/audit', 'action verify CA-2027-0001 effective Looks fine to me.', user);
      expect(String((await h.fake.waitForMethod('response_url')).body.text)).toMatch(says);
      // The Verify button, forwarded or pressed from a copy: the refusal instead of the modal.
      h.fake.reset();
      await h.poster.interaction(click(user, verifyButton));
      expect(String((await h.fake.waitForMethod('response_url')).body.text)).toMatch(says);
      expect(h.fake.callsOf('views.open')).toEqual([]);
    }
    // Ana's own Verify modal, submitted by Bo: not his form, refused inside the modal.
    const modal = await openModal(SLACK_IDS.auditor, verifyButton);
    const ack = await submit(modal, SLACK_IDS.iamOwner, { effective: 'yes', reason: 'Fixed.' });
    expect(ack?.response_action).toBe('errors');
    expect(Object.values(ack?.errors ?? {}).join(' ')).toBe(FORM_UNKNOWN);
    expect(action()?.status).toBe('implemented');
    expect(h.core.store.transaction((tx) => tx.actions.listVerifications('CA-2027-0001'))).toEqual([]);
  });
});
