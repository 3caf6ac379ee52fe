// `/finding` end to end through the real Bolt receiver: signed requests in, the fake Slack Web
// API recording what the bot sent, the core on SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFindings } from '../../src/core/findings/list-findings.js';
import { SEED } from '../helpers/seed.js';
import type { RecordedCall } from './fake-slack.js';
import { findingState, startHarness, SLACK_IDS, VALID_FINDING, viewSubmission, type FindingEntry, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

/** Everything that could change when a finding is recorded. */
function snapshot(t: Harness) {
  return t.core.store.transaction((tx) => ({
    findings: tx.findings.list(),
    trail: tx.trail.list().length,
    outbox: tx.outbox.list().length,
  }));
}

async function openModal(user: string = SLACK_IDS.auditor, text = ''): Promise<RecordedCall> {
  const res = await h.command('/finding', text, user);
  expect(res.status).toBe(200);
  return h.fake.waitForMethod('views.open');
}

async function submit(opened: RecordedCall, entry: FindingEntry, user: string = SLACK_IDS.auditor, ids: { id?: string; hash?: string } = {}) {
  const res = await h.poster.interaction(viewSubmission(opened, user, findingState(entry), ids));
  expect(res.status).toBe(200);
  return { res, ack: res.text === '' ? null : (JSON.parse(res.text) as { response_action?: string; errors?: Record<string, string>; view?: unknown }) };
}

const textOf = (call: RecordedCall): string => JSON.stringify(call.body);

describe('/finding', () => {
  it('opens the modal with the trigger, the typed text in the statement and the actor\'s audits', async () => {
    const res = await h.command('/finding', 'Admin accounts without MFA', SLACK_IDS.auditor);
    expect(res.status).toBe(200);
    const open = h.fake.callsOf('views.open');
    expect(open).toHaveLength(1);
    const body = open[0]?.body as { trigger_id: string; view: { callback_id: string; blocks: { block_id?: string; element?: Record<string, unknown> }[] } };
    expect(body.trigger_id).toMatch(/^1337\.42\./);
    expect(body.view.callback_id).toBe('auditbot.form');
    const byId = new Map(body.view.blocks.map((b) => [b.block_id, b.element]));
    expect(byId.get('statement')?.initial_value).toBe('Admin accounts without MFA');
    expect((byId.get('auditId')?.options as { value: string }[]).map((o) => o.value)).toEqual([SEED.audits.iam]);
    expect(byId.get('requirement')?.type).toBe('external_select');
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['auditId', 'classification', 'requirement', 'confirmOutOfScope', 'statement', 'evidence', 'owner', 'dueDate']));
  });

  it('tells someone with no audit in progress so, ephemerally, without opening a modal', async () => {
    await h.command('/finding', 'I saw something', SLACK_IDS.iamOwner);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toMatch(/no audit in progress/);
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
  });

  it('records a valid submission: finding, trail event, owner DM through the dispatcher, confirmation to the auditor', async () => {
    const opened = await openModal();
    const { ack } = await submit(opened, VALID_FINDING);
    expect(ack).toBeNull(); // an empty ack closes the modal

    const findings = listFindings(h.core);
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toMatchObject({ id: 'F-2027-0001', auditId: SEED.audits.iam, classification: 'minor', requirement: 'A.5.15', owner: SEED.iamOwner, raisedBy: SEED.auditor });
    const trail = h.core.store.transaction((tx) => tx.trail.list({ subject: 'finding:F-2027-0001' }));
    expect(trail.map((e) => [e.action, e.channel])).toEqual([['finding.recorded', 'slack']]);

    const confirmation = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.auditor}`);
    expect(String(confirmation.body.text)).toContain('F-2027-0001');

    const counts = await h.dispatcher.runOnce();
    expect(counts).toEqual({ delivered: 1, failed: 0, dead: 0 });
    const ownerDm = h.fake.callsOf('chat.postMessage').find((c) => c.body.channel === `D${SLACK_IDS.iamOwner}`);
    expect(ownerDm).toBeDefined();
    expect(textOf(ownerDm as RecordedCall)).toContain('F-2027-0001');
    expect(h.core.store.transaction((tx) => tx.outbox.list()).map((r) => r.status)).toEqual(['delivered']);
  });

  it('refreshes the App Home of the auditor after recording, and of the owner when told', async () => {
    const opened = await openModal();
    await submit(opened, VALID_FINDING);
    const mine = await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === SLACK_IDS.auditor);
    expect(textOf(mine)).toContain('F-2027-0001');
    await h.dispatcher.runOnce();
    const owners = await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === SLACK_IDS.iamOwner);
    expect(textOf(owners)).toContain('F-2027-0001');
  });

  const badInputs: { name: string; user?: string; entry: FindingEntry; field: string; says: RegExp }[] = [
    { name: 'no classification', entry: { ...VALID_FINDING, classification: undefined }, field: 'classification', says: /classification/i },
    { name: 'an unknown requirement', entry: { ...VALID_FINDING, requirement: 'A.9.99' }, field: 'requirement', says: /not a clause or control/ },
    { name: 'a requirement outside the scope without the confirmation', entry: { ...VALID_FINDING, requirement: 'A.5.19' }, field: 'requirement', says: /outside the scope/ },
    { name: 'a control excluded in the Statement of Applicability', entry: { ...VALID_FINDING, requirement: 'A.7.5' }, field: 'requirement', says: /excluded/ },
    { name: 'a statement over 3,000 characters', entry: { ...VALID_FINDING, statement: 'x'.repeat(3001) }, field: 'statement', says: /3,000/ },
    { name: 'an empty statement', entry: { ...VALID_FINDING, statement: '   ' }, field: 'statement', says: /statement/i },
    { name: 'no evidence', entry: { ...VALID_FINDING, evidence: undefined }, field: 'evidence', says: /evidence/i },
    // Audits the modal never offered (its list holds the actor's audits in progress): the view state was forged.
    { name: 'an audit not in progress', user: SLACK_IDS.otherAuditor, entry: { ...VALID_FINDING, auditId: SEED.audits.suppliersPlanned, requirement: 'A.5.19' }, field: 'auditId', says: /not one of the choices this form offered/ },
    { name: 'an audit the actor is not assigned to', entry: { ...VALID_FINDING, auditId: SEED.audits.isms, requirement: '9.2' }, field: 'auditId', says: /not one of the choices this form offered/ },
    { name: 'a due date in the past', entry: { ...VALID_FINDING, dueDate: '2027-01-01' }, field: 'dueDate', says: /in the past/ },
    { name: 'a due date on an observation', entry: { ...VALID_FINDING, classification: 'observation' }, field: 'dueDate', says: /nonconformity/ },
    { name: 'an owner who has left', entry: { ...VALID_FINDING, owner: SEED.leaver }, field: 'owner', says: /active/ },
  ];

  it.each(badInputs)('answers $name with a field error in the modal and stores nothing', async ({ user, entry, field, says }) => {
    const actor = user ?? SLACK_IDS.auditor;
    const opened = await openModal(actor);
    const before = snapshot(h);
    const { ack } = await submit(opened, entry, actor);
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {})).toContain(field);
    expect(ack?.errors?.[field]).toMatch(says);
    // Every key is the block id of an input of the modal, so Slack shows it beside that input.
    const inputs = ((opened.body.view as { blocks: { type: string; block_id: string }[] }).blocks ?? []).filter((b) => b.type === 'input').map((b) => b.block_id);
    for (const key of Object.keys(ack?.errors ?? {})) expect(inputs).toContain(key);
    expect(snapshot(h)).toEqual(before);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('records the same view submission delivered twice once', async () => {
    const opened = await openModal();
    const ids = { id: 'V0TWICE', hash: '1700000001.twice' };
    await submit(opened, VALID_FINDING, SLACK_IDS.auditor, ids);
    await submit(opened, VALID_FINDING, SLACK_IDS.auditor, ids);
    // And a third time concurrently with a fourth (a double click racing a Slack retry).
    await Promise.all([submit(opened, VALID_FINDING, SLACK_IDS.auditor, ids), submit(opened, VALID_FINDING, SLACK_IDS.auditor, ids)]);
    expect(listFindings(h.core)).toHaveLength(1);
    expect(h.core.store.transaction((tx) => tx.outbox.list())).toHaveLength(1);
    expect(h.core.store.transaction((tx) => tx.trail.list({ subject: 'finding:F-2027-0001' }))).toHaveLength(1);
    // A corrected resubmission of another modal is a new finding.
    await submit(opened, VALID_FINDING, SLACK_IDS.auditor, { id: 'V0OTHER', hash: '1700000002.other' });
    expect(listFindings(h.core)).toHaveLength(2);
  });

  it('shows mentions and links people typed literally in every message and view the bot sends', async () => {
    const hostile = 'Ping <!channel> and <@U0123> and <!subteam^S1>, see <https://x.example|click> & more';
    const opened = await openModal(SLACK_IDS.auditor, 'Ping &lt;!channel&gt; and &lt;@U0123&gt; and &lt;!subteam^S1&gt;, see &lt;https://x.example|click&gt; &amp; more');
    // Slack sends typed text with entities; the core gets what was typed.
    const statementInput = (opened.body.view as { blocks: { block_id?: string; element?: { initial_value?: string } }[] }).blocks.find((b) => b.block_id === 'statement');
    expect(statementInput?.element?.initial_value).toBe(hostile);

    // A field error that quotes the input, then the recorded finding with its messages.
    const bad = await submit(opened, { ...VALID_FINDING, requirement: '<!channel>' });
    expect(bad.ack?.errors?.requirement).toContain('&lt;!channel&gt;');
    await submit(opened, { ...VALID_FINDING, statement: hostile, evidence: `Evidence: ${hostile}` });
    expect(listFindings(h.core)[0]?.statement).toBe(hostile);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.auditor}`);
    await h.dispatcher.runOnce();
    await h.poster.event(homeOpened(SLACK_IDS.iamOwner));
    await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === SLACK_IDS.iamOwner);

    const sent = h.fake.calls.filter((c) => /^(chat\.|views\.)/.test(c.method) || c.method === 'response_url');
    expect(sent.map((c) => c.method)).toEqual(expect.arrayContaining(['views.open', 'chat.postMessage', 'views.publish']));
    const ownerDm = sent.find((c) => c.method === 'chat.postMessage' && c.body.channel === `D${SLACK_IDS.iamOwner}`) as RecordedCall;
    expect(JSON.stringify(ownerDm.body)).toContain('&lt;!channel&gt; and &lt;@U0123&gt; and &lt;!subteam^S1&gt;, see &lt;https://x.example|click&gt; &amp; more');
    const raw = ['<!channel>', '<@U0123>', '<!subteam^S1>', '<https://x.example|click>'];
    for (const call of sent) {
      for (const { path, value } of strings(call.body)) {
        // An input's initial value is what the person typed, shown in an editable box: never parsed.
        if (path.endsWith('.initial_value')) continue;
        for (const r of raw) expect(value, `${call.method} ${path}`).not.toContain(r);
      }
    }
  });
});

