// Issue 5, acceptance 1, end to end through the real CloudAdapter: `finding` answers with the
// form card; an invalid submit comes back on the same card with each error under its field;
// a valid one stores the finding, and the owner gets a proactive message at the Bot Connector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findings as findingsTable } from '../../db/schema.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW, validValues } from '../core/findings-suite.js';
import { cardElements, cardErrors, cardOf, cardText, personalConversation, startTeamsHarness, submitDataOf, TENANT, type TeamsHarness } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

let t: TestCore;
let h: TeamsHarness;

beforeEach(async () => {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
});

afterEach(async () => {
  await h.close();
});

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no ${email}`);
  return p;
};

const stored = () => t.db.select().from(findingsTable).all();

/** Types `finding …` as `who` and returns the form card and the id Teams gave its message. */
async function openForm(who: PersonRecord, text = 'finding') {
  const mark = h.connector.requests.length;
  const res = await h.post(h.message(who, text));
  expect(res.status).toBe(200);
  const sent = h.since(mark).filter((r) => r.method === 'POST' && r.path.includes('/activities'));
  expect(sent).toHaveLength(1);
  const card = cardOf(sent[0]!);
  if (!card) throw new Error('no card in the reply');
  return { card, cardId: (sent[0]!.answer?.body as { id: string }).id, request: sent[0]! };
}

const asInputs = (values: Record<string, string | boolean | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

describe('Teams: the finding form', () => {
  it('answers `finding` with the form card in the same chat, the typed text in the statement', async () => {
    const ana = person(SEED.auditor);
    const { card, request } = await openForm(ana, 'finding Admin accounts without MFA');
    expect(request.conversationId).toBe(personalConversation(ana));
    expect(request.path).toMatch(/\/activities\/in-\d+$/);
    const inputs = cardElements(card).filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((i) => [i.id, i.type])).toEqual([
      ['auditId', 'Input.ChoiceSet'],
      ['classification', 'Input.ChoiceSet'],
      ['requirement', 'Input.ChoiceSet'],
      ['confirmOutOfScope', 'Input.Toggle'],
      ['statement', 'Input.Text'],
      ['evidence', 'Input.Text'],
      ['owner', 'Input.ChoiceSet'],
      ['dueDate', 'Input.Date'],
    ]);
    expect(inputs.find((i) => i.id === 'statement')?.value).toBe('Admin accounts without MFA');
    expect(inputs.find((i) => i.id === 'auditId')?.value).toBe(SEED.audits.iam);
    const requirement = inputs.find((i) => i.id === 'requirement') as unknown as { choices: { value: string }[] };
    expect(requirement.choices.map((c) => c.value)).toEqual(expect.arrayContaining(['9.2', 'A.5.15', 'A.8.5']));
  });

  it('shows each error next to its field on the same card, keeps what was typed, and stores nothing', async () => {
    const ana = person(SEED.auditor);
    const { card, cardId } = await openForm(ana);
    const mark = h.connector.requests.length;
    const res = await h.post(h.submit(ana, { ...submitDataOf(card), ...asInputs(validValues({ classification: '', statement: '  ', evidence: 'Export of 4 January' })) }, cardId));
    expect(res.status).toBe(200);

    const updates = h.since(mark).filter((r) => r.method === 'PUT');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.path).toBe(`/v3/conversations/${encodeURIComponent(personalConversation(ana))}/activities/${cardId}`);
    const again = cardOf(updates[0]!)!;
    const errors = cardErrors(again);
    expect(Object.keys(errors).sort()).toEqual(['classification', 'statement']);
    expect(errors.classification).toMatch(/Choose a classification/);
    expect(errors.statement).toMatch(/Write what you saw/);
    // Each error sits right under its input (after its hint, if any).
    const ids = cardElements(again).map((e) => (typeof e.id === 'string' ? e.id : ''));
    const after = (input: string, error: string) => ids.indexOf(error) > ids.indexOf(input) && ids.slice(ids.indexOf(input) + 1, ids.indexOf(error)).every((id) => id === '');
    expect(after('classification', 'classification.error')).toBe(true);
    expect(after('statement', 'statement.error')).toBe(true);
    const evidence = cardElements(again).find((e) => e.id === 'evidence');
    expect(evidence?.value).toBe('Export of 4 January');
    expect(cardElements(again).find((e) => e.id === 'classification')?.errorMessage).toMatch(/Choose a classification/);
    expect(stored()).toEqual([]);
    expect(t.core.store.transaction((tx) => tx.outbox.list())).toEqual([]);
  });

  it('records a valid submission, replaces the form with the confirmation, and the owner is told proactively', async () => {
    const ana = person(SEED.auditor);
    const { card, cardId } = await openForm(ana);
    const mark = h.connector.requests.length;
    await h.post(h.submit(ana, { ...submitDataOf(card), ...asInputs(validValues()) }, cardId));

    expect(stored().map((f) => [f.id, f.owner, f.raisedBy])).toEqual([['F-2027-0001', SEED.authOwner, SEED.auditor]]);
    const confirmation = cardOf(h.since(mark).find((r) => r.method === 'PUT')!)!;
    expect(cardText(confirmation)).toContain('F-2027-0001');
    expect(cardElements(confirmation).some((e) => e.type.startsWith('Input.'))).toBe(false);

    // Dee never wrote to the bot: the deliverer opens a 1:1 with her Entra id in Ana's tenant.
    const rows = t.core.store.transaction((tx) => tx.outbox.list());
    expect(rows.map((r) => [r.platform, r.recipient, r.status])).toEqual([['teams', SEED.authOwner, 'pending']]);
    const beforeDispatch = h.connector.requests.length;
    expect(await h.dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const proactive = h.since(beforeDispatch);
    expect(proactive.map((r) => `${r.method} ${r.path.replace(/created-\d+/, 'created-N')}`)).toEqual([
      'POST /v3/conversations',
      `POST /v3/conversations/${encodeURIComponent('a:created-N')}/activities`,
    ]);
    expect(proactive[0]!.body).toMatchObject({ isGroup: false, tenantId: TENANT, members: [{ id: person(SEED.authOwner).teamsId }] });
    const notice = cardOf(proactive[1]!)!;
    expect(cardText(notice)).toContain('F-2027-0001');
    expect(proactive[1]!.body.summary).toMatch(/Ana Ruiz recorded a minor nonconformity \(F-2027-0001\)/);

    // The new conversation was stored: the next message to Dee reuses it.
    const ref = t.core.store.transaction((tx) => tx.conversationRefs.get(SEED.authOwner));
    expect((ref?.reference.conversation as { id: string }).id).toBe(proactive[1]!.conversationId);
    expect(t.core.store.transaction((tx) => tx.outbox.list()).map((r) => r.status)).toEqual(['delivered']);
  });

  it('reaches an owner who wrote to the bot before in their own chat, without creating one', async () => {
    const dee = person(SEED.authOwner);
    await h.post(h.message(dee, 'help'));
    const ana = person(SEED.auditor);
    const { card, cardId } = await openForm(ana);
    await h.post(h.submit(ana, { ...submitDataOf(card), ...asInputs(validValues()) }, cardId));
    const mark = h.connector.requests.length;
    await h.dispatcher.runOnce();
    const sent = h.since(mark);
    expect(sent.map((r) => [r.method, r.conversationId])).toEqual([['POST', personalConversation(dee)]]);
    expect(sent[0]!.path).toBe(`/v3/conversations/${encodeURIComponent(personalConversation(dee))}/activities`);
  });

  it('records one finding when the same card is submitted twice (a double click)', async () => {
    const ana = person(SEED.auditor);
    const { card, cardId } = await openForm(ana);
    const value = { ...submitDataOf(card), ...asInputs(validValues()) };
    const [a, b] = await Promise.all([h.post(h.submit(ana, value, cardId)), h.post(h.submit(ana, value, cardId))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(stored().map((f) => f.id)).toEqual(['F-2027-0001']);
    expect(t.core.store.transaction((tx) => tx.outbox.list())).toHaveLength(1);
    const updates = h.connector.updated();
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(cardText(cardOf(u)!)).toContain('F-2027-0001');
  });

  it('a second card records a second finding', async () => {
    const ana = person(SEED.auditor);
    for (const _ of [1, 2]) {
      const { card, cardId } = await openForm(ana);
      await h.post(h.submit(ana, { ...submitDataOf(card), ...asInputs(validValues()) }, cardId));
    }
    expect(stored().map((f) => f.id)).toEqual(['F-2027-0001', 'F-2027-0002']);
  });
});
