// Issue 11, point 1 on Teams, through the real botbuilder adapter (anonymous, on loopback) and
// the fake Bot Connector: activities are served only from the allowed tenants, and a second
// Teams account whose member look-up gives a person's e-mail never takes over that person.
import { afterEach, describe, expect, it } from 'vitest';
import { audits } from '../../db/schema.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW } from '../core/findings-suite.js';
import { BOT, cardOf, cardText, personalConversation, startTeamsHarness, TENANT, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const OTHER_TENANT = '99999999-0000-4000-8000-000000000099';
const ATTACKER = { id: '29:attacker', name: 'Lena Lund', aadObjectId: 'cccccccc-0000-4000-8000-00000000000c' };

let t: TestCore;
let h: TeamsHarness;

async function setUp(env: Record<string, string> = {}) {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core, env);
}

afterEach(async () => {
  await h.close();
});

const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const auditStatus = (id: string) => t.db.select().from(audits).all().find((a) => a.id === id)?.status;
const lastCardText = () => cardText(cardOf(h.connector.sent().at(-1)!)!);
const fromOtherTenant = { conversation: { id: 'a:foreign-chat', conversationType: 'personal', tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } };

describe('Teams tenants', () => {
  it('an activity from another tenant whose member look-up gives a lead\'s e-mail gets the outsider answer, runs nothing and changes nothing', async () => {
    await setUp();
    h.connector.addMember({ ...ATTACKER, email: SEED.lead, userPrincipalName: SEED.lead });
    const lena = person(SEED.lead);
    const before = dbSnapshot(t.db);
    const res = await h.post(h.message(lena, `audit start ${SEED.audits.suppliersPlanned} early`, { from: ATTACKER, ...fromOtherTenant }));
    expect(res.status).toBe(200);
    expect(h.connector.sent()).toHaveLength(1);
    expect(lastCardText()).toMatch(/you are not in it yet/);
    // Not even a look-up: nothing of the other tenant is asked or stored.
    expect(h.connector.requests.filter((r) => r.method === 'GET')).toEqual([]);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('planned');
    expect(dbSnapshot(t.db)).toEqual(before);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, tenants: [OTHER_TENANT], msg: 'teams: an activity from a tenant that is not allowed was refused' }));
  });

  it('installing the app in another tenant\'s channel stores nothing; removing it there forgets nothing of ours', async () => {
    await setUp();
    const channel = '19:ours@thread.tacv2';
    const lena = person(SEED.lead);
    await h.post({ ...h.message(lena, ''), type: 'installationUpdate', action: 'add', text: undefined, conversation: { id: channel, conversationType: 'channel', tenantId: TENANT } });
    const before = dbSnapshot(t.db);
    const foreign = { ...fromOtherTenant, conversation: { id: channel, conversationType: 'channel', tenantId: OTHER_TENANT } };
    await h.post({ ...h.message(lena, ''), ...foreign, type: 'conversationUpdate', text: undefined, membersRemoved: [BOT] });
    await h.post({ ...h.message(lena, ''), ...foreign, type: 'installationUpdate', action: 'add', text: undefined, conversation: { id: '19:theirs@thread.tacv2', conversationType: 'channel', tenantId: OTHER_TENANT } });
    expect(dbSnapshot(t.db)).toEqual(before);
  });

  it('every tenant an activity names must be allowed', async () => {
    await setUp();
    const ana = person(SEED.auditor);
    await h.post(h.message(ana, 'whoami', { channelData: { tenant: { id: OTHER_TENANT } } }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
    await h.post(h.message(ana, 'whoami', { conversation: { id: 'a:x', conversationType: 'personal', tenantId: OTHER_TENANT } }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
    await h.post(h.message(ana, 'whoami', { conversation: { id: 'a:x', conversationType: 'personal', tenantId: TENANT.toUpperCase() } }));
    expect(lastCardText()).toContain(SEED.auditor);
  });

  it('TEAMS_ALLOWED_TENANTS takes several tenants; MICROSOFT_APP_TENANT_ID adds its own', async () => {
    await setUp({ TEAMS_ALLOWED_TENANTS: `${OTHER_TENANT}, 11111111-0000-4000-8000-000000000011`, MICROSOFT_APP_TENANT_ID: TENANT });
    const ana = person(SEED.auditor);
    await h.post(h.message(ana, 'whoami', fromOtherTenant));
    expect(lastCardText()).toContain(SEED.auditor);
    await h.post(h.message(ana, 'whoami'));
    expect(lastCardText()).toContain(SEED.auditor);
    const third = '22222222-0000-4000-8000-000000000022';
    await h.post(h.message(ana, 'whoami', { conversation: { id: 'a:y', conversationType: 'personal', tenantId: third }, channelData: { tenant: { id: third } } }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
  });
});

describe('a second Teams account with a person\'s e-mail', () => {
  it('gets the outsider answer and runs nothing; the stored id stays, a warning is logged, the leads are told once', async () => {
    await setUp();
    // The attacker's account is in our tenant; Teams' member look-up gives it Lena's e-mail.
    h.connector.addMember({ ...ATTACKER, email: 'Lena@Acme.example', userPrincipalName: 'lena.second@acme.example' });
    // Lena has written to the bot before: her chat is known.
    await h.post(h.message(person(SEED.lead), 'whoami'));
    const lena = person(SEED.lead);
    const before = dbSnapshot(t.db);

    await h.post(h.message(lena, `audit start ${SEED.audits.suppliersPlanned} early`, { from: ATTACKER }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('planned');
    expect(person(SEED.lead)).toEqual(lena);

    const warnings = () => h.logs.filter((l) => l.level === 40 && l.teamsUser === ATTACKER.aadObjectId);
    expect(warnings()).toEqual([expect.objectContaining({ email: SEED.lead, reason: 'person_has_other_account', leadsTold: true })]);
    const outbox = () => t.core.store.transaction((tx) => tx.outbox.list());
    expect(outbox().map((r) => [r.key, r.recipient])).toEqual([[`chat-account:teams:${ATTACKER.aadObjectId}:refused:${SEED.lead}`, SEED.lead]]);
    const refused = t.core.store.transaction((tx) => tx.trail.list()).filter((e) => e.action === 'person.chat_account_refused');
    expect(refused).toHaveLength(1);

    // Only the refusal was written: its trail event and the one notification.
    const after = dbSnapshot(t.db);
    expect(after.people).toEqual(before.people);
    expect(after.conversation_refs).toEqual(before.conversation_refs);
    expect((after.trail_events ?? []).length).toBe((before.trail_events ?? []).length + 1);

    const mark = dbSnapshot(t.db);
    for (const text of ['whoami', 'mine', 'audit status']) {
      await h.post(h.message(lena, text, { from: ATTACKER }));
      expect(lastCardText()).toMatch(/you are not in it yet/);
    }
    expect(dbSnapshot(t.db)).toEqual(mark);
    expect(warnings().map((l) => l.leadsTold)).toEqual([true, false, false, false]);

    // The notification goes to Lena's own chat, not to the second account.
    const sentBefore = h.connector.sent().length;
    expect(await h.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    const told = h.connector.sent().slice(sentBefore);
    expect(told.map((r) => r.conversationId)).toEqual([personalConversation(lena)]);
    expect(cardText(cardOf(told[0]!)!)).toContain(ATTACKER.aadObjectId);

    // Lena herself is still Lena.
    await h.post(h.message(lena, 'whoami'));
    expect(lastCardText()).toContain(SEED.lead);
  });

  it('an account that Teams cannot give an object id for is an outsider, even with a matching e-mail', async () => {
    await setUp();
    const fay = person(SEED.suppliersOwner);
    await h.post(h.message(fay, 'whoami', { from: { id: '29:no-object-id', name: 'Fay', email: SEED.suppliersOwner } }));
    expect(lastCardText()).toMatch(/you are not in it yet/);
    expect(person(SEED.suppliersOwner)).toEqual(fay);
  });
});
