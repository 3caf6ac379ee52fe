// Issue 5, acceptance 4: a person with both a Slack and a Teams id gets each notification once,
// on their preferred platform (the organisation file's `chat`), else where they last used the
// bot. A finding is recorded through Teams; the owner's notification is queued once, for one
// platform, and the dispatcher (with both deliverers) delivers it once: at the fake Bot
// Connector or at the fake Slack, never both.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDeliverer } from '../../adapters/slack/deliverer.js';
import { people } from '../../db/schema.js';
import { choosePlatform } from '../../src/core/shared/notify.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import { createLogger } from '../../src/logger.js';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { SUITE_NOW, validValues } from '../core/findings-suite.js';
import { cardOf, cardText, startTeamsHarness, submitDataOf, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

let t: TestCore;
let h: TeamsHarness;
let slack: FakeSlack;
let dispatcher: Dispatcher;

beforeEach(async () => {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['slack', 'teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
  slack = await new FakeSlack().start();
  const logger = createLogger('silent');
  dispatcher = createDispatcher({
    store: t.core.store,
    clock: t.core.clock,
    deliverers: [h.teams.deliverer, createSlackDeliverer({ core: t.core, logger, token: 'xoxb-test', apiUrl: slack.apiUrl })],
    maxAttempts: 8,
    logger,
  });
});

afterEach(async () => {
  await dispatcher.stop();
  await h.close();
  await slack.stop();
});

const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const outbox = () => t.core.store.transaction((tx) => tx.outbox.list());

/** Ana records a minor nonconformity against A.8.5 through Teams: Dee (both ids) is the owner. */
async function recordFinding(statement: string): Promise<void> {
  const ana = person(SEED.auditor);
  const mark = h.connector.requests.length;
  await h.post(h.message(ana, 'finding'));
  const reply = h.since(mark).find((r) => r.method === 'POST')!;
  const values = Object.fromEntries(Object.entries(validValues({ statement })).map(([k, v]) => [k, String(v)]));
  await h.post(h.submit(ana, { ...submitDataOf(cardOf(reply)!), ...values }, (reply.answer?.body as { id: string }).id));
}

/** What reached Dee: Teams activities in a conversation with her, Slack messages to her DM. */
function deliveredToDee(statement: string) {
  const dee = person(SEED.authOwner);
  const teams = h.connector.sent().filter((r) => cardOf(r) && cardText(cardOf(r)!).includes(statement));
  const slackMessages = slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.body).includes(statement));
  return { teams: teams.length, slack: slackMessages.length, slackChannel: slackMessages[0]?.body.channel, dee };
}

describe('Notifications go to one platform only', () => {
  it('sends to Teams when the organisation file says chat: teams', async () => {
    t.db.update(people).set({ chat: 'teams' }).where(eq(people.email, SEED.authOwner)).run();
    await recordFinding('Statement for the Teams preference.');
    expect(outbox().map((r) => [r.recipient, r.platform])).toEqual([[SEED.authOwner, 'teams']]);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(deliveredToDee('Statement for the Teams preference.')).toMatchObject({ teams: 1, slack: 0 });
  });

  it('sends to Slack when the organisation file says chat: slack, even though the finding came from Teams', async () => {
    t.db.update(people).set({ chat: 'slack' }).where(eq(people.email, SEED.authOwner)).run();
    await recordFinding('Statement for the Slack preference.');
    expect(outbox().map((r) => [r.recipient, r.platform])).toEqual([[SEED.authOwner, 'slack']]);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const got = deliveredToDee('Statement for the Slack preference.');
    expect(got).toMatchObject({ teams: 0, slack: 1, slackChannel: `D${got.dee.slackId}` });
  });

  it('with no preference, follows where the person last used the bot', async () => {
    // Dee writes to the bot on Teams: Teams becomes her last platform.
    await h.post(h.message(person(SEED.authOwner), 'whoami'));
    expect(person(SEED.authOwner).lastPlatform).toBe('teams');
    await recordFinding('First statement, Dee last on Teams.');
    // Then she uses Slack.
    recordChatContact(t.core, { email: SEED.authOwner, platform: 'slack', used: true }, 'slack');
    await recordFinding('Second statement, Dee last on Slack.');
    expect(outbox().map((r) => [r.key, r.platform])).toEqual([
      ['finding:F-2027-0001:owner', 'teams'],
      ['finding:F-2027-0002:owner', 'slack'],
    ]);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 2, failed: 0, dead: 0 });
    expect(deliveredToDee('First statement, Dee last on Teams.')).toMatchObject({ teams: 1, slack: 0 });
    expect(deliveredToDee('Second statement, Dee last on Slack.')).toMatchObject({ teams: 0, slack: 1 });
  });

  it('the rule: preference, else last used, else Slack, else Teams; only platforms this process serves', () => {
    const both = { email: 'x@acme.example', slackId: 'U1', teamsId: 'T1', chat: null, lastPlatform: null } as const;
    const all = ['slack', 'teams', 'console'] as const;
    expect(choosePlatform({ ...both, chat: 'teams' }, all)).toBe('teams');
    expect(choosePlatform({ ...both, chat: 'slack', lastPlatform: 'teams' }, all)).toBe('slack');
    expect(choosePlatform({ ...both, lastPlatform: 'teams' }, all)).toBe('teams');
    expect(choosePlatform(both, all)).toBe('slack');
    expect(choosePlatform({ ...both, chat: 'slack' }, ['teams', 'console'])).toBe('teams');
    expect(choosePlatform({ ...both, teamsId: null, chat: 'teams' }, all)).toBe('slack');
  });
});
