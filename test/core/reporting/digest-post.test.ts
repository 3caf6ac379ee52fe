// Posting the digest: the weekly job queues it once per ISO week and channel (however often it
// runs, and once when a missed week is caught up), to the Slack channel of DIGEST_SLACK_CHANNEL
// and the Teams channel a lead chose, or to the console when there is neither; and the chat
// commands `audit digest preview|now|here` for leads.
import { describe, expect, it } from 'vitest';
import { runChatText } from '../../helpers/chat.js';
import type { ChatContext, Reply } from '../../../src/chat/types.js';
import { loadConfig } from '../../../src/config.js';
import type { OutboxRow } from '../../../src/core/ports.js';
import { DIGEST_TEAMS_SETTING } from '../../../src/core/reporting/post-digest.js';
import { createLogger } from '../../../src/logger.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import { createScheduler } from '../../../src/scheduler/scheduler.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';
import type { Channel, Platform } from '../../../src/core/shared/actor.js';

const LONDON = 'Europe/London';
/** Monday 8 March 2027 09:00 in London (GMT): the default slot of ISO week 2027-W10. */
const W10 = '2027-03-08T09:00:00.000Z';
const TEAMS_CHANNEL = '19:digest-channel@thread.tacv2';

const logger = createLogger('silent');

function setup(platforms: Platform[] = ['console']): TestCore {
  const t = makeTestCore(W10, { timezone: LONDON, platforms });
  seedSmallOrg(t);
  return t;
}

const scheduler = (t: TestCore, env: Record<string, string> = {}) =>
  createScheduler({ core: t.core, jobs: buildJobs(loadConfig({ LOG_LEVEL: 'silent', ...env })), logger, timezone: LONDON });

const digestRows = (t: TestCore): OutboxRow[] => t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('digest:'));