describe('identity', () => {
  it('finds an unknown Slack user by the e-mail users.info gives, and stores the id and time zone', async () => {
    h.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.auditor, { slackId: null }));
    h.fake.addUser({ id: 'U0NEWANA', email: 'Ana@Acme.example', tz: 'Europe/Madrid' });
    await openModal('U0NEWANA');
    expect(h.fake.callsOf('users.info').map((c) => c.body.user)).toEqual(['U0NEWANA']);
    const ana = h.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor));
    expect(ana).toMatchObject({ slackId: 'U0NEWANA', timezone: 'Europe/Madrid', lastPlatform: 'slack' });
    expect(h.core.store.transaction((tx) => tx.trail.list({ subject: `person:${SEED.auditor}` })).map((e) => e.action)).toEqual(['person.chat_contact_learnt']);
    // Next time the stored id is enough.
    h.fake.reset();
    await openModal('U0NEWANA');
    expect(h.fake.callsOf('users.info')).toHaveLength(0);
  });

  it('tells someone outside the organisation who can add them, and does nothing else', async () => {
    h.fake.addUser({ id: 'U0STRANGER', email: 'zed@elsewhere.example', tz: 'UTC' });
    h.fake.reset();
    const before = snapshot(h);
    const people = h.core.store.transaction((tx) => tx.organisation.listPeople({ includeInactive: true }));
    const res = await h.command('/finding', 'let me in', 'U0STRANGER');
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toContain('Lena Lund');
    expect(String(answer.body.text)).toMatch(/not in it/);
    expect(h.fake.calls.map((c) => c.method).sort()).toEqual(['response_url', 'users.info']);
    expect(snapshot(h)).toEqual(before);
    expect(h.core.store.transaction((tx) => tx.organisation.listPeople({ includeInactive: true }))).toEqual(people);
  });

  it('treats someone who has left as outside the organisation', async () => {
    await h.command('/finding', '', SLACK_IDS.leaver);
    const answer = await h.fake.waitForMethod('response_url');
    expect(String(answer.body.text)).toContain('Lena Lund');
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
  });

  it('opens a loading modal when Slack is slow to say who the person is, then fills in the form', async () => {
    await h.close();
    h = await startHarness({ identityBudgetMs: 50 });
    h.core.store.transaction((tx) => tx.organisation.updatePersonContact(SEED.auditor, { slackId: null }));
    h.fake.addUser({ id: 'U0SLOWANA', email: SEED.auditor, tz: 'Europe/Madrid' });
    let release = () => {};
    h.fake.holdAnswers('users.info', new Promise<void>((r) => (release = r)));
    const pending = h.command('/finding', 'slow lookup', 'U0SLOWANA');
    const loading = await h.fake.waitForMethod('views.open');
    expect(JSON.stringify(loading.body.view)).toContain('Loading');
    release();
    await pending;
    const update = await h.fake.waitForMethod('views.update');
    const view = update.body.view as { callback_id: string; blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    expect(update.body.view_id).toMatch(/^V/);
    expect(view.callback_id).toBe('auditbot.form');
    expect(view.blocks.find((b) => b.block_id === 'statement')?.element?.initial_value).toBe('slow lookup');
  });
});

