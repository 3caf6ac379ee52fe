// The Slack deliverer under the real dispatcher with a fixed clock: DMs and channel posts, the
// Slack id found by e-mail and stored, and Slack's errors mapped to retry-later or dead letters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifySlackError } from '../../adapters/slack/deliverer.js';
import type { Message } from '../../src/core/message.js';
import { SEED } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
});
afterEach(async () => h.close());

const note: Message = { summary: 'Evidence is due for A.5.15', title: 'Evidence request', blocks: [{ type: 'text', text: 'Please share the access review for A.5.15.' }] };

function queue(key: string, recipient: string, message: Message = note): void {
  h.core.store.transaction((tx) => tx.outbox.enqueue({ key, platform: 'slack', recipient, message }));
}

const row = (key: string) => h.core.store.transaction((tx) => tx.outbox.list().find((r) => r.key === key));

describe('Slack deliverer', () => {
  it('DMs a person by their stored Slack id: conversations.open, then chat.postMessage with the rendered blocks', async () => {
    queue('t:dm', SEED.iamOwner);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(h.fake.callsOf('conversations.open').map((c) => c.body.users)).toEqual([SLACK_IDS.iamOwner]);
    const post = h.fake.callsOf('chat.postMessage')[0];
    expect(post?.body.channel).toBe(`D${SLACK_IDS.iamOwner}`);
    expect(post?.body.text).toBe('Evidence is due for A.5.15');
    expect((post?.body.blocks as { type: string }[]).map((b) => b.type)).toEqual(['header', 'section']);
    expect(post?.authorization).toBe('Bearer xoxb-test-token');
  });

  it('posts `channel:<id>` recipients to the channel', async () => {
    queue('t:channel', 'channel:C0DIGEST');
    await h.dispatcher.runOnce();
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.body.channel)).toEqual(['C0DIGEST']);
    expect(h.fake.callsOf('conversations.open')).toHaveLength(0);
  });

  it('finds a person without a Slack id by e-mail (users.lookupByEmail) and stores the id', async () => {
    h.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.suppliersOwner, { slackId: null }));
    h.fake.addUser({ id: 'U0FAYNEW', email: SEED.suppliersOwner });
    queue('t:lookup', SEED.suppliersOwner);
    await h.dispatcher.runOnce();
    expect(h.fake.callsOf('users.lookupByEmail').map((c) => c.body.email)).toEqual([SEED.suppliersOwner]);
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.body.channel)).toEqual(['DU0FAYNEW']);
    expect(h.core.store.transaction((tx) => tx.organisation.getPerson(SEED.suppliersOwner))?.slackId).toBe('U0FAYNEW');
  });

  it('honours a 429 Retry-After: the row waits exactly that long, not less', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    queue('t:429', SEED.iamOwner);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(row('t:429')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2027-01-04T10:00:30.000Z' });
    expect(row('t:429')?.lastError).toMatch(/rate limited/);

    h.clock.advance(29_000);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);

    h.clock.advance(1_000);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(2);
    expect(row('t:429')?.status).toBe('delivered');
  });

  it.each(['channel_not_found', 'not_in_channel', 'account_inactive', 'user_not_found', 'is_archived'])('moves the row to the dead letters at once on %s, with the reason', async (error) => {
    h.fake.failNext('chat.postMessage', { error });
    queue('t:dead', 'channel:C0GONE');
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect(row('t:dead')).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row('t:dead')?.lastError).toBe(`not retryable: Slack said ${error}`);
  });

  it('dead-letters a person Slack does not know by e-mail (users_not_found)', async () => {
    h.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.suppliersOwner, { slackId: null }));
    queue('t:nobody', SEED.suppliersOwner);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect(row('t:nobody')?.lastError).toBe('not retryable: Slack said users_not_found');
  });

  it('retries a 5xx or a refused connection with the dispatcher\'s backoff', async () => {
    h.fake.failNext('chat.postMessage', { status: 503 });
    queue('t:5xx', SEED.iamOwner);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(row('t:5xx')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Slack answered HTTP 503' });
    h.clock.advance(10_000);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
  });

  it('classifies what the Web API client throws', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } })).toMatchObject({ retryable: false });
    expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } })).toMatchObject({ retryable: true });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 502 })).toMatchObject({ retryable: true });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 404 })).toMatchObject({ retryable: false });
    expect(classifySlackError({ code: 'slack_webapi_request_error', message: 'ECONNREFUSED' })).toMatchObject({ retryable: true });
  });
});
