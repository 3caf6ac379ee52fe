// `/audit` subcommands, the App Home and the Messages tab, through the real Bolt receiver.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingsChat } from '../../src/chat/findings/index.js';
import { createRegistry } from '../../src/chat/registry.js';
import { listMyWork } from '../../src/core/my-work/list-my-work.js';
import { myWorkBlocks } from '../../src/core/my-work/my-work-messages.js';
import { SEED } from '../helpers/seed.js';
import type { RecordedCall } from './fake-slack.js';
import { findingState, startHarness, SLACK_IDS, VALID_FINDING, viewSubmission, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
});
afterEach(async () => h.close());

/** Runs `/audit <text>` and returns the ephemeral answer posted to the response URL. */
async function audit(text: string, user: string = SLACK_IDS.auditor): Promise<{ body: Record<string, unknown>; all: string }> {
  const res = await h.command('/audit', text, user);
  expect(res.status).toBe(200);
  const answer = await h.fake.waitForMethod('response_url');
  h.fake.reset();
  return { body: answer.body, all: JSON.stringify(answer.body) };
}

const event = (inner: Record<string, unknown>) => ({
  type: 'event_callback',
  token: 'deprecated-verification-token',
  team_id: 'T0ACME',
  api_app_id: 'A0AUDITBOT',
  event_id: `Ev${Math.random().toString(16).slice(2)}`,
  event_time: 1_700_000_000,
  event: inner,
});

const buttonClick = (user: string, actionId: string, value: string, responseUrl: string) => ({
  type: 'block_actions',
  user: { id: user, username: user.toLowerCase(), team_id: 'T0ACME' },
  team: { id: 'T0ACME', domain: 'acme' },
  api_app_id: 'A0AUDITBOT',
  token: 'deprecated-verification-token',
  trigger_id: '1337.77.click',
  container: { type: 'message', channel_id: `D${user}`, message_ts: '1700000000.000001', is_ephemeral: false },
  channel: { id: `D${user}`, name: 'directmessage' },
  message: { type: 'message', ts: '1700000000.000001', text: 'x' },
  response_url: responseUrl,
  actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Open' } }],
});

describe('/audit', () => {
  it('answers /audit and /audit help with the help, ephemerally', async () => {
    for (const text of ['', 'help']) {
      const { body, all } = await audit(text);
      expect(body.response_type).toBe('ephemeral');
      expect(all).toContain('Auditbot: what you can ask');
      expect(all).toContain('For audit leads');
      expect(all).toContain('finding [what you saw]');
    }
  });

  it('shows my audits with /audit mine', async () => {
    const { all } = await audit('mine');
    expect(all).toContain(SEED.audits.iam);
    expect(all).not.toContain(SEED.audits.isms);
  });

  it('shows the programme with /audit status, and one audit with /audit <id>', async () => {
    const status = await audit('status');
    expect(status.all).toContain(SEED.audits.iam);
    expect(status.all).toContain(SEED.audits.isms);
    const one = await audit(SEED.audits.iam);
    expect(one.all).toContain('A.5.15');
  });

  it('refuses lead commands to someone who is not a lead, saying who can, and changes nothing', async () => {
    const before = h.core.store.transaction((tx) => ({ trail: tx.trail.list().length, programmes: tx.programme.listProgrammes().length }));
    const plan = await audit('plan 2028 2028-01-01');
    expect(plan.all).toMatch(/Only an audit lead can/);
    expect(plan.all).toContain(SEED.lead);
    const start = await audit(`start ${SEED.audits.suppliersPlanned}`);
    expect(start.all).toMatch(/Only an audit lead can/);
    const assign = await audit(`assign ${SEED.audits.iam} ${SEED.auditor} Only Ana knows the identity tooling this year`);
    expect(assign.all).toMatch(/Only an audit lead can/);
    expect(h.core.store.transaction((tx) => ({ trail: tx.trail.list().length, programmes: tx.programme.listProgrammes().length }))).toEqual(before);
  });

  it('lets a lead assign an auditor and explain the assignment', async () => {
    const assign = await audit(`assign ${SEED.audits.isms} ${SEED.auditor} Carl is away for the whole audit window`, SLACK_IDS.lead);
    expect(assign.all).not.toMatch(/Only an audit lead/);
    const { all } = await audit(`explain ${SEED.audits.isms}`, SLACK_IDS.lead);
    expect(all).toContain(SEED.audits.isms);
    expect(all).toContain(SEED.auditor);
    expect(h.core.store.transaction((tx) => tx.trail.list().map((e) => e.action))).toEqual(expect.arrayContaining([expect.stringMatching(/^audit\./)]));
  });

  it('explains an audit whose auditors were put on it before (seeded), without an error', async () => {
    const { all } = await audit(`explain ${SEED.audits.iam}`, SLACK_IDS.lead);
    expect(all).toContain(SEED.audits.iam);
    expect(all).toContain('put on the audit by the test seed');
    expect(all).not.toMatch(/ERR-/);
  });

  it('tells someone outside the organisation who can add them', async () => {
    h.fake.addUser({ id: 'U0STRANGER', email: 'zed@elsewhere.example' });
    const { all } = await audit('mine', 'U0STRANGER');
    expect(all).toContain('Lena Lund');
    expect(all).not.toContain(SEED.audits.iam);
  });
});

