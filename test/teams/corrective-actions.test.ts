// Issue 7 on Teams, end to end through the real CloudAdapter and the fake Bot Connector.
// Acceptance 4: a nonconformity recorded on the finding card → the action card sent to the
// owner proactively → Plan (a card with each error under its field) → Mark implemented → the
// auditor finds it not effective → back to the owner → implemented again → effective → closed;
// the trail holds the whole chain and `auditbot trail verify` passes. Acceptance 2: the owner and
// a colleague in the owner's team cannot verify it (typed, button, a verify card replayed).
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { FORM_UNKNOWN } from '../../src/chat/form-instances.js';
import { escapeMarkdown } from '../../adapters/teams/render.js';
import { validValues, SUITE_NOW } from '../core/findings-suite.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import type { RecordedRequest } from './fake-connector.js';
import { cardElements, cardErrors, cardOf, cardText, startTeamsHarness, submitDataOf, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

let t: TestCore;
let h: TeamsHarness;

beforeEach(async () => {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
});
afterEach(async () => h.close());

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no ${email}`);
  return p;
};

const action = () => t.core.store.transaction((tx) => tx.actions.get('CA-2027-0001'));

type Card = Record<string, unknown>;

const posted = (mark: number): RecordedRequest[] => h.since(mark).filter((r) => r.method === 'POST' && r.path.includes('/activities'));
const idOf = (r: RecordedRequest): string => (r.answer?.body as { id: string }).id;

function cardIn(r: RecordedRequest | undefined): Card {
  const card = r ? cardOf(r) : undefined;
  if (!card) throw new Error('no card in the activity');
  return card;
}

/** The buttons of a card: `{ action, value }` of each Action.Submit that is not a form's submit. */
const buttonsOf = (card: Card): { action: string; value: string }[] =>
  cardElements(card)
    .filter((e) => e.type === 'Action.Submit' && typeof (e.data as { action?: unknown } | undefined)?.action === 'string')
    .map((e) => e.data as { action: string; value: string });

function button(card: Card, id: string): { action: string; value: string } {
  const found = buttonsOf(card).find((b) => b.action === id);
  if (!found) throw new Error(`no ${id} button; buttons: ${JSON.stringify(buttonsOf(card))}`);
  return found;
}

/** Messages delivered to `email` by the dispatcher since `mark` (proactive sends). */
async function deliver(): Promise<RecordedRequest[]> {
  const mark = h.connector.requests.length;
  await h.dispatcher.runOnce();
  return posted(mark);
}

/** Presses a button on a card as `who`; returns the form card sent back and its id. */
async function press(who: PersonRecord, b: { action: string; value: string }, cardId?: string): Promise<{ card: Card; cardId: string; request: RecordedRequest }> {
  const mark = h.connector.requests.length;
  expect((await h.post(h.submit(who, b, cardId))).status).toBe(200);
  const [reply] = posted(mark);
  if (!reply) throw new Error('no reply to the button');
  return { card: cardIn(reply), cardId: idOf(reply), request: reply };
}

/** Submits a form card as `who` with `values`; returns the card that replaced it. */
async function submitCard(who: PersonRecord, form: { card: Card; cardId: string }, values: Record<string, string>): Promise<Card> {
  const mark = h.connector.requests.length;
  expect((await h.post(h.submit(who, { ...submitDataOf(form.card), ...values }, form.cardId))).status).toBe(200);
  const update = h.since(mark).find((r) => r.method === 'PUT');
  return cardIn(update);
}

async function say(who: PersonRecord, text: string): Promise<string> {
  const mark = h.connector.requests.length;
  await h.post(h.message(who, text));
  const [reply] = posted(mark);
  if (!reply) throw new Error(`no reply to "${text}"`);
  return cardText(cardIn(reply));
}

async function recordNonconformity(): Promise<RecordedRequest[]> {
  const ana = person(SEED.auditor);
  const mark = h.connector.requests.length;
  await h.post(h.message(ana, 'finding'));
  const [formReply] = posted(mark);
  const form = { card: cardIn(formReply), cardId: idOf(formReply as RecordedRequest) };
  const values = Object.fromEntries(Object.entries(validValues({ requirement: 'A.5.15', dueDate: '2027-02-15' })).map(([k, v]) => [k, String(v)]));
  expect(cardText(await submitCard(ana, form, values))).toContain('CA-2027-0001');
  return deliver();
}

const PLAN = { correction: 'Disabled both accounts on 4 January.', rootCause: 'Leaver tickets never reached the identity team.', plan: 'Deprovision from the HR system daily.' };

describe('corrective actions on Teams', () => {
  it('acceptance 4: nonconformity → card to the owner → plan (field errors) → implemented → not effective → back → effective → closed, trail verified', async () => {
    const bo = person(SEED.iamOwner);
    const ana = person(SEED.auditor);
    const sent = await recordNonconformity();
    // Bo never wrote to the bot: the action card reaches him in a new 1:1.
    expect(sent).toHaveLength(1);
    const ownerCard = cardIn(sent[0]);
    expect(cardText(ownerCard)).toContain('Corrective action CA-2027-0001 is open for you');
    expect(buttonsOf(ownerCard)).toEqual([
      { action: 'action.plan', value: 'CA-2027-0001' },
      { action: 'action.implemented', value: 'CA-2027-0001' },
      { action: 'action.extend', value: 'CA-2027-0001' },
    ]);

    // Plan: the form card; bad input comes back on the same card, each error under its field.
    const plan = await press(bo, button(ownerCard, 'action.plan'), idOf(sent[0] as RecordedRequest));
    expect(cardElements(plan.card).filter((e) => e.type.startsWith('Input.')).map((e) => [e.id, e.type])).toEqual([
      ['correction', 'Input.Text'],
      ['rootCause', 'Input.Text'],
      ['plan', 'Input.Text'],
      ['due', 'Input.Date'],
    ]);
    const errors = cardErrors(await submitCard(bo, plan, { ...PLAN, rootCause: '', due: '2026-12-31' }));
    expect(Object.keys(errors)).toEqual(['rootCause']);
    const late = cardErrors(await submitCard(bo, plan, { ...PLAN, due: '2027-03-31' }));
    expect(late.due).toMatch(/after the due date, Monday 15 February 2027.*Request extension/);
    expect(action()?.status).toBe('open');
    expect(cardText(await submitCard(bo, plan, { ...PLAN, due: '2027-02-12' }))).toContain('Thank you. CA-2027-0001 is planned, to be done by Friday 12 February 2027.');
    expect(action()).toMatchObject({ status: 'planned', target: '2027-02-12', ...PLAN });

    // Mark implemented: only http(s) links; then the auditor gets the Verify card.
    const done = await press(bo, button(ownerCard, 'action.implemented'));
    expect(cardErrors(await submitCard(bo, done, { links: 'ftp://files.acme.example/report' })).links).toMatch(/"ftp:" links cannot be accepted/);
    expect(cardText(await submitCard(bo, done, { links: 'https://tickets.acme.example/IAM-7' }))).toContain('Ana Ruiz has been asked to verify that it worked');
    const [toAna] = await deliver();
    const askCard = cardIn(toAna);
    expect(toAna?.body.summary).toBe('Bo Berg marked corrective action CA-2027-0001 (F-2027-0001) implemented. Please check whether it worked.');
    expect(buttonsOf(askCard)).toEqual([{ action: 'action.verify', value: 'CA-2027-0001' }]);

    // Not effective: the new due date is required; then back to Bo as planned, with the reason.
    const verify = await press(ana, button(askCard, 'action.verify'));
    expect(cardElements(verify.card).filter((e) => e.type.startsWith('Input.')).map((e) => e.id)).toEqual(['effective', 'reason', 'due']);
    expect(cardErrors(await submitCard(ana, verify, { effective: 'no', reason: 'Two February leavers are still active.', due: '' })).due).toMatch(/new due date/);
    await submitCard(ana, verify, { effective: 'no', reason: 'Two February leavers are still active.', due: '2027-03-01' });
    expect(action()).toMatchObject({ status: 'planned', due: '2027-03-01' });
    const [back] = await deliver();
    expect(back?.body.summary).toBe('Ana Ruiz found corrective action CA-2027-0001 not yet effective. It is back with you, due Monday 1 March 2027.');
    const backCard = cardIn(back);
    expect(cardText(backCard)).toContain('What Ana Ruiz found: Two February leavers are still active.');

    // Implemented again from that card; effective this time: closed, and Bo is told.
    const again = await press(bo, button(backCard, 'action.implemented'), idOf(back as RecordedRequest));
    await submitCard(bo, again, { links: 'https://tickets.acme.example/IAM-9' });
    const [toAna2] = await deliver();
    const verify2 = await press(ana, button(cardIn(toAna2), 'action.verify'));
    expect(cardText(await submitCard(ana, verify2, { effective: 'yes', reason: 'Every leaver since 15 February was disabled on the day.', due: '' }))).toContain('CA-2027-0001 is closed as effective.');
    expect(action()?.status).toBe('closed');
    const [closed] = await deliver();
    expect(closed?.body.summary).toBe('Corrective action CA-2027-0001 is closed: Ana Ruiz verified it effective. Thank you.');

    // The whole chain in the trail, every step from Teams; the hash chain verifies.
    const trail = t.core.store.transaction((tx) => tx.trail.list());
    expect(trail.filter((e) => e.subject === 'finding:F-2027-0001' || e.subject === 'action:CA-2027-0001').map((e) => `${e.action} ${e.actor} ${e.channel}`)).toEqual([
      `finding.recorded ${SEED.auditor} teams`,
      `action.opened ${SEED.auditor} teams`,
      `action.planned ${SEED.iamOwner} teams`,
      `action.implemented ${SEED.iamOwner} teams`,
      `action.verified ${SEED.auditor} teams`,
      `action.implemented ${SEED.iamOwner} teams`,
      `action.verified ${SEED.auditor} teams`,
      `action.closed ${SEED.auditor} teams`,
    ]);
    expect(verifyTrail(trail)).toMatchObject({ ok: true });
    const file = `${tempDir()}/teams-e2e.db`;
    writeFileSync(file, t.db.$client.serialize());
    const res = await cli(['trail', 'verify'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
  });

  it('acceptance 2: the owner and a colleague in the owner\'s team cannot verify it: typed, button and a replayed verify card', async () => {
    const bo = person(SEED.iamOwner);
    const carl = person(SEED.otherAuditor);
    const ana = person(SEED.auditor);
    const [ownerDm] = await recordNonconformity();
    const ownerCard = cardIn(ownerDm);
    const plan = await press(bo, button(ownerCard, 'action.plan'));
    await submitCard(bo, plan, { ...PLAN, due: '2027-02-12' });
    const done = await press(bo, button(ownerCard, 'action.implemented'));
    await submitCard(bo, done, { links: 'https://tickets.acme.example/IAM-7' });
    const [toAna] = await deliver();
    const verifyButton = button(cardIn(toAna), 'action.verify');

    for (const [who, says] of [
      [bo, /You own CA-2027-0001, so you cannot verify it/],
      // Card text escapes Markdown (parentheses come back as \(…\)), so the pattern skips them.
      // Carl is in Bo's team and has no part in the finding: to him the action does not exist.
      [carl, /^There is no corrective action CA\\?-2027\\?-0001\. Type "actions" to see yours\.$/],
    ] as const) {
      expect(await say(who, 'action verify CA-2027-0001 effective Looks fine.')).toMatch(says);
      const mark = h.connector.requests.length;
      await h.post(h.submit(who, verifyButton));
      const [reply] = posted(mark);
      expect(cardText(cardIn(reply))).toMatch(says);
      expect(cardElements(cardIn(reply)).some((e) => e.type.startsWith('Input.'))).toBe(false);
    }
    // Ana's verify card, replayed by Bo with his own verdict: not his form, so the card says so.
    const form = await press(ana, verifyButton);
    const refused = await submitCard(bo, form, { effective: 'yes', reason: 'Fixed.', due: '' });
    expect(cardText(refused)).toBe(escapeMarkdown(FORM_UNKNOWN));
    expect(cardElements(refused).some((e) => e.type.startsWith('Input.'))).toBe(false);
    expect(action()?.status).toBe('implemented');
    expect(t.core.store.transaction((tx) => tx.actions.listVerifications('CA-2027-0001'))).toEqual([]);
  });
});
