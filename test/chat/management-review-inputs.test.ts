// Management review inputs end to end (issue 16 point 2): the review-inputs job asks each
// provider by DM with a button; on Slack (signed block_actions and view_submission into Bolt,
// fake Web API) and Teams (Action.Submit into the botbuilder adapter, fake Bot Connector) the
// button opens the form, a wrong link is shown next to its box, the input is recorded and shows
// in the pack; a late provider is escalated to the chair.
import { afterEach, describe, expect, it } from 'vitest';
import { organisation } from '../../db/schema.js';
import { buildManagementReview } from '../../src/core/review/build-management-review.js';
import { recordReview } from '../../src/core/review/record-review.js';
import { runInputRequests } from '../../src/core/review/run-input-requests.js';
import { runReviewActionChase } from '../../src/core/review/run-review-action-chase.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import type { RecordedCall } from '../slack/fake-slack.js';
import { startHarness, SLACK_IDS, viewSubmission, type Harness } from '../slack/harness.js';
import type { RecordedRequest } from '../teams/fake-connector.js';
import { cardElements, cardErrors, cardOf, cardText, startTeamsHarness, submitDataOf, type TeamsHarness } from '../teams/harness.js';

let slack: Harness | null = null;
let teams: TeamsHarness | null = null;
afterEach(async () => {
  await slack?.close();
  await teams?.close();
  slack = teams = null;
});

const PROVIDERS = { everyMonths: null, chair: null, inputs: { b: SEED.suppliersOwner, d: SEED.authOwner } };

interface SlackButton {
  action_id: string;
  value: string;
}

const slackButtons = (call: RecordedCall): SlackButton[] =>
  ((call.body.blocks ?? []) as { type: string; elements?: (SlackButton & { type: string })[] }[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).filter((e) => e.type === 'button') : []));

