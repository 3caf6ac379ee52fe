// Issue 8, acceptance 2 (Slack): the weekly digest job posts once to the channel of
// DIGEST_SLACK_CHANNEL through the real dispatcher and the Slack deliverer against the fake Web
// API; running it again in the same week posts nothing. `/audit digest preview` answers the lead
// alone (ephemeral), through the real Bolt receiver.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildJobs } from '../../src/scheduler/jobs.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { addAction, addFinding } from '../helpers/reporting-seed.js';
import { SIGNING_SECRET, SLACK_IDS, startHarness, type Harness } from './harness.js';

const DIGEST_CHANNEL = 'C0DIGEST01';

let h: Harness;
let scheduler: Scheduler;

beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
  // The process's configuration, as `serve` reads it: the job gets the channel from it.
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: h.fake.apiUrl, DIGEST_SLACK_CHANNEL: DIGEST_CHANNEL, LOG_LEVEL: 'silent' });
  scheduler = createScheduler({ core: h.core, jobs: buildJobs(config), logger: createLogger('silent') });
  addFinding(h.db, { id: 'F-2026-0001', classification: 'major', raisedAt: '2026-11-20T10:00:00.000Z', statement: 'Leavers keep VPN access' });
  addAction(h.db, { id: 'CA-2026-0001', findingId: 'F-2026-0001', status: 'open', due: '2026-12-20', openedAt: '2026-11-20T10:00:00.000Z' });
});
afterEach(async () => {
  await scheduler.stop();
  await h.close();
});

const digestPosts = () => h.fake.callsOf('chat.postMessage').filter((c) => c.body.channel === DIGEST_CHANNEL);

describe('the weekly digest on Slack', () => {
  it('posts once to the digest channel; running the job again in the same week posts nothing', async () => {
    // Monday 4 January 2027, 09:00 in London: the default slot.
    const first = await scheduler.runJob('digest', 'cron', new Date('2027-01-04T09:00:00.000Z'));
    expect(first.counts).toMatchObject({ queued: 1, alreadyPosted: 0, openNonconformities: 1, overdueActions: 1 });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    const posts = digestPosts();
    expect(posts).toHaveLength(1);
    const post = posts[0];
    expect(post?.authorization).toBe('Bearer xoxb-test-token');
    expect(post?.body.text).toBe('Audit digest, week of 4 January 2027: 1 open nonconformity (1 major), 1 corrective action overdue, 0 new findings, 0 closed.');
    const blocks = post?.body.blocks as types.KnownBlock[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly audit digest: week of 4 January 2027' } });
    expect(JSON.stringify(blocks)).toContain('F-2026-0001 MAJOR: A.5.15 Access control, area iam, owner bo@acme.example, open 45 days.');
    expect(blocks.length).toBeLessThanOrEqual(50);

    // Later the same week: an operator runs it by hand, and a catch-up finds nothing owed.
    h.clock.set('2027-01-07T15:00:00.000Z');
    const again = await scheduler.runJob('digest', 'manual');
    expect(again.counts).toMatchObject({ queued: 0, alreadyPosted: 1 });
    expect((await scheduler.catchUp()).filter((r) => r.job === 'digest')).toEqual([]);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(digestPosts()).toHaveLength(1);

    // The next Monday's slot posts the next week's digest.
    h.clock.set('2027-01-11T09:00:05.000Z');
    await scheduler.runJob('digest', 'cron', new Date('2027-01-11T09:00:00.000Z'));
    await h.dispatcher.runOnce();
    expect(digestPosts().map((c) => c.body.text)).toEqual([
      expect.stringContaining('week of 4 January 2027') as string,
      expect.stringContaining('week of 11 January 2027') as string,
    ]);
  });

  it('/audit digest preview shows this week\'s digest to the lead alone; the channel gets nothing', async () => {
    const res = await h.command('/audit', 'digest preview', SLACK_IDS.lead);
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toMatch(/^Preview: Audit digest, week of 4 January 2027: 1 open nonconformity/);
    await h.dispatcher.runOnce();
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);

    h.fake.reset();
    await h.command('/audit', 'digest preview', SLACK_IDS.auditor);
    const refused = await h.fake.waitForMethod('response_url');
    expect(refused.body.response_type).toBe('ephemeral');
    expect(String(refused.body.text)).toContain('Only an audit lead can preview the digest');
  });
});
