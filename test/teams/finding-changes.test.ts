// Issue 14 acceptance on Teams: amend, dispute and extension approval end to end, with
// activities into the real CloudAdapter and the fake Bot Connector. The auditor amends a finding
// on the card `finding amend` answers with, and the owner gets a card saying what changed; the
// owner disputes, the lead is told and upholds (or withdraws); the owner asks for more time with
// the Request extension button, the lead approves with another date or refuses with a reason,
// and the due date moves only on approval.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findings as findingsTable } from '../../db/schema.js';
import { SUITE_NOW, validValues } from '../core/findings-suite.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import type { RecordedRequest } from './fake-connector.js';
import { cardElements, cardErrors, cardOf, cardText, personalConversation, startTeamsHarness, submitDataOf, type TeamsHarness } from './harness.js';

let t: TestCore;
let h: TeamsHarness;

beforeEach(async () => {
  t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSmallOrg(t);
  h = await startTeamsHarness(t.core);
});
afterEach(async () => {
  await h.close();
  t.db.$client.close();
});

type Card = Record<string, unknown>;

const person = (email: string): PersonRecord => {
  const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!p) throw new Error(`no ${email}`);
  return p;
};
const finding = () => t.db.select().from(findingsTable).all()[0];
const action = () => t.core.store.transaction((tx) => tx.actions.get('CA-2027-0001'));
const trailOf = (subject: string) =>
  t.core.store
    .transaction((tx) => tx.trail.list({ subject }))
    .map((e) => `${e.action} ${e.actor} ${e.channel}`);

const posted = (mark: number): RecordedRequest[] => h.since(mark).filter((r) => r.method === 'POST' && r.path.includes('/activities'));
const idOf = (r: RecordedRequest): string => (r.answer?.body as { id: string }).id;

function cardIn(r: RecordedRequest | undefined): Card {
  const card = r ? cardOf(r) : undefined;
  if (!card) throw new Error('no card in the activity');
  return card;
}

const buttonsOf = (card: Card): string[] =>
  cardElements(card)
    .filter((e) => e.type === 'Action.Submit' && typeof (e.data as { action?: unknown } | undefined)?.action === 'string')
    .map((e) => {
      const d = e.data as { action: string; value: string };
      return `${d.action} ${d.value}`;
    });

/** Whom a proactive activity went to: the member of the conversation the bot created, or the 1:1 it knew. */
function recipientOf(r: RecordedRequest): string | undefined {
  if (!r.conversationId) return undefined;
  const created = h.connector.requests.find((c) => c.method === 'POST' && /^\/v3\/conversations\/?$/.test(c.path) && (c.answer?.body as { id?: string } | undefined)?.id === r.conversationId);
  const member = created ? ((created.body.members as { id: string }[] | undefined)?.[0]?.id ?? '') : '';
  const people = t.core.store.transaction((tx) => tx.organisation.listPeople());
  return people.find((p) => (member !== '' && p.teamsId === member) || personalConversation(p) === r.conversationId)?.email;
}

/** Sends what the core queued; the activities delivered, with their recipients. */
async function deliver(): Promise<{ to: string | undefined; summary: string; card: Card }[]> {
  const mark = h.connector.requests.length;
  await h.dispatcher.runOnce();
  return posted(mark).map((r) => ({ to: recipientOf(r), summary: String(r.body.summary ?? ''), card: cardIn(r) }));
}

/** `text` typed by `email`; the reply's card and its id. */
async function type(email: string, text: string): Promise<{ card: Card; cardId: string; summary: string }> {
  const mark = h.connector.requests.length;
  expect((await h.post(h.message(person(email), text))).status).toBe(200);
  const [reply] = posted(mark);
  if (!reply) throw new Error(`no reply to "${text}"`);
  return { card: cardIn(reply), cardId: idOf(reply), summary: String(reply.body.summary ?? '') };
}
const say = async (email: string, text: string): Promise<string> => (await type(email, text)).summary;

/** Submits a form card as `email`; the card that replaced it. */
async function submitCard(email: string, form: { card: Card; cardId: string }, values: Record<string, string>): Promise<Card> {
  const mark = h.connector.requests.length;
  expect((await h.post(h.submit(person(email), { ...submitDataOf(form.card), ...values }, form.cardId))).status).toBe(200);
  return cardIn(h.since(mark).find((r) => r.method === 'PUT'));
}

