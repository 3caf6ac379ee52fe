// Issue 11, point 1: a chat account found by e-mail is linked to a person only where nothing
// contradicts it. An id the organisation file gave, or one linked before, is never replaced by
// an e-mail match; the refusal is on the trail and the audit leads are told once per account.
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../src/core/errors.js';
import { CHAT_ACCOUNT_REFUSED, chatAccountSubject, linkChatAccount } from '../../src/core/organisation/link-chat-account.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg, seedSnapshot } from '../helpers/seed.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const SECOND_SLACK = 'U0SECOND01';
const SECOND_TEAMS = 'aaaaaaaa-2222-4333-8444-555555555555';

function setUp(): TestCore {
  const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['slack', 'teams', 'console'] });
  seedSmallOrg(t);
  return t;
}

const person = (t: TestCore, email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;
const outbox = (t: TestCore) => t.core.store.transaction((tx) => tx.outbox.list());
const refusals = (t: TestCore, subject: string) => t.core.store.transaction((tx) => tx.trail.list({ subject })).filter((e) => e.action === CHAT_ACCOUNT_REFUSED);

describe('linking a chat account found by e-mail', () => {
  it('links an account to a person who has none on that platform, on the trail', () => {
    const t = setUp();
    t.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.auditor, { slackId: null }));
    const result = linkChatAccount(t.core, { email: SEED.auditor, platform: 'slack', platformId: SECOND_SLACK, used: true }, 'slack');
    expect(result).toMatchObject({ kind: 'linked', person: { email: SEED.auditor, slackId: SECOND_SLACK, lastPlatform: 'slack' } });
    expect(person(t, SEED.auditor).slackId).toBe(SECOND_SLACK);
    expect(t.core.store.transaction((tx) => tx.trail.list({ subject: `person:${SEED.auditor}` })).map((e) => e.action)).toEqual(['person.chat_contact_learnt']);
    expect(outbox(t)).toEqual([]);
  });

  it('accepts the account a person already has', () => {
    const t = setUp();
    const ana = person(t, SEED.auditor);
    expect(linkChatAccount(t.core, { email: SEED.auditor, platform: 'teams', platformId: ana.teamsId!, used: true }, 'teams')).toMatchObject({ kind: 'linked' });
    expect(person(t, SEED.auditor).teamsId).toBe(ana.teamsId);
  });

  for (const platform of ['slack', 'teams'] as const) {
    const second = platform === 'slack' ? SECOND_SLACK : SECOND_TEAMS;
    const idKey = platform === 'slack' ? 'slackId' : 'teamsId';

    it(`never replaces the ${platform} id a person has: the second account is refused, recorded once, and the leads told once`, () => {
      const t = setUp();
      const before = person(t, SEED.iamOwner);
      const attempt = () => linkChatAccount(t.core, { email: SEED.iamOwner, platform, platformId: second, timezone: 'Asia/Tokyo', used: true }, platform);

      expect(attempt()).toEqual({
        kind: 'refused',
        firstReport: true,
        refusal: { reason: 'person_has_other_account', platform, accountId: second, email: SEED.iamOwner, linkedId: before[idKey] },
      });
      expect(attempt()).toMatchObject({ kind: 'refused', firstReport: false });
      expect(attempt()).toMatchObject({ kind: 'refused', firstReport: false });

      // Nothing about the person changed: not the id, not the zone, not where they are reached.
      expect(person(t, SEED.iamOwner)).toEqual(before);
      const events = refusals(t, chatAccountSubject({ platform, accountId: second }));
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.after ?? '{}')).toEqual({ reason: 'person_has_other_account', platform, accountId: second, email: SEED.iamOwner, linkedId: before[idKey] });
      expect(events[0]?.before).toBeNull();
      expect(events[0]).toMatchObject({ actor: 'system', channel: platform });

      // One notification per lead (the seed has one: Lena), whatever the number of attempts.
      const rows = outbox(t);
      expect(rows.map((r) => [r.key, r.recipient])).toEqual([[`chat-account:${platform}:${second}:refused:${SEED.lead}`, SEED.lead]]);
      const name = platform === 'slack' ? 'Slack' : 'Teams';
      const message = rows[0]!.message;
      expect(message.title).toBe(`A second ${name} account was not linked to Bo Berg`);
      const text = JSON.stringify(message);
      for (const fact of [second, before[idKey]!, SEED.iamOwner, 'organisation file', `${platform}: ${second}`]) expect(text).toContain(fact);
    });
  }

  it('refuses an account that is someone else\'s, and tells the admins when there is no lead', () => {
    const t = setUp();
    const snap = seedSnapshot();
    // No lead any more; Carl is an admin.
    snap.people = snap.people.map((p) => (p.email === SEED.lead ? { ...p, roles: ['auditor'] } : p.email === SEED.otherAuditor ? { ...p, roles: ['auditor', 'admin'] } : p));
    t.core.store.transaction((tx) => tx.organisation.applySnapshot(snap));
    t.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.auditor, { slackId: null }));
    const bos = person(t, SEED.iamOwner).slackId!;
    const result = linkChatAccount(t.core, { email: SEED.auditor, platform: 'slack', platformId: bos }, 'slack');
    expect(result).toMatchObject({ kind: 'refused', firstReport: true, refusal: { reason: 'account_belongs_to_other', holder: SEED.iamOwner } });
    expect(person(t, SEED.auditor).slackId).toBeNull();
    expect(outbox(t).map((r) => r.recipient)).toEqual([SEED.otherAuditor]);
  });

  it('recordChatContact (import --slack-ids, the deliverers) refuses to replace an id too, with a conflict naming both accounts', () => {
    const t = setUp();
    const before = person(t, SEED.iamOwner);
    let error: unknown;
    try {
      recordChatContact(t.core, { email: SEED.iamOwner, platform: 'slack', platformId: SECOND_SLACK }, 'cli');
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.code).toBe('conflict');
    expect((error as Error).message).toContain(SECOND_SLACK);
    expect((error as Error).message).toContain(before.slackId!);
    expect(person(t, SEED.iamOwner)).toEqual(before);
  });
});
