// Acceptance 3 of issue 6 on Slack, end to end through the real Bolt receiver (signed
// requests) and the fake Slack Web API: the owner's DM with the evidence requests, Submit with
// `javascript:alert(1)`, `ftp://x` and a 5,000-character link (each a field error in the
// modal), a valid link stored and the auditor told, and an overdue owner's manager escalated to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';
import { runNudges } from '../../src/core/evidence/run-nudges.js';
import { SEED } from '../helpers/seed.js';
import type { RecordedCall } from './fake-slack.js';
import { dm, type Harness, postsTo, SLACK_IDS, startHarness, viewSubmission } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  // The IAM audit is in progress: ask its owners for evidence, as its start does.
  h.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (!audit) throw new Error('no IAM audit');
    createEvidenceRequests(tx, h.core, audit);
  });
  await h.dispatcher.runOnce();
});
afterEach(async () => h.close());


interface SlackButton {
  action_id: string;
  value: string;
}

const buttonsOf = (call: RecordedCall): SlackButton[] =>
  ((call.body.blocks ?? []) as { type: string; elements?: (SlackButton & { type: string })[] }[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button') : []));

const click = (user: string, button: SlackButton) => ({
  type: 'block_actions',
  user: { id: user, username: user.toLowerCase(), team_id: 'T0ACME' },
  team: { id: 'T0ACME', domain: 'acme' },
  api_app_id: 'A0AUDITBOT',
  token: 'deprecated-verification-token',
  trigger_id: `1337.88.${Math.random().toString(16).slice(2)}`,
  container: { type: 'message', channel_id: dm(user), message_ts: '1700000000.000001', is_ephemeral: false },
  channel: { id: dm(user), name: 'directmessage' },
  message: { type: 'message', ts: '1700000000.000001', text: 'x' },
  response_url: h.fake.responseUrl(),
  actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Submit evidence' } }],
});

const linksState = (links: string, note = '') => ({
  links: { value: { type: 'plain_text_input', value: links } },
  note: { value: { type: 'plain_text_input', value: note === '' ? null : note } },
});

const requestFor = (requirement: string) => {
  const r = h.core.store.transaction((tx) => tx.evidence.findByRequirement(SEED.audits.iam, requirement));
  if (!r) throw new Error(`no request for ${requirement}`);
  return r;
};

describe('evidence on Slack', () => {
  it('DMs each owner their requests with the buttons; Submit refuses bad links in the modal, stores a good one and tells the auditor', async () => {
    // The owner's DM: every request of theirs with its id, title, hint and buttons.
    const [ownerDm] = postsTo(h, SLACK_IDS.iamOwner);
    if (!ownerDm) throw new Error('no DM to the owner');
    const a515 = requestFor('A.5.15');
    const text = JSON.stringify(ownerDm.body.blocks);
    expect(text).toContain(`#${a515.id} A.5.15 Access control`);
    expect(text).toContain(`#${requestFor('A.5.18').id} A.5.18 Access rights`);
    expect(text).toContain('Good evidence:');
    expect(String(ownerDm.body.text)).toContain('please share evidence for 2 requirements you own');
    const submit = buttonsOf(ownerDm).find((b) => b.action_id.startsWith('evidence.submit@') && b.value === String(a515.id));
    expect(buttonsOf(ownerDm).map((b) => b.action_id.split('@')[0])).toEqual(['evidence.submit', 'evidence.snooze', 'evidence.not_mine', 'evidence.submit', 'evidence.snooze', 'evidence.not_mine']);
    if (!submit) throw new Error('no Submit button');

    // Submit opens the modal.
    h.fake.reset();
    expect((await h.poster.interaction(click(SLACK_IDS.iamOwner, submit))).status).toBe(200);
    const opened = await h.fake.waitForMethod('views.open');
    const blocks = (opened.body.view as { blocks: { type: string; block_id?: string }[] }).blocks;
    expect(blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['links', 'note']);

    // Each bad link is a field error next to the links input; nothing is stored or sent.
    const cases: [string, RegExp][] = [
      ['javascript:alert(1)', /"javascript:" links cannot be accepted/],
      ['ftp://x', /"ftp:" links cannot be accepted/],
      [`https://docs.acme.example/${'a'.repeat(5000 - 26)}`, /5,000 characters long; the limit is 2,000/],
    ];
    for (const [i, [link, says]] of cases.entries()) {
      const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.iamOwner, linksState(link), { id: 'V0EVIDENCE', hash: `1700000000.bad${i}` }));
      expect(res.status).toBe(200);
      const ack = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
      expect(ack.response_action).toBe('errors');
      expect(Object.keys(ack.errors)).toEqual(['links']);
      expect(ack.errors.links).toMatch(says);
    }
    expect(requestFor('A.5.15')).toMatchObject({ status: 'requested', links: [] });
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);

    // A valid link is stored, the modal closes, the owner is thanked and the auditor told.
    const ok = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.iamOwner, linksState('https://wiki.acme.example/iam/access-review-2026-q4', 'Signed off by the CISO'), { id: 'V0EVIDENCE', hash: '1700000000.good' }));
    expect(ok.text).toBe('');
    expect(requestFor('A.5.15')).toMatchObject({ status: 'submitted', links: ['https://wiki.acme.example/iam/access-review-2026-q4'], note: 'Signed off by the CISO' });
    const thanks = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === dm(SLACK_IDS.iamOwner));
    expect(String(thanks.body.text)).toContain('1 link saved');
    await h.dispatcher.runOnce();
    const [toAuditor] = postsTo(h, SLACK_IDS.auditor);
    if (!toAuditor) throw new Error('the auditor was not told');
    expect(JSON.stringify(toAuditor.body)).toContain('https://wiki.acme.example/iam/access-review-2026-q4');
    expect(buttonsOf(toAuditor).map((b) => b.action_id.split('@')[0])).toEqual(['evidence.accept', 'evidence.more']);

    // The auditor accepts with the button; who and when is recorded.
    const accept = buttonsOf(toAuditor).find((b) => b.action_id.startsWith('evidence.accept@'));
    if (!accept) throw new Error('no Accept button');
    h.fake.reset();
    await h.poster.interaction(click(SLACK_IDS.auditor, accept));
    await h.fake.waitForMethod('response_url');
    expect(requestFor('A.5.15')).toMatchObject({ status: 'accepted', acceptedBy: SEED.auditor, acceptedAt: '2027-01-04T10:00:00.000Z' });
  });

  it('escalates an overdue request to the owner\'s manager, in a DM, after the second overdue reminder', async () => {
    // Due Monday 18 January (10 working days after 4 January); Friday 22 January is the second overdue reminder.
    expect(requestFor('A.8.5')).toMatchObject({ owner: SEED.authOwner, due: '2027-01-18' });
    // The reminders before it: Thursday 14 (2 working days before), Monday 18 (due), Wednesday 20.
    for (const day of ['2027-01-14', '2027-01-18', '2027-01-20']) {
      h.clock.set(`${day}T09:00:00.000Z`);
      expect(runNudges(h.core).reminded).toBe(3);
      await h.dispatcher.runOnce();
    }
    h.fake.reset();
    h.clock.set('2027-01-22T09:00:00.000Z');
    expect(runNudges(h.core)).toMatchObject({ messages: 4, reminded: 3, escalated: 6 });
    await h.dispatcher.runOnce();
    // Dee, the owner, is reminded; Bo, her manager, gets the escalation (with his own reminder in the same DM).
    const [toOwner] = postsTo(h, SLACK_IDS.authOwner);
    expect(String(toOwner?.body.text)).toContain('the auditors are still waiting for evidence on 1 evidence request');
    const [toManager] = postsTo(h, SLACK_IDS.iamOwner);
    if (!toManager) throw new Error('no DM to the manager');
    const managerText = JSON.stringify(toManager.body);
    expect(managerText).toContain('For your information');
    expect(managerText).toContain(`A.8.5 Secure authentication, audit ${SEED.audits.iam}: asked of Dee Diaz (${SEED.authOwner}), due Monday 18 January 2027, 4 working days overdue after 4 reminders.`);
    // The lead auditor hears of all three, with a Reassign button each.
    const [toLead] = postsTo(h, SLACK_IDS.auditor);
    expect(buttonsOf(toLead as RecordedCall).map((b) => b.action_id.split('@')[0])).toEqual(['evidence.reassign', 'evidence.reassign', 'evidence.reassign']);
    // Running again in the same minute sends nobody anything twice.
    h.fake.reset();
    h.clock.set('2027-01-22T09:00:30.000Z');
    expect(runNudges(h.core)).toMatchObject({ messages: 0 });
    await h.dispatcher.runOnce();
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});
