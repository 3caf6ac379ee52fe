// Issue 15 point 4 in chat (Teams): `audit preview` typed in the personal chat, through the real
// botbuilder adapter. A lead gets who would get which message when (the simulation runs on a copy
// of the data) as a direct answer; anyone else the lead refusal; the database is unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { withDeliveryPreview } from '../helpers/preview.js';
import { insertAudits, SEED, seedSmallOrg } from '../helpers/seed.js';
import { cardOf } from './fake-connector.js';
import { cardText, personalConversation, startTeamsHarness, type TeamsHarness } from './harness.js';

let t: TestCore;
let h: TeamsHarness;

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no person ${email}`);
  return p;
};

beforeEach(async () => {
  // Monday 4 January 2027, 10:00 London; IA-2027-05 starts on Tuesday.
  t = withDeliveryPreview(makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London', platforms: ['teams', 'console'] }));
  seedSmallOrg(t);
  insertAudits(t.db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start: '2027-01-05', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
  h = await startTeamsHarness(t.core);
});
afterEach(async () => {
  await h.close();
});

describe('audit preview on Teams', () => {
  it('answers a lead in the chat with who would get which message when, and refuses anyone else; nothing changes', async () => {
    const lead = person(SEED.lead);
    const auditor = person(SEED.auditor);
    // Each person's first message records where to reach them; after that, nothing may change.
    await h.post(h.message(lead, 'whoami'));
    await h.post(h.message(auditor, 'whoami'));
    const before = dbSnapshot(t.db);

    let mark = h.connector.requests.length;
    await h.post(h.message(lead, 'audit preview 2'));
    const answers = h.since(mark).filter((r) => r.method === 'POST' && r.conversationId === personalConversation(lead));
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.summary).toMatch(/^Preview: \d+ messages in the next 2 days\. Nothing was sent or changed\.$/);
    // Teams told the bot Ana's zone (Madrid): her audit start is at 09:00 there. The card escapes Markdown.
    expect(cardText(cardOf(answers[0]!)!)).toMatch(/2027-01-05 09:00 Europe\/Madrid \\?\(08:00 UTC\\?\): ana@acme\.example on teams, "IA-2027-05 has started"/);
    expect(dbSnapshot(t.db)).toEqual(before);

    mark = h.connector.requests.length;
    await h.post(h.message(auditor, 'audit preview'));
    const refused = h.since(mark).filter((r) => r.method === 'POST' && r.conversationId === personalConversation(auditor));
    expect(refused).toHaveLength(1);
    expect(cardText(cardOf(refused[0]!)!)).toContain('Only an audit lead can preview what will be sent');
    expect(dbSnapshot(t.db)).toEqual(before);
  });
});
