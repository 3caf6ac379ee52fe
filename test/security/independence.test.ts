// Issue 11, point 5: independence. Evidence owners and finding owners are never auditors of
// that audit; nobody accepts evidence they submitted; a form submission carries values only for
// the fields the form offered, and the form and its context stay on the server (Slack modals and
// Teams cards carry only an opaque form instance id), so nothing the client sends can change
// them. Shown through the chat surface and end to end through signed Slack requests and Teams
// activities, each with the store unchanged by the refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { runChatText } from '../helpers/chat.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { ChatContext } from '../../src/chat/types.js';
import { isAuditbotError, type AuditbotError } from '../../src/core/errors.js';
import { recordFinding } from '../../src/core/findings/record-finding.js';
import type { TestCore } from '../helpers/core.js';
import type { Harness } from '../slack/harness.js';
import { cardElements, cardText, submitDataOf } from '../teams/harness.js';
import { actorRecord, coreFrom, dumpTables, fixtureImage, IDS, WHO, type Role } from './org.js';
import { slackId, slackOn, slackSubmit, stateFor, teamsOn, type TeamsOn } from './platforms.js';

const chatAs = (t: TestCore, role: Role): ChatContext => ({ core: t.core, actor: actorRecord(t, role), channel: 'console', platform: 'console' });

const summary = async (t: TestCore, role: Role, text: string): Promise<string> => {
  const reply = await runChatText(chatAs(t, role), text);
  return reply.kind === 'message' ? reply.message.summary : `the form ${reply.kind === 'form' ? reply.form.id : ''}`;
};

