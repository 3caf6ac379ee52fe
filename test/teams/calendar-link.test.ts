// Issue 15 point 5, security: the private calendar link never rests in the outbox. `calendar`
// typed in a Teams channel (where Teams has no private replies, so a private answer would be
// queued to the person's personal chat) answers in the channel to ask in the personal chat and
// makes no link; typed in the personal chat it answers there at once, with no outbox row. No
// outbox row, trail event or log line holds the token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { cardOf } from './fake-connector.js';
import { cardText, personalConversation, startTeamsHarness, TENANT, type TeamsHarness } from './harness.js';

const CHANNEL = '19:audit-team@thread.tacv2';
const inChannel = { conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: TENANT }, channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } } };
const LINK = /https:\/\/auditbot\.example\.com\/calendar\/([0-9a-f]{64})\.ics/;

let t: TestCore;
let h: TeamsHarness;

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no person ${email}`);
  return p;
};

beforeEach(async () => {
  t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  t.core.settings.publicUrl = 'https://auditbot.example.com';
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
});
afterEach(async () => {
  await h.close();
});

const outboxRows = () => t.db.$client.prepare('select key, recipient, message from outbox').all() as { key: string; recipient: string; message: string }[];

describe('calendar on Teams', () => {
  it('typed in a channel: asks for the personal chat, makes no link and queues nothing', async () => {
    const ana = person(SEED.auditor);
    await h.post(h.message(ana, 'whoami'));
    const before = dbSnapshot(t.db);
    const mark = h.connector.requests.length;
    await h.post(h.message(ana, '<at>Auditbot</at> calendar', inChannel));
    const replies = h.since(mark).filter((r) => r.method === 'POST');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversationId?.startsWith(CHANNEL)).toBe(true);
    const said = cardText(cardOf(replies[0]!)!);
    expect(said).toContain('personal chat');
    expect(said).not.toMatch(LINK);
    expect(outboxRows()).toEqual([]);
    expect(t.core.store.transaction((tx) => tx.calendarTokens.get(SEED.auditor))).toBeNull();
    // Nothing else changed either (the channel is remembered as any turn remembers it).
    const after = dbSnapshot(t.db);
    expect(after.outbox).toEqual(before.outbox);
    expect(after.trail_events).toEqual(before.trail_events);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });

  it('typed in the personal chat: the link comes back at once, and no row, event or log line holds the token', async () => {
    const ana = person(SEED.auditor);
    const mark = h.connector.requests.length;
    await h.post(h.message(ana, 'calendar'));
    const replies = h.since(mark).filter((r) => r.method === 'POST' && r.conversationId === personalConversation(ana));
    expect(replies).toHaveLength(1);
    // The link is in the card as it must be opened: nothing in a hex token is escaped as Markdown.
    const shown = cardText(cardOf(replies[0]!)!);
    const token = LINK.exec(shown)?.[1];
    expect(token).toBeDefined();
    expect(outboxRows()).toEqual([]);
    const stored = JSON.stringify(dbSnapshot(t.db));
    expect(stored).not.toContain(token);
    expect(JSON.stringify(h.logs)).not.toContain(token);
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
  });
});