/** Ana records a minor against A.5.15 (owner Bo, action CA-2027-0001 due 15 February) on the finding card. */
async function recordNonconformity(): Promise<Card> {
  const form = await type(SEED.auditor, 'finding');
  const values = Object.fromEntries(Object.entries(validValues({ requirement: 'A.5.15', dueDate: '2027-02-15' })).map(([k, v]) => [k, String(v)]));
  expect(cardText(await submitCard(SEED.auditor, form, values))).toContain('CA-2027-0001');
  const [toOwner] = await deliver();
  if (!toOwner) throw new Error('the owner was not told');
  expect(toOwner.to).toBe(SEED.iamOwner);
  return toOwner.card;
}

describe('changing a finding on Teams', () => {
  it('amend: `finding amend` answers with the card of the finding; the owner is told what changed', async () => {
    await recordNonconformity();
    const form = await type(SEED.auditor, 'finding amend F-2027-0001');
    expect(cardElements(form.card).filter((e) => e.type.startsWith('Input.')).map((e) => e.id)).toEqual(['classification', 'requirement', 'statement', 'evidence', 'reason']);
    const current = { classification: 'minor', requirement: 'A.5.15', statement: String(validValues().statement), evidence: String(validValues().evidence) };
    // A requirement that does not exist comes back under its input; nothing changes.
    expect(cardErrors(await submitCard(SEED.auditor, form, { ...current, requirement: 'A.9.99' })).requirement).toMatch(/"A\.9\.99" is not a clause or control/);
    expect(finding()?.classification).toBe('minor');
    const done = await submitCard(SEED.auditor, form, { ...current, classification: 'major', reason: 'A third account was found active in the VPN logs.' });
    expect(cardText(done)).toContain('Finding F-2027-0001 is amended. The owner has been told.');
    expect(finding()).toMatchObject({ classification: 'major', status: 'open' });
    expect(trailOf('finding:F-2027-0001')).toEqual([`finding.recorded ${SEED.auditor} teams`, `finding.amended ${SEED.auditor} teams`]);

    const [told] = await deliver();
    expect(told?.to).toBe(SEED.iamOwner);
    expect(told?.summary).toBe('Ana Ruiz amended finding F-2027-0001 (classification).');
    expect(cardText(told?.card ?? {})).toContain('Classification: minor nonconformity → major nonconformity');
    expect(cardText(told?.card ?? {})).toContain('Reason: A third account was found active in the VPN logs.');

    // The owner is no auditor of the audit: refused, nothing changes.
    expect(await say(SEED.iamOwner, 'finding amend F-2027-0001 classification minor')).toMatch(/auditor/i);
    expect(finding()?.classification).toBe('major');
  });

  it('dispute: the owner disputes with a reason, the audit lead is told and upholds it; the owner is told why', async () => {
    await recordNonconformity();
    expect(await say(SEED.iamOwner, 'finding dispute F-2027-0001 Both contractors left on 3 January and were disabled that day.')).toMatch(/^Finding F-2027-0001 is disputed\./);
    expect(finding()).toMatchObject({ response: 'disputed', responseReason: 'Both contractors left on 3 January and were disabled that day.' });
    const [toLead] = await deliver();
    expect(toLead?.to).toBe(SEED.auditor);
    expect(toLead?.summary).toBe('Bo Berg disputes finding F-2027-0001. Please decide: uphold, amend or withdraw it.');
    expect(cardText(toLead?.card ?? {})).toContain('Their reason: Both contractors left on 3 January and were disabled that day.');

    expect(await say(SEED.auditor, 'finding uphold F-2027-0001 The export of 4 January shows both accounts active.')).toBe('Finding F-2027-0001 is upheld: it stands as recorded. The owner has been told.');
    expect(finding()).toMatchObject({ response: 'upheld', decisionReason: 'The export of 4 January shows both accounts active.', status: 'open' });
    const [toOwner] = await deliver();
    expect(toOwner?.to).toBe(SEED.iamOwner);
    expect(toOwner?.summary).toBe('Ana Ruiz upheld finding F-2027-0001: it stands as recorded.');
    expect(cardText(toOwner?.card ?? {})).toContain('Reason: The export of 4 January shows both accounts active.');
    expect(trailOf('finding:F-2027-0001').slice(1)).toEqual([`finding.disputed ${SEED.iamOwner} teams`, `finding.dispute_upheld ${SEED.auditor} teams`]);
  });

  it('dispute: the lead withdraws the disputed finding with the reason; the owner is told', async () => {
    await recordNonconformity();
    await say(SEED.iamOwner, 'finding dispute F-2027-0001 The accounts are service accounts, not people.');
    await deliver();
    expect(await say(SEED.auditor, 'finding withdraw F-2027-0001 They are service accounts with owners on record.')).toBe(
      'Finding F-2027-0001 is withdrawn. Its corrective action CA-2027-0001 is withdrawn with it. The owner has been told.',
    );
    expect(finding()).toMatchObject({ status: 'withdrawn', statusReason: 'They are service accounts with owners on record.' });
    expect(action()?.status).toBe('withdrawn');
    const [toOwner] = await deliver();
    expect(toOwner?.to).toBe(SEED.iamOwner);
    expect(toOwner?.summary).toBe('Ana Ruiz withdrew finding F-2027-0001. Nothing more is needed from you on it.');
    expect(buttonsOf(toOwner?.card ?? {})).toEqual([]);
  });

  it('extension: requested with the button, nothing changes until the lead approves with another date; a second request waits', async () => {
    const ownerCard = await recordNonconformity();
    expect(buttonsOf(ownerCard)).toContain('action.extend CA-2027-0001');
    const mark = h.connector.requests.length;
    expect((await h.post(h.submit(person(SEED.iamOwner), { action: 'action.extend', value: 'CA-2027-0001' }))).status).toBe(200);
    const [formReply] = posted(mark);
    const form = { card: cardIn(formReply), cardId: idOf(formReply as RecordedRequest) };
    expect(cardErrors(await submitCard(SEED.iamOwner, form, { due: '2027-02-01', reason: 'Earlier?' })).due).toMatch(/\S/);
    const asked = await submitCard(SEED.iamOwner, form, { due: '2027-03-31', reason: 'The identity provider migration freezes changes until March.' });
    expect(cardText(asked)).toMatch(/Your request to move CA-2027-0001 to Wednesday 31 March 2027 is with .+ for approval\. Until a lead approves it, CA-2027-0001 stays due Monday 15 February 2027\./);
    expect(action()?.due).toBe('2027-02-15');

    const toLeads = await deliver();
    const toLena = toLeads.find((d) => d.to === SEED.lead);
    expect(toLena?.summary).toBe('Bo Berg asks to move the due date of CA-2027-0001 from Monday 15 February 2027 to Wednesday 31 March 2027. Please approve or refuse.');
    expect(cardText(toLena?.card ?? {})).toContain('Reason: The identity provider migration freezes changes until March.');

    expect(await say(SEED.iamOwner, 'action extend CA-2027-0001 2027-04-30 Even later, to be safe.')).toMatch(/already|waiting|pending/i);
    expect(t.core.store.transaction((tx) => tx.actions.pendingExtensionRequest('CA-2027-0001'))?.due).toBe('2027-03-31');
    expect(await say(SEED.iamOwner, 'action extension approve CA-2027-0001')).toMatch(/lead/i);
    expect(action()?.due).toBe('2027-02-15');

    expect(await say(SEED.lead, 'action extension approve CA-2027-0001 2027-03-26 Please keep the freeze exception short.')).toBe('Approved: CA-2027-0001 is now due Friday 26 March 2027. The owner has been told.');
    expect(action()?.due).toBe('2027-03-26');
    const [toOwner] = await deliver();
    expect(toOwner?.to).toBe(SEED.iamOwner);
    expect(toOwner?.summary).toBe('Lena Lund approved your request: corrective action CA-2027-0001 is now due Friday 26 March 2027. Please keep the freeze exception short.');
    expect(buttonsOf(toOwner?.card ?? {})).toContain('action.extend CA-2027-0001');
    expect(trailOf('action:CA-2027-0001').slice(1)).toEqual([`action.extension_requested ${SEED.iamOwner} teams`, `action.extended ${SEED.lead} teams`, `action.extension_decided ${SEED.lead} teams`]);
  });

  it('extension: the lead refuses with a reason; the due date stays and the owner is told why', async () => {
    await recordNonconformity();
    expect(await say(SEED.iamOwner, 'action extend CA-2027-0001 2027-03-31 The migration freezes changes.')).toMatch(/^Your request to move CA-2027-0001 to Wednesday 31 March 2027/);
    await deliver();
    expect(await say(SEED.lead, 'action extension refuse CA-2027-0001 Disabling two accounts needs no change window.')).toBe('Refused: CA-2027-0001 stays due Monday 15 February 2027. The owner has been told why.');
    expect(action()?.due).toBe('2027-02-15');
    const [toOwner] = await deliver();
    expect(toOwner?.to).toBe(SEED.iamOwner);
    expect(toOwner?.summary).toBe('Lena Lund refused your request to move CA-2027-0001 to Wednesday 31 March 2027; it stays due Monday 15 February 2027. Reason: Disabling two accounts needs no change window.');
  });
});
