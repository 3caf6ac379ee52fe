// Who the bot takes a Teams user for, and where it can reach them again: the person by stored
// Teams id, else by the e-mail Teams gives for the user (then linked, on the trail); an
// outsider gets a short answer and nothing else. Conversation references are stored on
// install and on every message, in the database, so they survive a restart.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../db/schema.js';
import { tempDir } from '../helpers/cli.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW } from '../core/findings-suite.js';
import { BOT, cardOf, cardText, personalConversation, startTeamsHarness, TENANT, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const CHANNEL = '19:audit-team@thread.tacv2';

let t: TestCore;
let h: TeamsHarness;
const harnesses: TeamsHarness[] = [];

async function setUp(opts: { file?: string; env?: Record<string, string>; seed?: boolean } = {}) {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'], ...(opts.file ? { file: opts.file } : {}) });
  if (opts.seed !== false) seedSmallOrg(t);
  h = await startTeamsHarness(t.core, opts.env);
  harnesses.push(h);
}

afterEach(async () => {
  for (const x of harnesses.splice(0)) await x.close();
});

const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const ref = (owner: string) => t.core.store.transaction((tx) => tx.conversationRefs.get(owner));
const lastCardText = () => cardText(cardOf(h.connector.sent().at(-1)!)!);

describe('Teams identity', () => {
  it('knows a person by their stored Teams id, stores their chat, time zone and that they use Teams', async () => {
    await setUp();
    const bo = person(SEED.iamOwner);
    expect(bo).toMatchObject({ timezone: null, lastPlatform: null });
    await h.post(h.message(bo, 'whoami'));
    expect(lastCardText()).toContain(SEED.iamOwner);
    expect(person(SEED.iamOwner)).toMatchObject({ timezone: 'Europe/Madrid', lastPlatform: 'teams' });
    const stored = ref(SEED.iamOwner)!;
    expect(stored.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      conversation: { id: personalConversation(bo), tenantId: TENANT },
      user: { id: `29:${bo.teamsId}`, aadObjectId: bo.teamsId },
      bot: BOT,
    });
    expect(stored.reference).not.toHaveProperty('activityId');
    expect(stored.updatedAt).toBe('2027-01-04T10:00:00.000Z');
  });

  it('finds someone with no stored Teams id by the e-mail Teams gives, links the id, and records that on the trail', async () => {
    await setUp();
    t.db.update(people).set({ teamsId: null }).where(eq(people.email, SEED.suppliersOwner)).run();
    const aad = 'aaaaaaaa-1111-4222-8333-444444444444';
    h.connector.addMember({ id: '29:fay-teams', name: 'Fay Fox', aadObjectId: aad, email: 'Fay@Acme.example', userPrincipalName: 'fay@acme.example' });
    await h.post(h.message({ ...person(SEED.suppliersOwner), teamsId: aad }, 'whoami', { from: { id: '29:fay-teams', name: 'Fay Fox', aadObjectId: aad } }));
    expect(h.connector.requests.some((r) => r.method === 'GET' && r.path.endsWith('/members/29%3Afay-teams'))).toBe(true);
    expect(lastCardText()).toContain(SEED.suppliersOwner);
    expect(person(SEED.suppliersOwner)).toMatchObject({ teamsId: aad, lastPlatform: 'teams' });
    const events = t.core.store.transaction((tx) => tx.trail.list({ subject: `person:${SEED.suppliersOwner}` }));
    expect(events.map((e) => [e.action, e.channel, JSON.parse(e.after ?? '{}')])).toEqual([['person.chat_contact_learnt', 'teams', { teamsId: aad, timezone: 'Europe/Madrid' }]]);
    // Next time the stored id is enough: no member look-up.
    const mark = h.connector.requests.length;
    await h.post(h.message(person(SEED.suppliersOwner), 'whoami'));
    expect(h.since(mark).filter((r) => r.method === 'GET')).toEqual([]);
  });

  it('answers someone outside the organisation file shortly, with who can add them, and does nothing else', async () => {
    await setUp();
    const stranger = { ...person(SEED.auditor), email: 'x@elsewhere.example', name: 'Stranger', teamsId: 'bbbbbbbb-0000-4000-8000-000000000000' };
    h.connector.addMember({ id: `29:${stranger.teamsId}`, name: 'Stranger', aadObjectId: stranger.teamsId, email: 'x@elsewhere.example' });
    await h.post(h.message(stranger, 'finding something'));
    const text = lastCardText();
    expect(text).toMatch(/you are not in it yet/);
    expect(text).toContain('Lena Lund');
    expect(h.connector.sent()).toHaveLength(1);
    expect(t.core.store.transaction((tx) => tx.conversationRefs.latest())).toBeNull();
    expect(t.core.store.transaction((tx) => tx.outbox.list())).toEqual([]);
  });

  it('treats a person who has left as an outsider', async () => {
    await setUp();
    await h.post(h.message(person(SEED.leaver), 'mine'));
    expect(lastCardText()).toMatch(/you are not in it yet/);
  });

  it('in anonymous local mode, takes a Bot Framework Emulator user whose id is their Entra object id', async () => {
    await setUp();
    const bo = person(SEED.iamOwner);
    await h.post(h.message(bo, 'whoami', { channelId: 'emulator', from: { id: bo.teamsId, name: 'Bo' }, conversation: { id: 'emulator-conv' }, channelData: {} }));
    expect(lastCardText()).toContain(SEED.iamOwner);
    await h.post(h.message(bo, 'whoami', { channelId: 'emulator', from: { id: 'not-an-object-id', name: 'Bo' }, conversation: { id: 'emulator-conv' }, channelData: {} }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
  });

  it('a single-tenant bot does not recognise users of another tenant', async () => {
    await setUp({ env: { MICROSOFT_APP_TENANT_ID: TENANT } });
    const ana = person(SEED.auditor);
    await h.post(h.message(ana, 'whoami', { conversation: { id: 'a:other', conversationType: 'personal', tenantId: '99999999-0000-4000-8000-000000000000' }, channelData: {} }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
    await h.post(h.message(ana, 'whoami'));
    expect(lastCardText()).toContain(SEED.auditor);
  });
});

describe('Teams conversation references', () => {
  it('are stored when the app is installed: personal chat (with a welcome) and team channel', async () => {
    await setUp();
    const ana = person(SEED.auditor);
    await h.post({ ...h.message(ana, ''), type: 'conversationUpdate', text: undefined, membersAdded: [BOT] });
    expect(ref(SEED.auditor)?.reference.conversation).toMatchObject({ id: personalConversation(ana) });
    expect(lastCardText()).toMatch(/Auditbot: what you can ask/);

    await h.post({ ...h.message(person(SEED.lead), ''), type: 'installationUpdate', action: 'add', text: undefined, conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT } });
    expect(ref(`channel:${CHANNEL}`)?.reference.conversation).toMatchObject({ id: CHANNEL, conversationType: 'channel' });
  });

  it('are stored for the channel itself when someone writes in a thread, and the @mention is not part of the command', async () => {
    await setUp();
    const lead = person(SEED.lead);
    await h.post(
      h.message(lead, '<at>Auditbot</at> whoami', {
        conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel', tenantId: TENANT },
        entities: [{ type: 'mention', text: '<at>Auditbot</at>', mentioned: BOT }],
      }),
    );
    // `whoami` was understood; its answer is for the lead alone, so it goes to their personal chat.
    expect(lastCardText()).toContain("I've sent it to you in our personal chat");
    const queued = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('reply:teams:'));
    expect(queued).toEqual([expect.objectContaining({ recipient: SEED.lead, platform: 'teams', status: 'pending' })]);
    expect(queued[0]?.message.summary).toContain(SEED.lead);
    expect(ref(`channel:${CHANNEL}`)?.reference.conversation).toMatchObject({ id: CHANNEL });
    // A message in a channel is not the person's own chat.
    expect(ref(SEED.lead)).toBeNull();
  });

  it('are forgotten when the app is removed', async () => {
    await setUp();
    const ana = person(SEED.auditor);
    await h.post(h.message(ana, 'whoami'));
    await h.post({ ...h.message(person(SEED.lead), 'x'), conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT } });
    await h.post({ ...h.message(ana, ''), type: 'installationUpdate', action: 'remove', text: undefined });
    await h.post({ ...h.message(person(SEED.lead), ''), type: 'conversationUpdate', text: undefined, membersRemoved: [BOT], conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT } });
    expect(ref(SEED.auditor)).toBeNull();
    expect(ref(`channel:${CHANNEL}`)).toBeNull();
  });

  it('survive a restart: a channel post after the process came back uses the stored reference', async () => {
    const file = join(tempDir(), 'teams.db');
    await setUp({ file });
    await h.post({ ...h.message(person(SEED.lead), 'programme'), conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT } });
    const url = h.connector.url;
    await h.close();
    harnesses.splice(0);
    t.db.$client.close();

    // A new process: a new database connection and a new adapter; nothing carried over in memory.
    const again = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'], file });
    const h2 = await startTeamsHarness(again.core);
    harnesses.push(h2);
    const stored = again.core.store.transaction((tx) => tx.conversationRefs.get(`channel:${CHANNEL}`))!;
    expect(stored.reference.serviceUrl).toBe(url);
    // Point the stored reference at this run's connector (the old one is gone with its process).
    again.core.store.transaction((tx) => tx.conversationRefs.save(`channel:${CHANNEL}`, { ...stored.reference, serviceUrl: h2.connector.url }));
    again.core.store.transaction((tx) => tx.outbox.enqueue({ key: 'digest:1', platform: 'teams', recipient: `channel:${CHANNEL}`, message: { summary: 'Weekly digest', blocks: [{ type: 'text', text: 'All on track.' }] } }));
    expect(await h2.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const post = h2.connector.sent()[0]!;
    expect(post.conversationId).toBe(CHANNEL);
    expect(post.path).toBe(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
    again.db.$client.close();
  });
});
