// Issue 8, acceptance 2 (Teams): a lead says `audit digest here` in a team channel (through the
// real botbuilder adapter, which stores the channel's conversation reference); the weekly digest
// job then posts once to that channel through the dispatcher, the Teams deliverer and the fake
// Bot Connector; running it again in the same week posts nothing. `audit digest preview` typed
// in the channel goes to the lead's personal chat, not to the channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DIGEST_TEAMS_SETTING } from '../../src/core/reporting/post-digest.js';
import { createLogger } from '../../src/logger.js';
import { buildJobs } from '../../src/scheduler/jobs.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { addAction, addFinding } from '../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { cardOf } from './fake-connector.js';
import { cardText, personalConversation, startTeamsHarness, TENANT, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const CHANNEL = '19:digest-channel@thread.tacv2';
const inChannel = { conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: TENANT }, channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } } };

let t: TestCore;
let h: TeamsHarness;
let scheduler: Scheduler;

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no person ${email}`);
  return p;
};

beforeEach(async () => {
  // Monday 4 January 2027, 09:00 in London.
  t = makeTestCore('2027-01-04T09:00:00.000Z', { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  addFinding(t.db, { id: 'F-2026-0001', classification: 'minor', raisedAt: '2026-12-01T10:00:00.000Z', statement: 'Access reviews skipped in November' });
  addAction(t.db, { id: 'CA-2026-0001', findingId: 'F-2026-0001', status: 'planned', due: '2027-02-01', openedAt: '2026-12-01T10:00:00.000Z' });
  h = await startTeamsHarness(t.core);
  const config = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  scheduler = createScheduler({ core: t.core, jobs: buildJobs(config), logger: createLogger('silent') });
});
afterEach(async () => {
  await scheduler.stop();
  await h.close();
});

/** New posts to the digest channel itself (replies in a thread carry `;messageid=`), in order. */
const channelPosts = (mark = 0) => h.since(mark).filter((r) => r.method === 'POST' && r.conversationId === CHANNEL);

describe('the weekly digest on Teams', () => {
  it('is posted once to the channel a lead chose with "audit digest here"; again in the same week, nothing', async () => {
    await h.post(h.message(person(SEED.lead), '<at>Auditbot</at> audit digest here', inChannel));
    const answer = h.connector.sent().at(-1);
    expect(cardText(cardOf(answer!)!)).toContain('From now on the weekly digest is posted in this channel');
    expect(t.core.store.transaction((tx) => tx.settings.get(DIGEST_TEAMS_SETTING))?.value).toBe(CHANNEL);

    const mark = h.connector.requests.length;
    const run = await scheduler.runJob('digest', 'cron', new Date('2027-01-04T09:00:00.000Z'));
    expect(run.counts).toMatchObject({ queued: 1, alreadyPosted: 0, openNonconformities: 1 });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const posts = channelPosts(mark);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.body.summary).toBe('Audit digest, week of 4 January 2027: 1 open nonconformity, 0 corrective actions overdue, 0 new findings, 0 closed.');
    expect(post.body.replyToId).toBeUndefined();
    const text = cardText(cardOf(post)!);
    expect(text).toContain('Weekly audit digest: week of 4 January 2027');
    expect(text).toContain('F-2026-0001 MINOR: A.5.15 Access control, area iam, owner bo@acme.example, open 34 days.');
    expect(Buffer.byteLength(JSON.stringify(post.body))).toBeLessThanOrEqual(40 * 1024);

    t.clock.set('2027-01-08T16:00:00.000Z');
    expect((await scheduler.runJob('digest', 'manual')).counts).toMatchObject({ queued: 0, alreadyPosted: 1 });
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(channelPosts(mark)).toHaveLength(1);
  });

  it('"audit digest preview" typed in the channel reaches the lead in their personal chat only', async () => {
    const lead = person(SEED.lead);
    await h.post(h.message(lead, 'whoami'));
    const mark = h.connector.requests.length;
    await h.post(h.message(lead, '<at>Auditbot</at> audit digest preview', inChannel));
    const reply = h.since(mark).find((r) => r.method === 'POST' && r.conversationId?.startsWith(CHANNEL));
    expect(cardText(cardOf(reply!)!)).toContain("Everyone here would see my answer, so I've sent it to you in our personal chat.");
    expect(cardText(cardOf(reply!)!)).not.toContain('Weekly audit digest');

    await h.dispatcher.runOnce();
    const direct = h.since(mark).filter((r) => r.method === 'POST' && r.conversationId === personalConversation(lead));
    expect(direct).toHaveLength(1);
    expect(direct[0]?.body.summary).toMatch(/^Only for you: Preview: Audit digest, week of 4 January 2027/);
    expect(channelPosts(mark)).toEqual([]);
  });

  it('refuses "audit digest here" in a personal chat, and from someone who is not a lead', async () => {
    await h.post(h.message(person(SEED.lead), 'audit digest here'));
    expect(cardText(cardOf(h.connector.sent().at(-1)!)!)).toContain('This is our personal chat');
    await h.post(h.message(person(SEED.auditor), '<at>Auditbot</at> audit digest here', inChannel));
    expect(cardText(cardOf(h.connector.sent().at(-1)!)!)).toContain('Only an audit lead can choose the digest channel');
    expect(t.core.store.transaction((tx) => tx.settings.get(DIGEST_TEAMS_SETTING))).toBeNull();
  });
});
