// `review pack` on Teams (issue 16 point 5), end to end through the real botbuilder adapter and
// the fake Bot Connector: the lead's card has the summary and a link the bot serves to them, with
// a random token that ends after 15 minutes. The link gives the pack while it lives and the same
// 404 once expired, unknown or malformed; the token is in no log line, no outbox row, and only
// its hash is stored.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { reportFiles } from '../../src/app.js';
import { reviewPackFor } from '../../src/core/review/review-pack.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { cardOf, cardText, startTeamsHarness, TENANT, type TeamsHarness } from './harness.js';

let h: TeamsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function start(): Promise<{ t: TestCore; h: TeamsHarness }> {
  const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'], timezone: 'Europe/London' });
  seedSmallOrg(t);
  scheduleReview(t.core, { email: SEED.lead, channel: 'console' }, { date: '2027-01-20', chair: SEED.iamOwner });
  h = await startTeamsHarness(t.core);
  t.core.settings.publicUrl = h.url;
  return { t, h };
}

const person = (t: TestCore, email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email)) as PersonRecord;

/** The text of the card the bot answered `text` with, as sent (Markdown escaped). */
async function answerRaw(h: TeamsHarness, who: PersonRecord, text: string): Promise<string> {
  const mark = h.connector.requests.length;
  await h.post(h.message(who, text));
  const reply = h.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'));
  const card = reply && cardOf(reply);
  if (!card) throw new Error('the bot answered with no card');
  return cardText(card);
}

/** The same, its Markdown escapes taken out. */
const answer = async (h: TeamsHarness, who: PersonRecord, text: string): Promise<string> => (await answerRaw(h, who, text)).replace(/\\(.)/g, '$1');

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), body: await res.text() };
};

describe('Teams: review pack', () => {
  it('gives the lead a card with the summary and a link that serves the pack until it expires', async () => {
    const { t, h } = await start();
    const raw = await answerRaw(h, person(t, SEED.lead), 'review pack');
    const text = raw.replace(/\\(.)/g, '$1');
    expect(text).toContain(`Management review pack MR-2027-01: meeting on 20 January 2027, chaired by ${SEED.iamOwner};`);
    expect(text).toContain('The link is for you only and expires in 15 minutes, at 10:15 (Europe/London) on 2027-01-04.');
    const url = new RegExp(`${h.url}/review-pack/([0-9a-f]{64})\\.html`).exec(text);
    if (!url) throw new Error(`no link in the card: ${text}`);
    const token = url[1] ?? '';
    // The link reaches Teams whole: nothing in it is escaped as Markdown.
    expect(raw).toContain(url[0]);

    // Fresh: the pack, as the export writes it, never cached.
    const fresh = await get(url[0]);
    expect(fresh).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', cache: 'private, no-store' });
    expect(fresh.body).toBe(await reportFiles.reviewPackHtml(reviewPackFor(t.core, { email: SEED.lead, channel: 'teams' }).pack));
    expect(fresh.body.match(/<figure id="chart-[a-z]+" class="chart"><svg/g)).toHaveLength(4);

    // Only the token's hash is kept, for this person and this review, until 15 minutes on.
    expect(t.db.$client.prepare('select * from review_pack_links').all()).toEqual([
      { token_hash: createHash('sha256').update(token).digest('hex'), email: SEED.lead, review_id: 'MR-2027-01', created_at: '2027-01-04T10:00:00.000Z', expires_at: '2027-01-04T10:15:00.000Z' },
    ]);

    t.clock.set('2027-01-04T10:14:59.000Z');
    expect((await get(url[0])).status).toBe(200);
    t.clock.set('2027-01-04T10:15:00.000Z');
    const expired = await get(url[0]);
    const unknown = await get(`${h.url}/review-pack/${'a'.repeat(64)}.html`);
    const malformed = await get(`${h.url}/review-pack/${token}.ics`);
    for (const gone of [expired, unknown, malformed]) expect(gone).toEqual({ status: 404, type: 'text/plain; charset=utf-8', cache: 'no-store', body: expired.body });
    expect(expired.body).toContain('links to a pack end after 15 minutes');

    // The token is in no log line and no outbox row.
    expect(JSON.stringify(h.logs)).not.toContain(token);
    const outbox = (t.db.$client.prepare('select * from outbox').all() as unknown[]).map((r) => JSON.stringify(r));
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.filter((r) => r.includes(token) || r.includes('/review-pack/'))).toEqual([]);
  });

  it('gives the chair a link too; refuses anyone else without one; says what is missing without PUBLIC_URL', async () => {
    const { t, h } = await start();
    expect(await answer(h, person(t, SEED.iamOwner), 'review pack MR-2027-01')).toMatch(/\/review-pack\/[0-9a-f]{64}\.html/);
    expect(await answer(h, person(t, SEED.auditor), 'review pack MR-2027-01')).toContain('Only an audit lead or the chair of a management review can get its pack.');
    expect(t.db.$client.prepare('select email from review_pack_links').all()).toEqual([{ email: SEED.iamOwner }]);
    delete t.core.settings.publicUrl;
    const unset = await answer(h, person(t, SEED.lead), 'review pack');
    expect(unset).toContain('Management review pack MR-2027-01: meeting on 20 January 2027');
    expect(unset).toContain('Links to review packs are not set up on this server: an administrator sets PUBLIC_URL');
    expect(t.db.$client.prepare('select count(*) as n from review_pack_links').get()).toEqual({ n: 1 });
  });

  it('typed in a channel: the summary goes to the personal chat, but no link is made, so no token rests in the outbox', async () => {
    const { t, h } = await start();
    const lead = person(t, SEED.lead);
    await h.post(h.message(lead, 'whoami'));
    const channel = '19:audit-team@thread.tacv2';
    const inChannel = { conversation: { id: `${channel};messageid=1700000000001`, conversationType: 'channel', tenantId: TENANT }, channelData: { tenant: { id: TENANT }, channel: { id: channel }, team: { id: '19:team@thread.tacv2' } } };
    await h.post(h.message(lead, '<at>Auditbot</at> review pack', inChannel));
    expect(t.db.$client.prepare('select count(*) as n from review_pack_links').get()).toEqual({ n: 0 });
    const queued = t.db.$client.prepare('select message from outbox').all() as { message: string }[];
    const said = queued.map((r) => r.message).join('\n');
    expect(said).toContain('Management review pack MR-2027-01');
    expect(said).toContain('send \\"review pack\\" to me there');
    expect(said).not.toMatch(/review-pack\/[0-9a-f]{64}/);
  });
});
