// Requests that are not provably Slack's are refused by the real Bolt receiver with 401 before
// any listener runs: nothing is stored and the bot calls no Slack API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFindings } from '../../src/core/findings/list-findings.js';
import { commandFields, FORM, signature } from './sign.js';
import { findingState, SIGNING_SECRET, startHarness, SLACK_IDS, VALID_FINDING, viewSubmission, type Harness } from './harness.js';
import type { RecordedCall } from './fake-slack.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const state = (t: Harness) =>
  t.core.store.transaction((tx) => ({ findings: tx.findings.list(), trail: tx.trail.list().length, outbox: tx.outbox.list().length, people: tx.organisation.listPeople({ includeInactive: true }) }));

describe('request signatures', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: { name: string; options: () => { sign?: boolean; secret?: string; timestamp?: number } }[] = [
    { name: 'unsigned', options: () => ({ sign: false }) },
    { name: 'signed with the wrong secret', options: () => ({ secret: 'not-the-signing-secret' }) },
    { name: 'six minutes old', options: () => ({ timestamp: now() - 6 * 60 }) },
  ];

  it.each(cases)('refuses a slash command $name with 401 and changes nothing', async ({ options }) => {
    h.fake.reset();
    const before = state(h);
    const res = await h.poster.command(commandFields('/finding', 'forged', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }), options());
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
    expect(state(h)).toEqual(before);
  });

  it.each(cases)('refuses a view submission $name with 401 and records no finding', async ({ options }) => {
    await h.command('/finding', '', SLACK_IDS.auditor);
    const opened = (await h.fake.waitForMethod('views.open')) as RecordedCall;
    h.fake.reset();
    const before = state(h);
    const res = await h.poster.interaction(viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING)), options());
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
    expect(state(h)).toEqual(before);
    expect(listFindings(h.core)).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const body = new URLSearchParams(commandFields('/finding', 'original', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() })).toString();
    const ts = now();
    h.fake.reset();
    const res = await fetch(h.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(SIGNING_SECRET, ts, body) },
      body: body.replace('original', 'tampered'),
    });
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('accepts the same request correctly signed (the control case)', async () => {
    const res = await h.poster.command(commandFields('/finding', 'genuine', SLACK_IDS.auditor, { response_url: h.fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(h.fake.callsOf('views.open')).toHaveLength(1);
  });
});
