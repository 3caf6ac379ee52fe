// The management review in chat: `review schedule <date> [--chair <email>]` and `review record` on Slack (signed slash command into Bolt), Teams
// (an activity into the botbuilder adapter) and the console: the lead is answered, the chair gets
// a DM through the outbox, and a person who is not a lead is refused.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../../adapters/console/console-session.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, viewSubmission, type Harness } from '../slack/harness.js';
import type { RecordedCall } from '../slack/fake-slack.js';
import { buildManagementReview } from '../../src/core/review/build-management-review.js';
import { cardOf, cardText, startTeamsHarness, submitDataOf, type TeamsHarness } from '../teams/harness.js';

let slack: Harness | null = null;
let teams: TeamsHarness | null = null;
let session: ConsoleSession | null = null;
afterEach(async () => {
  await slack?.close();
  await teams?.close();
  session?.close();
  await session?.done;
  slack = teams = session = null;
});

describe('review schedule in chat', () => {
  it('on Slack: schedules the meeting for the lead and DMs the chair; an auditor is refused', async () => {
    slack = await startHarness();
    await slack.command('/audit', 'review schedule 2027-06-15 --chair bo@acme.example', SLACK_IDS.lead);
    expect(JSON.stringify((await slack.fake.waitForMethod('response_url')).body)).toContain('Management review MR-2027-01 is scheduled for 15 June 2027, chaired by bo@acme.example.');
    await slack.dispatcher.runOnce();
    const dm = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('with you as its chair'));
    expect(dm.body.channel).toBe(`D${SLACK_IDS.iamOwner}`);
    slack.fake.reset();
    await slack.command('/audit', 'review schedule 2027-07-01', SLACK_IDS.auditor);
    expect(JSON.stringify((await slack.fake.waitForMethod('response_url')).body)).toContain('Only an audit lead can schedule a management review');
    expect(slack.core.store.transaction((tx) => tx.reviews.list()).map((r) => r.id)).toEqual(['MR-2027-01']);
  });

  it('on Teams and in the console: the lead schedules, the usage is explained when the date is missing', async () => {
    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    teams = await startTeamsHarness(t.core);
    const lena = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.lead)) as PersonRecord;
    let mark = teams.connector.requests.length;
    await teams.post(teams.message(lena, 'review schedule 2027-06-15'));
    const card = cardOf(teams.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'))!);
    expect(card && cardText(card)).toContain('Management review MR-2027-01 is scheduled for 15 June 2027, chaired by lena@acme.example.');
    mark = teams.connector.requests.length;
    await teams.post(teams.message(lena, 'review schedule --chair bo@acme.example'));
    const usage = cardOf(teams.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'))!);
    expect(usage && cardText(usage)).toContain('for example "review schedule 2027-06-15 --chair ceo@example.com"');

    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    session = openConsoleSession({ core: t.core, email: SEED.lead, input, output, registry: defaultRegistry });
    input.end('review schedule 2027-12-01 --chair=dee@acme.example\n');
    await session.done;
    session = null;
    expect(printed).toContain('Management review MR-2027-02 is scheduled for 1 December 2027, chaired by dee@acme.example.');
  });

  it('on Slack: the chair records the outcome in a modal, which holds the review, and the next pack shows its actions as input (a)', async () => {
    slack = await startHarness();
    const h = slack;
    await h.command('/audit', 'review schedule 2027-01-04 --chair bo@acme.example', SLACK_IDS.lead);
    await h.fake.waitForMethod('response_url');
    await h.command('/audit', 'review record', SLACK_IDS.iamOwner);
    const opened = await h.fake.waitForMethod('views.open');
    const blocks = (opened.body.view as { blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[] }).blocks.filter((b) => b.type === 'input');
    expect(blocks.map((b) => b.block_id)).toEqual(['attendees', 'improvements', 'changes', 'resources', 'actions']);
    const entered: Record<string, string> = { attendees: 'Bo Berg\nLena Lund', improvements: 'Automate leaver deprovisioning', actions: 'dee@acme.example | 2027-01-31 | Automate leavers in the IdP' };
    const submitAs = (call: RecordedCall, values: Record<string, string>, id: string) =>
      h.poster.interaction(viewSubmission(call, SLACK_IDS.iamOwner, Object.fromEntries(blocks.map((b) => [b.block_id ?? '', { [b.element?.action_id ?? '']: { type: 'plain_text_input', value: values[b.block_id ?? ''] ?? null } }])), { id, hash: `1700000000.${id}` }));
    // A wrong line is shown next to the actions input; nothing is recorded.
    const refused = await submitAs(opened, { ...entered, actions: 'Automate it' }, 'V0REVIEW1');
    expect(JSON.parse(refused.text)).toMatchObject({ response_action: 'errors', errors: { actions: expect.stringContaining('owner e-mail | due date YYYY-MM-DD') } });
    expect((await submitAs(opened, entered, 'V0REVIEW2')).text).toBe('');
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('The outcome of management review MR-2027-01 is recorded: 2 attendees, 1 decision, 1 action.'));
    await h.dispatcher.runOnce();
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.authOwner}` && JSON.stringify(c.body).includes('gave you an action'));

    h.clock.set('2027-02-10T10:00:00.000Z');
    h.fake.reset();
    await h.command('/audit', 'review schedule 2027-07-15', SLACK_IDS.lead);
    await h.fake.waitForMethod('response_url');
    const next = buildManagementReview(h.core, { from: '2027-01-01', to: '2027-06-30' });
    expect(next.meeting).toMatchObject({ id: 'MR-2027-02' });
    expect(next.inputs.a).toMatchObject({ status: 'complete', items: [{ label: 'RA-2027-0001 from MR-2027-01, owner dee@acme.example', text: 'overdue since 2027-01-31: Automate leavers in the IdP' }] });
  });

  it('on Teams: the lead records the outcome in a card, which holds the review and tells the action owner', async () => {
    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    teams = await startTeamsHarness(t.core);
    const h = teams;
    const lena = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.lead)) as PersonRecord;
    await h.post(h.message(lena, 'review schedule 2027-01-04'));
    let mark = h.connector.requests.length;
    await h.post(h.message(lena, 'review record MR-2027-01'));
    const formReply = h.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'));
    const form = formReply && cardOf(formReply);
    if (!formReply || !form) throw new Error('no form card');
    const cardId = (formReply.answer?.body as { id: string }).id;
    mark = h.connector.requests.length;
    const values = { ...submitDataOf(form), attendees: 'Lena Lund\nBo Berg', resources: 'One more auditor', actions: 'dee@acme.example | 2027-02-28 | Hire an auditor' };
    expect((await h.post(h.submit(lena, values, cardId))).status).toBe(200);
    const update = h.since(mark).find((r) => r.method === 'PUT');
    expect(update && cardText(cardOf(update)!)).toContain('The outcome of management review MR-2027-01 is recorded: 2 attendees, 1 decision, 1 action.');
    expect(t.core.store.transaction((tx) => tx.reviews.get('MR-2027-01'))).toMatchObject({ status: 'held', heldBy: SEED.lead, decisions: [{ kind: 'resources', text: 'One more auditor' }] });
    mark = h.connector.requests.length;
    await h.dispatcher.runOnce();
    expect(h.since(mark).some((r) => JSON.stringify(r.body).includes('Management review MR-2027-01 gave you an action, due 28 February 2027: Hire an auditor'))).toBe(true);
  });
});