const click = (h: Harness, user: string, b: SlackButton) => ({
  type: 'block_actions',
  user: { id: user, username: user.toLowerCase(), team_id: 'T0ACME' },
  team: { id: 'T0ACME', domain: 'acme' },
  api_app_id: 'A0AUDITBOT',
  token: 'deprecated-verification-token',
  trigger_id: `1337.77.${Math.random().toString(16).slice(2)}`,
  container: { type: 'message', channel_id: `D${user}`, message_ts: '1700000000.000001', is_ephemeral: false },
  channel: { id: `D${user}`, name: 'directmessage' },
  message: { type: 'message', ts: '1700000000.000001', text: 'x' },
  response_url: h.fake.responseUrl(),
  actions: [{ type: 'button', action_id: b.action_id, block_id: 'b1', value: b.value, action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Button' } }],
});

type ViewBlock = { type: string; block_id?: string; element?: { type: string; action_id: string } };

const stateFor = (opened: RecordedCall, entered: Record<string, string>) =>
  Object.fromEntries(
    (opened.body.view as { blocks: ViewBlock[] }).blocks
      .filter((b) => b.type === 'input' && b.block_id && b.element)
      .map((b) => [b.block_id ?? '', { [b.element?.action_id ?? '']: { type: b.element?.type ?? 'plain_text_input', value: entered[b.block_id ?? ''] ?? null } }]),
  );

describe('management review inputs in chat', () => {
  it('on Slack: the provider is asked by DM, the button opens the form, the input is recorded; the late provider is escalated to the chair', async () => {
    slack = await startHarness();
    const h = slack;
    h.db.update(organisation).set({ managementReview: PROVIDERS }).run();
    await h.command('/audit', 'review schedule 2027-01-18 --chair bo@acme.example', SLACK_IDS.lead);
    await h.fake.waitForMethod('response_url');
    await h.dispatcher.runOnce();
    h.fake.reset();

    // Monday 4 January, two weeks before the meeting: Dee and Fay are asked.
    expect(runInputRequests(h.core)).toMatchObject({ messages: 2, reminded: 2 });
    await h.dispatcher.runOnce();
    const toDee = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.authOwner}`);
    expect(JSON.stringify(toDee.body)).toContain('Please give input (d)');
    const button = slackButtons(toDee).find((b) => b.action_id.startsWith('review.input@'));
    if (!button) throw new Error(`no review.input button in ${JSON.stringify(slackButtons(toDee))}`);
    expect(button.value).toBe('MR-2027-01:d');

    // Fay cannot use Dee's button: the input is Dee's.
    expect((await h.poster.interaction(click(h, SLACK_IDS.suppliersOwner, button))).status).toBe(200);
    await h.fake.waitFor((c) => JSON.stringify(c.body).includes('Input (d) of the management review is provided by dee@acme.example'));

    expect((await h.poster.interaction(click(h, SLACK_IDS.authOwner, button))).status).toBe(200);
    const opened = await h.fake.waitForMethod('views.open');
    expect((opened.body.view as { blocks: ViewBlock[] }).blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['text', 'links', 'objectives']);
    const entered = { text: 'Phishing click rate down to 3%.', links: 'https://wiki.acme.example/kpi', objectives: 'MFA for all staff | met\nPatch within 14 days | at risk' };
    const refused = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.authOwner, stateFor(opened, { ...entered, links: 'javascript:alert(1)' }), { id: 'V0INPUT1', hash: '1700000000.1' }));
    expect(JSON.parse(refused.text)).toMatchObject({ response_action: 'errors', errors: { links: expect.stringContaining('"javascript:" links cannot be accepted') } });
    const done = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.authOwner, stateFor(opened, entered), { id: 'V0INPUT2', hash: '1700000000.2' }));
    expect(done.text).toBe('');
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('Input (d) for management review MR-2027-01 is recorded'));

    // Tuesday 12 January, the first working day after the due date: Fay reminded, Bo (the chair) told.
    h.clock.set('2027-01-12T09:30:00.000Z');
    h.fake.reset();
    expect(runInputRequests(h.core)).toMatchObject({ reminded: 1, escalated: 1 });
    await h.dispatcher.runOnce();
    const toBo = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.iamOwner}`);
    expect(JSON.stringify(toBo.body)).toContain('has not yet given input (b) for management review MR-2027-01, due 11 January 2027');

    const pack = buildManagementReview(h.core, { from: '2026-07-01', to: '2026-12-31' });
    expect(pack.inputs.d).toMatchObject({ status: 'complete', provider: SEED.authOwner, providedAt: '2027-01-04T10:00:00.000Z' });
    expect(pack.inputs.b).toMatchObject({ status: 'missing', missing: ['not yet given by fay@acme.example'] });
  });

  it('on Teams: the button on the request opens the card form; a wrong objective line is shown next to its box; the input is recorded', async () => {
    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'], timezone: 'Europe/London' });
    seedSmallOrg(t);
    t.db.update(organisation).set({ managementReview: PROVIDERS }).run();
    teams = await startTeamsHarness(t.core);
    const h = teams;
    const person = (email: string) => t.core.store.transaction((tx) => tx.organisation.getPerson(email)) as PersonRecord;
    const posted = (mark: number): RecordedRequest[] => h.since(mark).filter((r) => r.method === 'POST' && r.path.includes('/activities'));
    await h.post(h.message(person(SEED.lead), 'review schedule 2027-01-18 --chair bo@acme.example'));

    expect(runInputRequests(t.core).reminded).toBe(2);
    let mark = h.connector.requests.length;
    await h.dispatcher.runOnce();
    const request = posted(mark).find((r) => JSON.stringify(r.body).includes('Hello Dee Diaz.'));
    const requestCard = request && cardOf(request);
    if (!requestCard) throw new Error('no request card to Dee');
    const button = cardElements(requestCard)
      .filter((e) => e.type === 'Action.Submit')
      .map((e) => e.data as { action?: string; value?: string })
      .find((d) => d.action === 'review.input');
    expect(button).toEqual({ action: 'review.input', value: 'MR-2027-01:d' });

    const dee = person(SEED.authOwner);
    mark = h.connector.requests.length;
    expect((await h.post(h.submit(dee, button as Record<string, unknown>))).status).toBe(200);
    const formReply = posted(mark)[0];
    const form = formReply && cardOf(formReply);
    if (!formReply || !form) throw new Error('no form card');
    expect(cardText(form)).toContain('Input \\(d\\) for MR-2027-01');
    const cardId = (formReply.answer?.body as { id: string }).id;

    mark = h.connector.requests.length;
    await h.post(h.submit(dee, { ...submitDataOf(form), text: 'Phishing click rate down to 3%.', objectives: 'MFA for all staff | nearly' }, cardId));
    const invalid = h.since(mark).find((r) => r.method === 'PUT');
    expect(invalid && cardErrors(cardOf(invalid)!)).toMatchObject({ objectives: expect.stringContaining('line 1: write each objective as: objective') });

    mark = h.connector.requests.length;
    await h.post(h.submit(dee, { ...submitDataOf(form), text: 'Phishing click rate down to 3%.', objectives: 'MFA for all staff | met' }, cardId));
    const update = h.since(mark).find((r) => r.method === 'PUT');
    expect(update && cardText(cardOf(update)!)).toContain('for management review MR-2027-01 is recorded');
    expect(buildManagementReview(t.core, { from: '2026-07-01', to: '2026-12-31' }).inputs.d).toMatchObject({
      status: 'complete',
      provider: SEED.authOwner,
      items: expect.arrayContaining([{ label: 'Objective: MFA for all staff', text: 'met' }]),
    });
  });

  it('on Slack: the owner of a review action presses Mark done on the DM that gave it; the chase stops', async () => {
    slack = await startHarness();
    const h = slack;
    await h.command('/audit', 'review schedule 2027-01-04 --chair bo@acme.example', SLACK_IDS.lead);
    await h.fake.waitForMethod('response_url');
    recordReview(h.core, { email: SEED.lead, channel: 'console' }, { reviewId: 'MR-2027-01', attendees: 'Lena', actions: `${SEED.authOwner} | 2027-01-29 | Automate leavers in the IdP` });
    h.fake.reset();
    await h.dispatcher.runOnce();
    const toDee = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.authOwner}` && JSON.stringify(c.body).includes('gave you an action'));
    const done = slackButtons(toDee).find((b) => b.action_id.startsWith('review.action_done@'));
    if (!done) throw new Error(`no Mark done button in ${JSON.stringify(slackButtons(toDee))}`);
    expect((await h.poster.interaction(click(h, SLACK_IDS.authOwner, done))).status).toBe(200);
    await h.fake.waitFor((c) => JSON.stringify(c.body).includes('RA-2027-0001 is done'));
    expect(h.core.store.transaction((tx) => tx.reviews.getAction('RA-2027-0001'))).toMatchObject({ status: 'done', doneBy: SEED.authOwner });
    h.clock.set('2027-02-01T09:30:00.000Z');
    expect(runReviewActionChase(h.core)).toMatchObject({ messages: 0, open: 0 });
  });
});
