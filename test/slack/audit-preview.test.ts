// Issue 15 point 4 in chat (Slack): `/audit preview` through signed requests into the real Bolt
// receiver. A lead gets, to themselves alone, who would get which message when (the simulation
// runs on a copy of the data); anyone else the lead refusal; the database is unchanged after both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { withDeliveryPreview } from '../helpers/preview.js';
import { insertAudits, SEED } from '../helpers/seed.js';
import { SLACK_IDS, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
  withDeliveryPreview(h);
  // The harness's clock is Monday 4 January 2027, 10:00 London; IA-2027-05 starts on Tuesday.
  insertAudits(h.db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start: '2027-01-05', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
});
afterEach(async () => {
  await h.close();
});

describe('/audit preview on Slack', () => {
  it('answers a lead alone with who would get which message when, and refuses anyone else; nothing changes', async () => {
    // Each person's first request records the platform they use; after that, nothing may change.
    await h.command('/audit', 'help', SLACK_IDS.lead);
    await h.command('/audit', 'help', SLACK_IDS.auditor);
    await h.fake.waitForMethod('response_url');
    const before = dbSnapshot(h.db);
    h.fake.reset();

    expect((await h.command('/audit', 'preview 2', SLACK_IDS.lead)).status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toMatch(/^Preview: \d+ messages in the next 2 days\. Nothing was sent or changed\.$/);
    expect(JSON.stringify(answer.body.blocks)).toContain('2027-01-05 09:00 Europe/London (09:00 UTC): ana@acme.example on slack');
    expect(dbSnapshot(h.db)).toEqual(before);

    h.fake.reset();
    await h.command('/audit', 'preview', SLACK_IDS.auditor);
    const refused = await h.fake.waitForMethod('response_url');
    expect(refused.body.response_type).toBe('ephemeral');
    expect(String(refused.body.text)).toContain('Only an audit lead can preview what will be sent');
    expect(dbSnapshot(h.db)).toEqual(before);
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});
