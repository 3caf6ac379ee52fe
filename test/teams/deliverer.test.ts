// The Teams deliverer's answers to the outbox dispatcher, from real Bot Connector errors (the
// fake connector answers like Teams): throttling and outages are retried, with Retry-After
// honoured; a conversation that is gone or an app that was removed goes to the dead letters
// with the reason; so does a recipient the bot has no way to reach.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyConnectorError, parseRetryAfter } from '../../adapters/teams/deliverer.js';
import type { OutboxRow } from '../../src/core/ports.js';
import { people } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW } from '../core/findings-suite.js';
import { errorBody } from './fake-connector.js';
import { personalConversation, startTeamsHarness, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

let t: TestCore;
let h: TeamsHarness;

beforeEach(async () => {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
});
afterEach(async () => {
  await h.close();
});

const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const message = (text: string) => ({ summary: text, blocks: [{ type: 'text' as const, text }] });

/** Queues a Teams notification and returns its row. */
function queue(recipient: string, key = `test:${recipient}`): OutboxRow {
  return t.core.store.transaction((tx) => {
    tx.outbox.enqueue({ key, platform: 'teams', recipient, message: message(`Hello ${recipient}`) });
    return tx.outbox.list().find((r) => r.key === key)!;
  });
}
const row = (id: number) => t.core.store.transaction((tx) => tx.outbox.get(id))!;

/** `who` writes to the bot once, so their conversation reference is stored. */
async function hello(who: string): Promise<void> {
  await h.post(h.message(person(who), 'whoami'));
}

const toConversation = (who: string) => (r: { method: string; conversationId: string | null }) => r.method === 'POST' && r.conversationId === personalConversation({ email: who });

describe('Teams deliverer', () => {
  it('delivers to a stored conversation as a new message with the summary', async () => {
    await hello(SEED.iamOwner);
    const r = queue(SEED.iamOwner);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const sent = h.connector.sent().filter(toConversation(SEED.iamOwner)).at(-1)!;
    expect(sent.path).toBe(`/v3/conversations/${encodeURIComponent(personalConversation({ email: SEED.iamOwner }))}/activities`);
    expect(sent.body).toMatchObject({ type: 'message', summary: `Hello ${SEED.iamOwner}` });
    expect(sent.body).not.toHaveProperty('replyToId');
    expect(row(r.id)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
  });

  it('retries on 429 and waits the Retry-After the connector gave', async () => {
    await hello(SEED.iamOwner);
    const r = queue(SEED.iamOwner);
    h.connector.fail(toConversation(SEED.iamOwner), { status: 429, body: errorBody('TooManyRequests', 'Slow down'), headers: { 'retry-after': '1' } }, 10);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const after = row(r.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after.lastError).toMatch(/^Teams is throttling the bot \(HTTP 429 TooManyRequests/);
    expect(after.nextAttemptAt).toBe('2027-01-04T10:00:01.000Z');
  });

  it('retries on 412 with the dispatcher backoff', async () => {
    await hello(SEED.iamOwner);
    const r = queue(SEED.iamOwner);
    h.connector.fail(toConversation(SEED.iamOwner), { status: 412, body: errorBody('PreconditionFailed', 'Try again') });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(row(r.id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2027-01-04T10:00:05.000Z' });
    expect(row(r.id).lastError).toMatch(/Teams asked to try again later \(HTTP 412 PreconditionFailed/);
    // Once Teams takes it again, the row is delivered.
    t.clock.advance(5_000);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
  });

  it('retries on 502, 504 and when the connector cannot be reached', async () => {
    await hello(SEED.iamOwner);
    await hello(SEED.authOwner);
    const unreachable = await startTeamsHarness(t.core);
    await unreachable.post(unreachable.message(person(SEED.suppliersOwner), 'whoami'));
    await unreachable.close();
    h.connector.fail(toConversation(SEED.iamOwner), { status: 502, body: {} }, 10);
    h.connector.fail(toConversation(SEED.authOwner), { status: 504, body: {} }, 10);
    const results = await Promise.all([SEED.iamOwner, SEED.authOwner, SEED.suppliersOwner].map((who) => h.teams.deliverer.deliver(queue(who))));
    expect(results.map((r) => (r.ok ? 'ok' : [r.retryable, r.error.split(' (')[0]]))).toEqual([
      [true, 'the Bot Connector is unavailable'],
      [true, 'the Bot Connector is unavailable'],
      [true, 'the Bot Connector could not be reached'],
    ]);
  });

  it('dead-letters a conversation that no longer exists (404), with the reason', async () => {
    await hello(SEED.iamOwner);
    const r = queue(SEED.iamOwner);
    h.connector.fail(toConversation(SEED.iamOwner), { status: 404, body: errorBody('ConversationNotFound', 'Conversation not found.') });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect(row(r.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'not retryable: the Teams conversation no longer exists (HTTP 404 ConversationNotFound Conversation not found.)' });
  });

  it('dead-letters when the app was uninstalled or blocked (403), with the reason', async () => {
    await hello(SEED.iamOwner);
    const r = queue(SEED.iamOwner);
    h.connector.fail(toConversation(SEED.iamOwner), { status: 403, body: errorBody('BotNotInConversationRoster', 'The bot is not part of the conversation roster.') });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect(row(r.id).lastError).toBe(
      'not retryable: the app was removed from this conversation or blocked by the person or an admin (HTTP 403 BotNotInConversationRoster The bot is not part of the conversation roster.)',
    );
  });

  it('dead-letters a recipient it has no way to reach, saying what would fix it', async () => {
    // Nobody has written to the bot yet: no reference, and no tenant to open a 1:1 in.
    const channel = queue('channel:19:digest@thread.tacv2');
    t.db.update(people).set({ teamsId: null }).where(eq(people.email, SEED.suppliersOwner)).run();
    const noId = queue(SEED.suppliersOwner);
    const noTenant = queue(SEED.iamOwner);
    const unknown = queue('nobody@acme.example');
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 4 });
    expect(row(channel.id).lastError).toMatch(/no Teams conversation is stored for channel:19:digest@thread\.tacv2: add the app to that channel/);
    expect(row(noId.id).lastError).toMatch(/fay@acme\.example has no Teams id and has not written to the bot/);
    expect(row(noTenant.id).lastError).toMatch(/tenant is unknown: set MICROSOFT_APP_TENANT_ID/);
    expect(row(unknown.id).lastError).toMatch(/nobody@acme\.example is not in the organisation file/);
    expect(h.connector.requests).toEqual([]);
  });

  it('reads Retry-After as seconds or as an HTTP date, and maps errors without a status', () => {
    const now = new Date('2027-01-04T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Mon, 04 Jan 2027 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(classifyConnectorError(new Error('something odd'), now)).toMatchObject({ ok: false, retryable: true });
    expect(classifyConnectorError(Object.assign(new Error('bad request'), { statusCode: 400 }), now)).toMatchObject({ ok: false, retryable: false, error: 'Teams refused the message (HTTP 400 bad request)' });
  });
});