describe('error sink', () => {
  it('tells the person with a reference id and logs the same id when Slack refuses to open the modal', async () => {
    h.fake.failNext('views.open', { error: 'expired_trigger_id' });
    await h.command('/finding', '', SLACK_IDS.auditor);
    const answer = await h.fake.waitForMethod('response_url');
    expect(answer.body.response_type).toBe('ephemeral');
    const reference = /ERR-[A-Z2-9]{8}/.exec(String(answer.body.text))?.[0];
    expect(reference).toBeDefined();
    const logged = h.logs.find((l) => l.reference === reference);
    expect(logged).toMatchObject({ level: 50, code: 'slack_api_failed', where: '/finding' });
  });

  it('answers a view submission that fails unexpectedly with an error view carrying the reference', async () => {
    const opened = await openModal();
    // Metadata the adapter cannot read: a payload_invalid failure inside the listener.
    const payload = viewSubmission(opened, SLACK_IDS.auditor, findingState(VALID_FINDING));
    (payload.view as Record<string, unknown>).private_metadata = 'not json';
    const res = await h.poster.interaction(payload);
    const ack = JSON.parse(res.text) as { response_action: string; view: unknown };
    expect(ack.response_action).toBe('update');
    const reference = /ERR-[A-Z2-9]{8}/.exec(JSON.stringify(ack.view))?.[0];
    expect(h.logs.find((l) => l.reference === reference)).toMatchObject({ code: 'payload_invalid' });
    expect(listFindings(h.core)).toHaveLength(0);
  });
});