/** Presses a button through its chat handler: the answer, or the refusal the handler raised. */
const pressed = async (t: TestCore, role: Role, actionId: string, value: string): Promise<string> => {
  try {
    const reply = await defaultRegistry.button(actionId)?.run(chatAs(t, role), value);
    return reply?.kind === 'message' ? reply.message.summary : `the form ${reply?.kind === 'form' ? reply.form.id : ''}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

const refusal = (fn: () => unknown): AuditbotError => {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

/** Bo's evidence request for A.5.15 in the IAM audit, whose lead auditor is Ana. */
const BOS_REQUEST = 1;

describe('evidence never comes from, nor is accepted by, someone not independent of it', () => {
  it('refuses an auditor who passes an evidence request of their own audit to themselves, submits it and has it accepted', async () => {
    const t = coreFrom(fixtureImage('base'));
    // A second auditor on the IAM audit, independent of it: the co-auditor who would accept.
    t.core.store.transaction((tx) => tx.programme.setAssignment({ auditId: IDS.audit, email: WHO.employee, role: 'second', rationale: { source: 'manual', chosenBecause: [], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 }, assignedAt: '2027-01-04T09:00:00.000Z' }));
    const before = dumpTables(t.db);
    expect(await summary(t, 'auditor', `evidence reassign ${BOS_REQUEST} ${WHO.auditor}`)).toBe(
      'Ana Ruiz audits IA-2027-01, so cannot provide its evidence: evidence comes from people independent of the audit. Choose the person responsible for A.5.15.',
    );
    await summary(t, 'auditor', `submit ${BOS_REQUEST} https://wiki.acme.example/my-own-review`);
    await summary(t, 'employee', `evidence review ${BOS_REQUEST} accept`);
    expect(dumpTables(t.db)).toEqual(before);
    expect(t.core.store.transaction((tx) => tx.evidence.get(BOS_REQUEST))).toMatchObject({ owner: WHO.areaOwner, status: 'requested', acceptedBy: null });
  });

  it('does not take evidence from an auditor of the audit, even when a request ended up with them before this rule', async () => {
    const t = coreFrom(fixtureImage('base'));
    t.core.store.transaction((tx) => tx.evidence.update(BOS_REQUEST, { owner: WHO.auditor }));
    const before = dumpTables(t.db);
    const says = 'You audit IA-2027-01, so you cannot provide its evidence: evidence comes from people independent of the audit. Ask an audit lead to pass #1 to the person responsible for A.5.15.';
    expect(await summary(t, 'auditor', `submit ${BOS_REQUEST} https://wiki.acme.example/my-own-review`)).toBe(says);
    // The Submit button answers the same instead of opening the form.
    expect(await pressed(t, 'auditor', 'evidence.submit', String(BOS_REQUEST))).toBe(says);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('does not let anyone accept evidence they submitted, even once the request has passed to someone else', async () => {
    const t = coreFrom(fixtureImage('base'));
    expect(await summary(t, 'areaOwner', `submit ${BOS_REQUEST} https://wiki.acme.example/access-review`)).toMatch(/^Thank you/);
    // Records from before this rule: Bo on the audit as its second auditor, his request now with Dee.
    t.core.store.transaction((tx) => {
      tx.programme.setAssignment({ auditId: IDS.audit, email: WHO.areaOwner, role: 'second', rationale: { source: 'manual', chosenBecause: [], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 }, assignedAt: '2027-01-04T09:00:00.000Z' });
      tx.evidence.update(BOS_REQUEST, { owner: WHO.actionOwner });
    });
    const before = dumpTables(t.db);
    for (const text of [`evidence review ${BOS_REQUEST} accept`, `evidence review ${BOS_REQUEST} more Show more`]) {
      expect(await summary(t, 'areaOwner', text)).toBe('You submitted evidence for #1, so you cannot review it: another auditor of IA-2027-01, or an audit lead, reviews it.');
    }
    for (const button of ['evidence.accept', 'evidence.more']) {
      expect(await pressed(t, 'areaOwner', button, String(BOS_REQUEST))).toBe('You submitted evidence for #1, so you cannot review it: another auditor of IA-2027-01, or an audit lead, reviews it.');
    }
    expect(t.core.store.transaction((tx) => tx.evidence.get(BOS_REQUEST))?.status).toBe('submitted');
    expect(dumpTables(t.db)).toEqual(before);
    // The other auditor may.
    expect(await summary(t, 'auditor', `evidence review ${BOS_REQUEST} accept`)).toMatch(/^Accepted: #1/);
  });
});

describe('a finding is never owned by an auditor of its audit', () => {
  const finding = { auditId: IDS.audit, classification: 'minor', requirement: 'A.5.15', statement: 'Leavers keep access.', evidence: 'HR leavers list vs IdP export.' };

  it('refuses an auditor naming themselves, or a fellow auditor, owner of a nonconformity they raise; and a lead naming themselves', () => {
    const t = coreFrom(fixtureImage('base'));
    t.core.store.transaction((tx) => tx.programme.setAssignment({ auditId: IDS.audit, email: WHO.otherAuditor, role: 'second', rationale: { source: 'manual', chosenBecause: [], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 }, assignedAt: '2027-01-04T09:00:00.000Z' }));
    const before = dumpTables(t.db);
    const self = refusal(() => recordFinding(t.core, { email: WHO.auditor, channel: 'console' }, { ...finding, owner: WHO.auditor }, 'self'));
    expect(self.fields.owner).toMatch(/^You are raising this finding, so you cannot also own it/);
    const fellow = refusal(() => recordFinding(t.core, { email: WHO.auditor, channel: 'console' }, { ...finding, owner: WHO.otherAuditor }, 'fellow'));
    expect(fellow.fields.owner).toMatch(/^Carl Chen \(carl@acme\.example\) audits IA-2027-01, so cannot own a finding of it/);
    const lead = refusal(() => recordFinding(t.core, { email: WHO.lead, channel: 'console' }, { ...finding, owner: WHO.lead }, 'lead'));
    expect(lead.fields.owner).toMatch(/^You are raising this finding/);
    expect(dumpTables(t.db)).toEqual(before);
    // Someone independent may be named.
    expect(recordFinding(t.core, { email: WHO.auditor, channel: 'console' }, { ...finding, owner: WHO.ownerManager }, 'ok').story.finding.owner).toBe(WHO.ownerManager);
  });

  it('asks for another owner when the owner of the control audits the audit (an independence exception)', () => {
    const t = coreFrom(fixtureImage('base'));
    t.core.store.transaction((tx) => tx.programme.setAssignment({ auditId: IDS.audit, email: WHO.areaOwner, role: 'second', rationale: { source: 'manual', chosenBecause: [], independence: [], loadBefore: 0, external: false, excluded: [], otherEligible: 0, withoutAuditorRole: 0 }, assignedAt: '2027-01-04T09:00:00.000Z' }));
    const e = refusal(() => recordFinding(t.core, { email: WHO.auditor, channel: 'console' }, finding, 'default'));
    expect(e.fields.owner).toBe(
      'The owner of A.5.15 in Identity and access management, Bo Berg (bo@acme.example), audits IA-2027-01, so cannot own a finding of it: the owner answers for it and an auditor stays independent. Choose who else is responsible for it.',
    );
  });
});

/** What any Slack request may change: which platform the person used last. */
const SLACK_TOUCHES = { columns: { people: ['last_platform'] } };

describe('Slack: a submitted modal answers only what the form offered, as shown to that person', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const ENTERED = { auditId: IDS.audit, classification: 'minor', requirement: 'A.5.15', statement: 'Leavers keep access.', evidence: 'HR leavers list vs IdP export.' };

  async function openFinding(harness: Harness, role: Role = 'auditor') {
    harness.fake.reset();
    await harness.command('/finding', '', slackId(harness, role));
    return harness.fake.waitForMethod('views.open');
  }

  const findings = (harness: Harness) => harness.core.store.transaction((tx) => tx.findings.list());

  it('refuses a view state with a field the form never had (the area of the finding), and stores nothing', async () => {
    h = await slackOn();
    const opened = await openFinding(h);
    const state = { ...stateFor(opened, { ...ENTERED, owner: 'fay@acme.example' }), area: { value: { type: 'plain_text_input', value: 'suppliers' } } };
    const before = dumpTables(h.db, SLACK_TOUCHES);
    const ack = await slackSubmit(h, opened, slackId(h, 'auditor'), state);
    expect(ack?.response_action).toBe('errors');
    expect(Object.values(ack?.errors ?? {}).join(' ')).toMatch(/This form has no field "area", so nothing was saved/);
    expect(dumpTables(h.db, SLACK_TOUCHES)).toEqual(before);
    expect(findings(h).map((f) => f.area)).toEqual(['iam', 'iam']);
  });

  it('refuses an auditor naming themselves owner in the modal', async () => {
    h = await slackOn();
    const opened = await openFinding(h);
    const before = dumpTables(h.db, SLACK_TOUCHES);
    const ack = await slackSubmit(h, opened, slackId(h, 'auditor'), stateFor(opened, { ...ENTERED, owner: WHO.auditor }));
    expect(ack?.errors?.owner).toMatch(/^You are raising this finding, so you cannot also own it/);
    expect(dumpTables(h.db, SLACK_TOUCHES)).toEqual(before);
  });

  it('refuses a modal shown to someone else, and one that has expired', async () => {
    h = await slackOn();
    const opened = await openFinding(h);
    const before = dumpTables(h.db, SLACK_TOUCHES);
    // Lena may record findings on the audit, but this modal was shown to Ana.
    const other = await slackSubmit(h, opened, slackId(h, 'lead'), stateFor(opened, ENTERED));
    expect(Object.values(other?.errors ?? {}).join(' ')).toMatch(/^I cannot find this form among those I showed you/);
    h.clock.set('2027-01-05T10:00:01Z');
    const late = await slackSubmit(h, opened, slackId(h, 'auditor'), stateFor(opened, ENTERED));
    expect(Object.values(late?.errors ?? {}).join(' ')).toMatch(/^This form was opened more than a day ago and has expired/);
    expect(dumpTables(h.db, SLACK_TOUCHES)).toEqual(before);
  });

  it('carries only the form instance id in the modal: no form id, no context', async () => {
    h = await slackOn();
    const opened = await openFinding(h);
    expect((opened.body.view as { private_metadata: string }).private_metadata).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('Teams: a form card carries only an opaque instance id; what it offered stays on the server', () => {
  let t: TeamsOn | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const ENTERED = { auditId: IDS.audit, classification: 'minor', requirement: 'A.5.15', statement: 'Leavers keep access.', evidence: 'HR leavers list vs IdP export.', confirmOutOfScope: 'false' };

  it('puts nothing but the instance id in the submit data', async () => {
    t = await teamsOn();
    const { card } = await t.say('auditor', 'finding');
    const data = submitDataOf(card);
    expect(Object.keys(data)).toEqual(['auditbot']);
    expect(Object.keys(data.auditbot as object)).toEqual(['instance']);
    expect((data.auditbot as { instance: string }).instance).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a crafted card that adds a field (the area) and changes the form it carries, and stores nothing', async () => {
    t = await teamsOn();
    const { card, cardId } = await t.say('auditor', 'finding');
    const data = submitDataOf(card) as { auditbot: Record<string, unknown> };
    // Whatever the card carried, the client adds a field of its own to it and fills it in.
    const carried = data.auditbot.form as { fields: { id: string; type: string }[]; context?: Record<string, string> } | undefined;
    const forged = { auditbot: { ...data.auditbot, ...(carried ? { form: { ...carried, fields: [...carried.fields, { id: 'area', type: 'text', label: 'Area', required: false }], context: { area: 'suppliers' } } } : {}) } };
    await t.say('auditor', 'help');
    const before = dumpTables(t.db, { tables: ['conversation_refs'] });
    const answer = await t.submit('auditor', { ...ENTERED, owner: 'fay@acme.example', area: 'suppliers', ...forged }, cardId);
    expect(cardText(answer)).toMatch(/This form has no field "area", so nothing was saved/);
    expect(dumpTables(t.db, { tables: ['conversation_refs'] })).toEqual(before);
    expect(t.core.store.transaction((tx) => tx.findings.list()).map((f) => f.area)).toEqual(['iam', 'iam']);
  });

  it('refuses a card shown to someone else', async () => {
    t = await teamsOn('implemented');
    const { card, cardId } = await t.say('auditor', `action verify ${IDS.action}`);
    await t.say('lead', 'help');
    const before = dumpTables(t.db, { tables: ['conversation_refs'] });
    const answer = await t.submit('lead', { ...submitDataOf(card), effective: 'yes', reason: 'Looks fine.', due: '' }, cardId);
    expect(cardText(answer)).toMatch(/^I cannot find this form among those I showed you/);
    expect(cardElements(answer).some((e) => e.type.startsWith('Input.'))).toBe(false);
    expect(dumpTables(t.db, { tables: ['conversation_refs'] })).toEqual(before);
  });
});