describe('App Home', () => {
  it('publishes "my work" when the Home tab is opened: audits, evidence and findings', async () => {
    const res = await h.poster.event(event({ type: 'app_home_opened', user: SLACK_IDS.auditor, channel: `D${SLACK_IDS.auditor}`, tab: 'home', event_ts: '1700000000.000100' }));
    expect(res.status).toBe(200);
    const publish = await h.fake.waitForMethod('views.publish');
    expect(publish.body.user_id).toBe(SLACK_IDS.auditor);
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view);
    expect(text).toContain('My audit work');
    expect(text).toContain(SEED.audits.iam);
    expect(text).toContain('Findings you raised');
    expect(text).toContain('slack.run@');
  });

  it('builds "my work" from the core query, not by running chat commands: a registry without them changes nothing', async () => {
    const opened = async () => {
      h.fake.reset();
      await h.poster.event(event({ type: 'app_home_opened', user: SLACK_IDS.auditor, channel: `D${SLACK_IDS.auditor}`, tab: 'home', event_ts: '1700000000.000150' }));
      return JSON.stringify((await h.fake.waitForMethod('views.publish')).body.view);
    };
    const full = await opened();
    await h.close();
    // Only the findings capability: no `mine`, no `evidence` command to run.
    h = await startHarness({ registry: createRegistry([findingsChat]) });
    const home = await opened();
    expect(home).toBe(full);
    const work = listMyWork(h.core, { email: SEED.auditor, channel: 'slack' });
    for (const block of myWorkBlocks(work, h.core.settings.timezone)) if (block.type === 'text') expect(home).toContain(JSON.stringify(block.text).slice(1, -1));
    expect(home).toContain('You have no evidence requests open and nothing to review.');
  });

  it('shows findings raised once one is recorded', async () => {
    await h.command('/finding', '', SLACK_IDS.auditor);
    const opened = (await h.fake.waitForMethod('views.open')) as RecordedCall;
    await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING)));
    h.fake.reset();
    await h.poster.event(event({ type: 'app_home_opened', user: SLACK_IDS.auditor, channel: `D${SLACK_IDS.auditor}`, tab: 'home', event_ts: '1700000000.000200' }));
    const publish = await h.fake.waitForMethod('views.publish');
    expect(JSON.stringify(publish.body.view)).toMatch(/F-2027-0001 · minor nonconformity against A\.5\.15/);
  });

  it('ignores the Messages tab being opened', async () => {
    await h.poster.event(event({ type: 'app_home_opened', user: SLACK_IDS.auditor, channel: `D${SLACK_IDS.auditor}`, tab: 'messages', event_ts: '1700000000.000300' }));
    expect(h.fake.callsOf('views.publish')).toHaveLength(0);
  });

  it('opens the finding modal from the Home button', async () => {
    const res = await h.poster.interaction({ ...buttonClick(SLACK_IDS.auditor, 'slack.run@0', 'finding', h.fake.responseUrl()), container: { type: 'view', view_id: 'V0HOME' }, response_url: undefined });
    expect(res.status).toBe(200);
    const open = await h.fake.waitForMethod('views.open');
    expect(open.body.trigger_id).toBe('1337.77.click');
    expect((open.body.view as { callback_id: string }).callback_id).toBe('auditbot.form');
  });
});

describe('Messages tab', () => {
  it('runs chat commands typed to the bot and answers in the DM', async () => {
    await h.poster.event(event({ type: 'message', channel: `D${SLACK_IDS.auditor}`, channel_type: 'im', user: SLACK_IDS.auditor, text: 'mine', ts: '1700000000.000400', event_ts: '1700000000.000400' }));
    const post = await h.fake.waitForMethod('chat.postMessage');
    expect(post.body.channel).toBe(`D${SLACK_IDS.auditor}`);
    expect(JSON.stringify(post.body)).toContain(SEED.audits.iam);
  });

  it('offers a form typed in the DM as a button, which opens the modal with the typed text', async () => {
    await h.poster.event(event({ type: 'message', channel: `D${SLACK_IDS.auditor}`, channel_type: 'im', user: SLACK_IDS.auditor, text: 'finding door &lt;propped&gt; open', ts: '1700000000.000500', event_ts: '1700000000.000500' }));
    const post = await h.fake.waitForMethod('chat.postMessage');
    const button = (post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.value).toBe('finding door <propped> open');
    await h.poster.interaction(buttonClick(SLACK_IDS.auditor, button?.action_id ?? '', button?.value ?? '', h.fake.responseUrl()));
    const open = await h.fake.waitForMethod('views.open');
    const statement = (open.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }).blocks.find((b) => b.block_id === 'statement');
    expect(statement?.element?.initial_value).toBe('door <propped> open');
  });

  it('ignores the bot\'s own messages and edits', async () => {
    await h.poster.event(event({ type: 'message', subtype: 'message_changed', channel: `D${SLACK_IDS.auditor}`, channel_type: 'im', ts: '1700000000.000600', event_ts: '1700000000.000600', message: { text: 'mine' } }));
    await h.poster.event(event({ type: 'message', channel: `D${SLACK_IDS.auditor}`, channel_type: 'im', user: 'U0AUDITBOT', bot_id: 'B0AUDITBOT', text: 'mine', ts: '1700000000.000700', event_ts: '1700000000.000700' }));
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('answers an old button whose action no longer exists', async () => {
    await h.poster.interaction(buttonClick(SLACK_IDS.auditor, 'retired.action@0', '42', h.fake.responseUrl()));
    const answer = await h.fake.waitForMethod('response_url');
    expect(String(answer.body.text)).toMatch(/no longer does anything/);
  });
});