describe('requirement and person pickers', () => {
  const suggestion = (actionId: string, value: string, user: string = SLACK_IDS.auditor) => ({
    type: 'block_suggestion',
    user: { id: user },
    team: { id: 'T0ACME' },
    api_app_id: 'A0AUDITBOT',
    token: 'deprecated-verification-token',
    action_id: actionId,
    block_id: actionId === 'search.person' ? 'owner' : 'requirement',
    value,
    view: { id: 'V0FINDING01', type: 'modal', callback_id: 'auditbot.form' },
  });

  it('searches the catalogue by control number and by words', async () => {
    const byId = JSON.parse((await h.poster.interaction(suggestion('search.requirement', 'a.5.1'))).text) as { options: { value: string; text: { text: string } }[] };
    expect(byId.options.map((o) => o.value)).toEqual(expect.arrayContaining(['A.5.1', 'A.5.15']));
    expect(byId.options.every((o) => o.value.startsWith('A.5.1'))).toBe(true);
    const byWords = JSON.parse((await h.poster.interaction(suggestion('search.requirement', 'internal audit'))).text) as { options: { value: string }[] };
    expect(byWords.options.map((o) => o.value)).toContain('9.2');
    for (const o of byId.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
  });

  it('searches people for the organisation only', async () => {
    const found = JSON.parse((await h.poster.interaction(suggestion('search.person', 'bo'))).text) as { options: { value: string }[] };
    expect(found.options.map((o) => o.value)).toEqual([SEED.iamOwner]);
    h.fake.addUser({ id: 'U0STRANGER', email: 'zed@elsewhere.example' });
    const none = JSON.parse((await h.poster.interaction(suggestion('search.person', 'bo', 'U0STRANGER'))).text) as { options: unknown[] };
    expect(none.options).toEqual([]);
  });
});

export function homeOpened(user: string): Record<string, unknown> {
  return {
    type: 'event_callback',
    token: 'deprecated-verification-token',
    team_id: 'T0ACME',
    api_app_id: 'A0AUDITBOT',
    event_id: `Ev${Math.random().toString(16).slice(2)}`,
    event_time: 1_700_000_000,
    event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1700000000.000100' },
  };
}

/** Every string in a JSON value with its path, e.g. `view.blocks.3.element.initial_value`. */
function strings(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}