function chat(t: TestCore, email: string, where: { platform: Platform; conversationId?: string } = { platform: 'console' }): ChatContext {
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no person ${email}`);
  return { core: t.core, actor, channel: where.platform as Extract<Channel, 'console' | 'slack' | 'teams'>, platform: where.platform, ...(where.conversationId ? { conversationId: where.conversationId } : {}) };
}

const textOf = (reply: Reply): string => (reply.kind === 'message' ? reply.message.blocks.map((b) => ('text' in b ? b.text : '')).join(' ') : '');

/** The Teams adapter stores a channel's conversation reference on every message typed there. */
const rememberTeamsChannel = (t: TestCore, id = TEAMS_CHANNEL) =>
  t.core.store.transaction((tx) => tx.conversationRefs.save(`channel:${id}`, { serviceUrl: 'https://smba.example/', conversation: { id, conversationType: 'channel' } }));

describe('the digest job', () => {
  it('queues the week\'s digest once, however often it runs in that week; the next week queues again', async () => {
    const t = setup();
    const s = scheduler(t);
    const first = await s.runJob('digest', 'cron', new Date(W10));
    expect(first.outcome).toBe('ok');
    expect(first.counts).toMatchObject({ queued: 1, alreadyPosted: 0 });
    expect(digestRows(t)).toEqual([expect.objectContaining({ key: 'digest:2027-W10:console:digest', platform: 'console', recipient: 'channel:digest', status: 'pending' })]);
    expect(digestRows(t)[0]?.message.title).toBe('Weekly audit digest: week of 8 March 2027');

    // An operator's manual run later that week, and the same slot again: nothing new.
    t.clock.set('2027-03-11T16:00:00.000Z');
    const manual = await s.runJob('digest', 'manual');
    expect(manual.counts).toMatchObject({ queued: 0, alreadyPosted: 1 });
    await s.runJob('digest', 'cron', new Date(W10));
    expect(digestRows(t)).toHaveLength(1);

    t.clock.set('2027-03-15T09:00:00.000Z');
    await s.runJob('digest', 'cron', new Date('2027-03-15T09:00:00.000Z'));
    expect(digestRows(t).map((r) => r.key)).toEqual(['digest:2027-W10:console:digest', 'digest:2027-W11:console:digest']);
  });

  it('catches up a missed week once, for the latest slot only', async () => {
    const t = setup();
    const s = scheduler(t);
    await s.runJob('digest', 'cron', new Date(W10));
    // Down from before Monday W11 until Wednesday W12: one catch-up run, for W12's slot.
    t.clock.set('2027-03-24T13:00:00.000Z');
    const caught = await s.catchUp();
    expect(caught.filter((r) => r.job === 'digest')).toEqual([expect.objectContaining({ trigger: 'catch-up', scheduledFor: '2027-03-22T09:00:00.000Z', outcome: 'ok' })]);
    expect((await s.catchUp()).filter((r) => r.job === 'digest')).toEqual([]);
    expect(digestRows(t).map((r) => r.key)).toEqual(['digest:2027-W10:console:digest', 'digest:2027-W12:console:digest']);
  });

  it('posts to the Slack channel of DIGEST_SLACK_CHANNEL and the Teams channel a lead chose, not to the console', async () => {
    const t = setup(['slack', 'teams', 'console']);
    rememberTeamsChannel(t);
    const here = await runChatText(chat(t, SEED.lead, { platform: 'teams', conversationId: TEAMS_CHANNEL }), 'audit digest here');
    expect(textOf(here)).toContain('From now on the weekly digest is posted in this channel');
    const s = scheduler(t, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', DIGEST_SLACK_CHANNEL: 'C0DIGEST', TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1' });
    await s.runJob('digest', 'cron', new Date(W10));
    await s.runJob('digest', 'manual');
    expect(digestRows(t).map((r) => [r.key, r.platform, r.recipient])).toEqual([
      ['digest:2027-W10:slack:C0DIGEST', 'slack', 'channel:C0DIGEST'],
      [`digest:2027-W10:teams:${TEAMS_CHANNEL}`, 'teams', `channel:${TEAMS_CHANNEL}`],
    ]);
  });

  it('leaves out a platform this process cannot deliver to, and falls back to the console', async () => {
    const t = setup(['console']);
    rememberTeamsChannel(t);
    t.core.store.transaction((tx) => tx.settings.set(DIGEST_TEAMS_SETTING, TEAMS_CHANNEL, SEED.lead));
    await scheduler(t).runJob('digest', 'manual');
    expect(digestRows(t).map((r) => r.recipient)).toEqual(['channel:digest']);
  });
});

describe('audit digest commands', () => {
  it('preview: the lead alone sees this week\'s digest; nothing is queued', async () => {
    const t = setup();
    const reply = await runChatText(chat(t, SEED.lead), 'audit digest preview');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'private', message: { title: 'Weekly audit digest: week of 8 March 2027' } });
    expect(digestRows(t)).toEqual([]);
  });

  it('preview typed in a Teams channel is the same private reply; the adapter keeps it private', async () => {
    const t = setup(['teams', 'console']);
    rememberTeamsChannel(t);
    const reply = await runChatText(chat(t, SEED.lead, { platform: 'teams', conversationId: TEAMS_CHANNEL }), 'audit digest preview');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'private', message: { title: 'Weekly audit digest: week of 8 March 2027' } });
    if (reply.kind !== 'message') throw new Error('expected a message');
    expect(reply.message.summary).toMatch(/^Preview: Audit digest/);
    expect(digestRows(t)).toEqual([]);
  });

  it('now: posts at once even after the week\'s digest, under its own key', async () => {
    const t = setup();
    await scheduler(t).runJob('digest', 'cron', new Date(W10));
    t.clock.set('2027-03-09T10:30:00.000Z');
    const reply = await runChatText(chat(t, SEED.lead), 'audit digest now');
    expect(textOf(reply)).toBe('The digest is on its way to the console (#digest). The weekly post still goes out as scheduled.');
    expect(digestRows(t).map((r) => r.key)).toEqual(['digest:2027-W10:console:digest', 'digest:now:2027-03-09T10:30:00.000Z:console:digest']);
  });

  it('refuses anyone but a lead, with the same words everywhere', async () => {
    const t = setup();
    for (const [text, what] of [
      ['audit digest preview', 'preview the digest'],
      ['audit digest now', 'post the digest now'],
      ['audit digest here', 'choose the digest channel'],
    ] as const) {
      const reply = await runChatText(chat(t, SEED.auditor, { platform: 'teams', conversationId: TEAMS_CHANNEL }), text);
      expect(textOf(reply)).toBe(`Only an audit lead can ${what}; ${SEED.auditor} does not hold the lead role (ask ${SEED.lead}).`);
    }
    expect(digestRows(t)).toEqual([]);
  });

  it('here: only in a Teams channel; recorded in the trail; repeating it changes nothing', async () => {
    const t = setup(['slack', 'teams', 'console']);
    expect(textOf(await runChatText(chat(t, SEED.lead, { platform: 'slack', conversationId: 'C0OTHER' }), 'audit digest here'))).toContain('On Slack the digest goes to the channel set in DIGEST_SLACK_CHANNEL');
    expect(textOf(await runChatText(chat(t, SEED.lead), 'audit digest here'))).toContain('The console has no channels');
    expect(textOf(await runChatText(chat(t, SEED.lead, { platform: 'teams', conversationId: 'a:personal-lena' }), 'audit digest here'))).toContain('This is our personal chat');
    expect(t.core.store.transaction((tx) => tx.settings.get(DIGEST_TEAMS_SETTING))).toBeNull();

    rememberTeamsChannel(t);
    const set = await runChatText(chat(t, SEED.lead, { platform: 'teams', conversationId: TEAMS_CHANNEL }), 'audit digest here');
    expect(set).toMatchObject({ kind: 'message', visibility: 'conversation' });
    expect(t.core.store.transaction((tx) => tx.settings.get(DIGEST_TEAMS_SETTING))).toMatchObject({ value: TEAMS_CHANNEL, updatedBy: SEED.lead, updatedAt: W10 });
    const again = await runChatText(chat(t, SEED.lead, { platform: 'teams', conversationId: TEAMS_CHANNEL }), 'audit digest here');
    expect(textOf(again)).toContain('already posted in this channel');
    const events = t.core.store.transaction((tx) => tx.trail.list({ subject: `setting:${DIGEST_TEAMS_SETTING}` }));
    expect(events).toEqual([expect.objectContaining({ actor: SEED.lead, action: 'settings.digest_channel_set', after: JSON.stringify({ conversationId: TEAMS_CHANNEL }), channel: 'teams' })]);
  });

  it('audit digest alone explains the three commands', async () => {
    const t = setup();
    expect(textOf(await runChatText(chat(t, SEED.lead), 'audit digest'))).toContain('audit digest here (Teams)');
  });
});
