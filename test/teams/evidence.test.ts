// Acceptance 3 of issue 6 on Teams, end to end through the real CloudAdapter and the fake Bot
// Connector: the owner's proactive 1:1 with the evidence requests, Submit with
// `javascript:alert(1)`, `ftp://x` and a 5,000-character link (each an error under the links
// input of the same card), a valid link stored and the auditor told, and an overdue owner's
// manager escalated to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';
import { runNudges } from '../../src/core/evidence/run-nudges.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import type { RecordedRequest } from './fake-connector.js';
import { cardElements, cardErrors, cardOf, cardText, personalConversation, startTeamsHarness, submitDataOf, type CardElement, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

let t: TestCore;
let h: TeamsHarness;

beforeEach(async () => {
  t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
  // The lead has the app installed and has talked to the bot: the tenant and the Bot Connector
  // are known, so the bot can open 1:1 chats with owners who never wrote to it.
  await h.post(h.message(person(SEED.lead), 'help'));
  // The IAM audit is in progress: ask its owners for evidence, as its start does.
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (!audit) throw new Error('no IAM audit');
    createEvidenceRequests(tx, t.core, audit);
  });
  await h.dispatcher.runOnce();
});

afterEach(async () => {
  await h.close();
});

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no ${email}`);
  return p;
};

/** Cards the bot posted to `p`: in the 1:1 it created for them, or in their own chat. */
function cardsTo(p: PersonRecord, since = 0): { card: Record<string, unknown>; request: RecordedRequest }[] {
  const conversations = new Set([personalConversation(p)]);
  for (const c of h.connector.created()) {
    const members = c.body.members as { id: string }[] | undefined;
    if (members?.[0]?.id === p.teamsId) conversations.add((c.answer?.body as { id: string }).id);
  }
  return h.connector
    .sent()
    .slice(since)
    .filter((r) => r.conversationId !== null && conversations.has(r.conversationId))
    .flatMap((request) => {
      const card = cardOf(request);
      return card ? [{ card, request }] : [];
    });
}

const buttons = (card: Record<string, unknown>): { action: string; value: string }[] =>
  cardElements(card)
    .filter((e: CardElement) => e.type === 'Action.Submit' && typeof (e.data as { action?: unknown } | undefined)?.action === 'string')
    .map((e) => e.data as { action: string; value: string });

const requestFor = (requirement: string) => {
  const r = t.core.store.transaction((tx) => tx.evidence.findByRequirement(SEED.audits.iam, requirement));
  if (!r) throw new Error(`no request for ${requirement}`);
  return r;
};

describe('evidence on Teams', () => {
  it('messages each owner their requests with the buttons; Submit refuses bad links on the card, stores a good one and tells the auditor', async () => {
    const bo = person(SEED.iamOwner);
    const [first] = cardsTo(bo);
    if (!first) throw new Error('no message to the owner');
    const a515 = requestFor('A.5.15');
    expect(cardText(first.card)).toContain(`#${a515.id} A.5.15 Access control`);
    expect(cardText(first.card)).toContain('Good evidence:');
    expect(String(first.request.body.summary)).toContain('please share evidence for 2 requirements you own');
    expect(buttons(first.card).map((b) => b.action)).toEqual(['evidence.submit', 'evidence.snooze', 'evidence.not_mine', 'evidence.submit', 'evidence.snooze', 'evidence.not_mine']);
    const messageId = (first.request.answer?.body as { id: string }).id;

    // Submit evidence: the form card comes back in the chat.
    const mark = h.connector.requests.length;
    expect((await h.post(h.submit(bo, { action: 'evidence.submit', value: String(a515.id) }, messageId))).status).toBe(200);
    const formPost = h.since(mark).find((r) => r.method === 'POST' && cardOf(r));
    if (!formPost) throw new Error('no form card');
    const form = cardOf(formPost) as Record<string, unknown>;
    const formId = (formPost.answer?.body as { id: string }).id;
    expect(cardElements(form).filter((e) => e.type.startsWith('Input.')).map((e) => [e.id, e.type])).toEqual([
      ['links', 'Input.Text'],
      ['note', 'Input.Text'],
    ]);

    // Each bad link: the same card again, with the error under the links input; nothing stored.
    const cases: [string, RegExp][] = [
      ['javascript:alert(1)', /"javascript:" links cannot be accepted/],
      ['ftp://x', /"ftp:" links cannot be accepted/],
      [`https://docs.acme.example/${'a'.repeat(5000 - 26)}`, /5,000 characters long; the limit is 2,000/],
    ];
    for (const [link, says] of cases) {
      const before = h.connector.requests.length;
      await h.post(h.submit(bo, { ...submitDataOf(form), links: link, note: '' }, formId));
      const update = h.since(before).find((r) => r.method === 'PUT');
      if (!update) throw new Error(`no card update for ${link.slice(0, 20)}`);
      const errors = cardErrors(cardOf(update) as Record<string, unknown>);
      expect(Object.keys(errors)).toEqual(['links']);
      expect(errors.links?.replace(/\\/g, '')).toMatch(says);
    }
    expect(requestFor('A.5.15')).toMatchObject({ status: 'requested', links: [] });

    // A valid link is stored; the card becomes the confirmation; the auditor is told.
    const before = h.connector.requests.length;
    await h.post(h.submit(bo, { ...submitDataOf(form), links: 'https://wiki.acme.example/iam/access-review-2026-q4', note: 'Signed off by the CISO' }, formId));
    expect(requestFor('A.5.15')).toMatchObject({ status: 'submitted', links: ['https://wiki.acme.example/iam/access-review-2026-q4'], note: 'Signed off by the CISO' });
    const confirmation = h.since(before).find((r) => r.method === 'PUT');
    expect(cardText(cardOf(confirmation as RecordedRequest) as Record<string, unknown>)).toContain('1 link saved');
    const ana = person(SEED.auditor);
    const sentBefore = h.connector.sent().length;
    await h.dispatcher.runOnce();
    const [toAuditor] = cardsTo(ana, sentBefore);
    if (!toAuditor) throw new Error('the auditor was not told');
    expect(cardText(toAuditor.card).replace(/\\/g, '')).toContain('https://wiki.acme.example/iam/access-review-2026-q4');
    expect(buttons(toAuditor.card).map((b) => b.action)).toEqual(['evidence.accept', 'evidence.more']);

    // Accept on the auditor's card records who accepted and when.
    await h.post(h.submit(ana, { action: 'evidence.accept', value: String(a515.id) }, (toAuditor.request.answer?.body as { id: string }).id));
    expect(requestFor('A.5.15')).toMatchObject({ status: 'accepted', acceptedBy: SEED.auditor, acceptedAt: '2027-01-04T10:00:00.000Z' });
  });

  it('escalates an overdue request to the owner\'s manager after the second overdue reminder', async () => {
    expect(requestFor('A.8.5')).toMatchObject({ owner: SEED.authOwner, due: '2027-01-18' });
    for (const day of ['2027-01-14', '2027-01-18', '2027-01-20']) {
      t.clock.set(`${day}T09:00:00.000Z`);
      expect(runNudges(t.core).reminded).toBe(3);
      await h.dispatcher.runOnce();
    }
    const mark = h.connector.sent().length;
    t.clock.set('2027-01-22T09:00:00.000Z');
    expect(runNudges(t.core)).toMatchObject({ messages: 4, reminded: 3, escalated: 6 });
    await h.dispatcher.runOnce();
    const [toManager] = cardsTo(person(SEED.iamOwner), mark);
    if (!toManager) throw new Error('no message to the manager');
    const text = cardText(toManager.card).replace(/\\/g, '');
    expect(text).toContain('For your information as their manager');
    expect(text).toContain(`A.8.5 Secure authentication, audit ${SEED.audits.iam}: asked of Dee Diaz (${SEED.authOwner}), due Monday 18 January 2027, 4 working days overdue after 4 reminders.`);
    expect(String(toManager.request.body.summary)).toContain('For your information: 1 evidence request for the internal audit is overdue.');
    // Running again in the same minute sends nobody anything twice.
    const again = h.connector.sent().length;
    t.clock.set('2027-01-22T09:00:30.000Z');
    expect(runNudges(t.core)).toMatchObject({ messages: 0 });
    await h.dispatcher.runOnce();
    expect(h.connector.sent().slice(again)).toEqual([]);
  });
});
