// `review pack` on Slack (issue 16 point 5), end to end through the real Bolt receiver with signed
// requests and the fake Web API: the lead is answered with the summary, and the pack itself is
// uploaded the way files.uploadV2 does it (an upload URL, the bytes posted there, the upload
// completed) and shared into the lead's DM only. Nothing of the file goes through the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportFiles } from '../../src/app.js';
import { reviewPackFor } from '../../src/core/review/review-pack.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import { SEED } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, type Harness } from './harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  scheduleReview(h.core, { email: SEED.lead, channel: 'console' }, { date: '2027-01-20', chair: SEED.iamOwner });
  h.fake.reset();
});
afterEach(async () => h.close());

const FILE_STEPS = ['conversations.open', 'files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal'];

describe('Slack: review pack', () => {
  it('answers the lead with the summary and uploads the pack into their DM with files.uploadV2', async () => {
    const ack = await h.command('/audit', 'review pack', SLACK_IDS.lead);
    expect(ack.status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(`Management review pack MR-2027-01: meeting on 20 January 2027, chaired by ${SEED.iamOwner};`) });
    expect(JSON.stringify(answer.body.blocks)).toContain('management-review-MR-2027-01.html, is in your direct messages with me, for you only');

    // The three steps of files.uploadV2, after opening the DM.
    expect(h.fake.calls.map((c) => c.method).filter((m) => FILE_STEPS.includes(m))).toEqual(FILE_STEPS);
    const asked = h.fake.callsOf('files.getUploadURLExternal')[0];
    expect(asked?.body).toMatchObject({ filename: 'management-review-MR-2027-01.html' });
    const [completed, ...more] = h.fake.callsOf('files.completeUploadExternal');
    expect(more).toEqual([]);
    expect(completed?.body.channel_id).toBe(`D${SLACK_IDS.lead}`);
    expect(completed?.authorization).toBe('Bearer xoxb-test-token');

    // The bytes uploaded are the pack: the self-contained page with its four charts.
    const [file, ...others] = [...h.fake.files.values()];
    expect(others).toEqual([]);
    if (!file?.bytes) throw new Error('no file was uploaded');
    expect(file).toMatchObject({ completed: true, channel: `D${SLACK_IDS.lead}`, title: 'Management review pack MR-2027-01', length: file.bytes.length });
    const expected = await reportFiles.reviewPackHtml(reviewPackFor(h.core, { email: SEED.lead, channel: 'slack' }).pack);
    expect(file.bytes.toString('utf8')).toBe(expected);
    expect(expected.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(expected.match(/<figure id="chart-[a-z]+" class="chart"><svg/g)).toHaveLength(4);
    expect(expected).not.toMatch(/<script|<link|src="http/);

    // A direct answer: nothing of the file is queued in the outbox.
    const outbox = (h.db.$client.prepare('select * from outbox').all() as unknown[]).map((r) => JSON.stringify(r));
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.filter((r) => r.includes('DOCTYPE') || r.includes('management-review-MR'))).toEqual([]);
  });

  it('gives the chair the pack too, and refuses anyone else without uploading anything', async () => {
    await h.command('/audit', 'review pack MR-2027-01', SLACK_IDS.iamOwner);
    await h.fake.waitFor((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === `D${SLACK_IDS.iamOwner}`);
    h.fake.reset();
    await h.command('/audit', 'review pack MR-2027-01', SLACK_IDS.auditor);
    const refused = await h.fake.waitForMethod('response_url');
    expect(refused.body.text).toBe('Only an audit lead or the chair of a management review can get its pack.');
    expect(h.fake.calls.filter((c) => c.method.startsWith('files.') || c.method === 'upload_url')).toEqual([]);
    expect(h.fake.files.size).toBe(0);
  });

  it('tells the lead what fixes it when the app lacks the files:write scope', async () => {
    h.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    await h.command('/audit', 'review pack', SLACK_IDS.lead);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.text).toContain('Management review pack MR-2027-01');
    expect(JSON.stringify(answer.body.blocks)).toContain('the Auditbot app needs the files:write scope');
    expect(h.fake.callsOf('files.completeUploadExternal')).toEqual([]);
  });
});
