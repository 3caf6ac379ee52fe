// Long input cannot stall the bot (issue 11, point 3): a signed `/audit` of 3.9 MB, a DM, a
// modal value, an options query and a button value far over their limits are each answered with
// the limit (or bounded) before any work, nothing is stored, and the server keeps answering.
// What was stored and sent is asserted here; how fast rendering is lives in bench/render.bench.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_COMMAND_CHARS } from '../../src/chat/limits.js';
import type { RecordedCall } from './fake-slack.js';
import { findingState, startHarness, SLACK_IDS, VALID_FINDING, viewSubmission, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
});
afterEach(async () => h.close());

const stored = (t: Harness) =>
  t.core.store.transaction((tx) => ({ findings: tx.findings.list().length, trail: tx.trail.list().length, outbox: tx.outbox.list().length }));
const healthz = async (t: Harness) => (await fetch(t.eventsUrl.replace('/slack/events', '/healthz'))).status;
const n = (x: number) => x.toLocaleString('en-GB');
const refusal = (length: number) => `That is ${n(length)} characters; commands are at most ${n(MAX_COMMAND_CHARS)}.`;

describe('long input', () => {
  it('answers a 3.9 MB /audit at once with the length refusal, stores nothing, and keeps serving', async () => {
    const before = stored(h);
    const text = 'a'.repeat(3_900_000);
    const res = await h.command('/audit', text, SLACK_IDS.auditor);
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    const sent = JSON.stringify(answer.body);
    expect(sent).toContain(refusal(text.length));
    // The refusal does not echo what was typed.
    expect(sent.length).toBeLessThan(2_000);
    expect(stored(h)).toEqual(before);
    expect(await healthz(h)).toBe(200);
  });

  it('refuses /finding with text longer than any command, without opening the form', async () => {
    const text = 'b'.repeat(MAX_COMMAND_CHARS + 1);
    await h.command('/finding', text, SLACK_IDS.auditor);
    const answer = await h.fake.waitForMethod('response_url');
    expect(JSON.stringify(answer.body)).toContain(refusal(text.length));
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
  });

  it('refuses a direct message longer than any command with the same words', async () => {
    const text = 'c '.repeat(600_000);
    const res = await h.poster.event({
      type: 'event_callback',
      team_id: 'T0ACME',
      api_app_id: 'A0AUDITBOT',
      event_id: 'Ev0LONG',
      event_time: 1_700_000_000,
      event: { type: 'message', channel: `D${SLACK_IDS.auditor}`, channel_type: 'im', user: SLACK_IDS.auditor, text, ts: '1700000000.000300', event_ts: '1700000000.000300' },
    });
    expect(res.status).toBe(200);
    const reply = await h.fake.waitForMethod('chat.postMessage');
    expect(JSON.stringify(reply.body)).toContain(refusal(text.trim().length));
    expect(JSON.stringify(reply.body).length).toBeLessThan(2_000);
  });

  it('answers a modal value over its field\'s limit with a field error, and records nothing', async () => {
    await h.command('/finding', '', SLACK_IDS.auditor);
    const opened = (await h.fake.waitForMethod('views.open')) as RecordedCall;
    const before = stored(h);
    const statement = 'd'.repeat(1_000_000);
    const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState({ ...VALID_FINDING, statement, requirement: 'r'.repeat(200_000) })));
    expect(res.status).toBe(200);
    const ack = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.statement).toBe('That is 1,000,000 characters; the limit is 3,000. Please shorten it.');
    expect(ack.errors.requirement).toMatch(/^That is 200,000 characters; the limit is \d+/);
    expect(res.text.length).toBeLessThan(2_000);
    expect(stored(h)).toEqual(before);
  });

  it('bounds an options query: a long search is answered like its first characters', async () => {
    const res = await h.poster.interaction({
      type: 'block_suggestion',
      user: { id: SLACK_IDS.auditor, team_id: 'T0ACME' },
      team: { id: 'T0ACME', domain: 'acme' },
      api_app_id: 'A0AUDITBOT',
      action_id: 'search.requirement',
      block_id: 'requirement',
      value: `access ${'a '.repeat(300_000)}`,
      container: { type: 'view', view_id: 'V0LONG' },
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { options: { value: string }[] };
    expect(Array.isArray(body.options)).toBe(true);
  });

  it('refuses a button whose value is longer than any button carries, without running it', async () => {
    const before = stored(h);
    const res = await h.poster.interaction({
      type: 'block_actions',
      user: { id: SLACK_IDS.auditor, username: 'u0seed0002', team_id: 'T0ACME' },
      team: { id: 'T0ACME', domain: 'acme' },
      api_app_id: 'A0AUDITBOT',
      trigger_id: '1337.77.long',
      container: { type: 'message', channel_id: `D${SLACK_IDS.auditor}`, message_ts: '1700000000.000001', is_ephemeral: false },
      channel: { id: `D${SLACK_IDS.auditor}`, name: 'directmessage' },
      message: { type: 'message', ts: '1700000000.000001', text: 'x' },
      response_url: h.fake.responseUrl(),
      actions: [{ type: 'button', action_id: 'evidence.submit@0', block_id: 'b1', value: '9'.repeat(100_000), action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Submit evidence' } }],
    });
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(JSON.stringify(answer.body)).toContain('That button carries 100,000 characters; buttons carry at most 2,000.');
    expect(stored(h)).toEqual(before);
  });
});
