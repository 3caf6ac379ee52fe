// The corrective-action lifecycle through the core and the chat surface: opened with the
// nonconformity in one transaction, default and proposed due dates, the owner's and the
// verifier's messages and buttons, forms with field errors, "not effective" back to planned,
// extensions with reasons, repeated minors flagged once, and OFIs opened by choice.
import { describe, expect, it } from 'vitest';
import { pressButton, runChatText, submitForm } from '../../helpers/chat.js';
import type { ChatContext, Reply } from '../../../src/chat/types.js';
import { planActionForm } from '../../../src/core/corrective-actions/action-forms.js';
import { listOpenActionsFor } from '../../../src/core/corrective-actions/list-actions.js';
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import { requestExtension } from '../../../src/core/corrective-actions/request-extension.js';
import { decideExtension } from '../../../src/core/corrective-actions/decide-extension.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { confirmationMessage } from '../../../src/core/findings/finding-messages.js';
import { recordFinding } from '../../../src/core/findings/record-finding.js';
import type { Button, Message } from '../../../src/core/message.js';
import { verifyTrail } from '../../../src/core/trail/verify-trail.js';
import { findings as findingsTable } from '../../../db/schema.js';
import type { TestCore } from '../../helpers/core.js';
import { SEED } from '../../helpers/seed.js';
import { actionIn, as, getAction, PLAN, recordNonconformity, setupActions, TEAM_LEAD } from './fixture.js';

function chat(t: TestCore, email: string): ChatContext {
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core: t.core, actor, channel: 'console', platform: 'console' };
}

const outbox = (t: TestCore) => t.core.store.transaction((tx) => tx.outbox.list());
const trailOf = (t: TestCore, id: string) => t.core.store.transaction((tx) => tx.trail.list({ subject: `action:${id}` }));
const buttons = (m: Message | undefined): string[] => (m?.blocks ?? []).flatMap((b) => (b.type === 'buttons' ? b.buttons.map((a: Button) => `${a.label} → ${a.id} ${a.value}`) : []));
const errorOf = (fn: () => unknown): { code: string; message: string; fields: Record<string, string> } => {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return { code: e.code, message: e.message, fields: { ...e.fields } };
    throw e;
  }
  throw new Error('expected a refusal');
};
const messageOf = (reply: Reply | undefined): Message => {
  if (reply?.kind !== 'message') throw new Error(`expected a message, got ${reply?.kind}`);
  return reply.message;
};

describe('opening a corrective action', () => {
  it('opens one with every nonconformity, in the same transaction, linked both ways, due in 90 days for a minor (moved off the weekend to the next working day)', () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    expect(action).toMatchObject({ id: 'CA-2027-0001', findingId: 'F-2027-0001', owner: SEED.iamOwner, status: 'open', due: '2027-04-05', openedAt: '2027-01-04T10:00:00.000Z' });
    expect(t.db.select().from(findingsTable).all()[0]?.actionId).toBe('CA-2027-0001');
    const events = t.core.store.transaction((tx) => tx.trail.list());
    expect(events.map((e) => [e.action, e.subject])).toEqual([
      ['finding.recorded', 'finding:F-2027-0001'],
      ['action.opened', 'action:CA-2027-0001'],
      // The nonconformity sets the verdict of its checklist item (issue 13).
      ['audit.checklist_verdict', 'audit:IA-2027-01'],
    ]);
    expect(JSON.parse(events[1]?.after ?? '{}')).toMatchObject({ findingId: 'F-2027-0001', owner: SEED.iamOwner, due: '2027-04-05', dueProposed: false });
    // One message to the owner: the finding, and its action with Plan, Mark implemented, Request extension.
    const rows = outbox(t);
    expect(rows.map((r) => [r.key, r.recipient])).toEqual([['finding:F-2027-0001:owner', SEED.iamOwner]]);
    expect(buttons(rows[0]?.message)).toEqual(['Plan → action.plan CA-2027-0001', 'Mark implemented → action.implemented CA-2027-0001', 'Request extension → action.extend CA-2027-0001']);
    expect(JSON.stringify(rows[0]?.message)).toContain('Corrective action CA-2027-0001 is open for you, due Monday 5 April 2027: please plan it within 5 working days with the Plan button below.');
  });

  it('uses 30 days for a major, the proposed due date when given, and the configured defaults', () => {
    const t = setupActions();
    expect(recordNonconformity(t, { classification: 'major' }).due).toBe('2027-02-03');
    expect(recordNonconformity(t, { dueDate: '2027-02-26' }).due).toBe('2027-02-26');
    t.core.settings.actionDueDays = { major: 14, minor: 45 };
    expect(recordNonconformity(t, { classification: 'major' }).due).toBe('2027-01-18');
    expect(recordNonconformity(t).due).toBe('2027-02-18');
  });

  it('opens none for an OFI or an observation; an OFI may get one by choice from its confirmation, an observation never', async () => {
    const t = setupActions();
    const ofi = recordFinding(t.core, as(SEED.auditor), { auditId: SEED.audits.iam, classification: 'ofi', requirement: 'A.5.18', statement: 'Access reviews are done by e-mail.', evidence: 'Review thread of 2026-12.' }, 'ofi-1');
    expect(ofi.story.finding.actionId).toBeNull();
    const obs = recordFinding(t.core, as(SEED.auditor), { auditId: SEED.audits.iam, classification: 'observation', requirement: 'A.5.18', statement: 'Good joiner checklist.', evidence: 'Checklist v4.' }, 'obs-1');
    expect(t.core.store.transaction((tx) => tx.actions.list())).toEqual([]);

    const confirmation = confirmationMessage(ofi.story, false);
    expect(buttons(confirmation)).toEqual(['Open a corrective action → action.open F-2027-0001']);
    const pressed = (await pressButton(chat(t, SEED.auditor), 'action.open', 'F-2027-0001')) ?? undefined;
    expect(messageOf(pressed).summary).toBe('Corrective action CA-2027-0001 is open on F-2027-0001, owned by Bo Berg, due Monday 5 April 2027. They have been told.');
    expect(outbox(t).at(-1)).toMatchObject({ key: 'action:CA-2027-0001:opened', recipient: SEED.iamOwner });
    expect(buttons(outbox(t).at(-1)?.message)).toHaveLength(3);
    // Pressed again: the same action, nothing new.
    const again = (await pressButton(chat(t, SEED.auditor), 'action.open', 'F-2027-0001')) ?? undefined;
    expect(messageOf(again).summary).toMatch(/^F-2027-0001 already has corrective action CA-2027-0001/);
    expect(t.core.store.transaction((tx) => tx.actions.list())).toHaveLength(1);

    const refused = await runChatText(chat(t, SEED.auditor), `action open ${obs.story.finding.id}`);
    expect(messageOf(refused).summary).toMatch(/is an observation, which needs no corrective action/);
    // Someone with no part in the finding is answered as if it did not exist.
    const notTheirs = await runChatText(chat(t, SEED.suppliersOwner), 'action open F-2027-0001');
    expect(messageOf(notTheirs).summary).toBe('There is no finding F-2027-0001. Check the number: findings are numbered like F-2027-0012.');
  });
});

describe('the owner plans, implements and asks for more time', () => {
  it('plan form: field errors keyed by the form\'s field ids, nothing stored, then saved', async () => {
    const t = setupActions();
    const action = recordNonconformity(t, { dueDate: '2027-02-26' });
    const ctx = chat(t, SEED.iamOwner);
    const shown = await runChatText(ctx, `action plan ${action.id}`);
    if (shown.kind !== 'form') throw new Error('the owner should get the plan form');
    const { form, instance } = shown;
    expect(planActionForm(t.core, as(SEED.iamOwner), action.id)).toEqual(form);
    const ids = form.fields.map((f) => f.id);
    expect(ids).toEqual(['correction', 'rootCause', 'plan', 'due']);
    const before = trailOf(t, action.id).length;

    const blank = await submitForm(ctx, instance, { correction: 'Disabled both accounts.', rootCause: '  ', plan: '', due: '2027-02-20' }, 'k1');
    expect(blank.ok ? {} : blank.errors).toEqual({ rootCause: expect.stringMatching(/root cause/), plan: expect.stringMatching(/action plan/) });
    const late = await submitForm(ctx, instance, { ...PLAN, due: '2027-03-15' }, 'k2');
    expect(late.ok ? {} : late.errors).toEqual({ due: expect.stringMatching(/after the due date, Friday 26 February 2027.*Request extension/) });
    const past = await submitForm(ctx, instance, { ...PLAN, due: '2027-01-01' }, 'k3');
    expect(past.ok ? {} : past.errors).toEqual({ due: '2027-01-01 is in the past. Choose today (2027-01-04) or a later date.' });
    const wrongDate = await submitForm(ctx, instance, { ...PLAN, due: 'next week' }, 'k4');
    expect(wrongDate.ok ? {} : wrongDate.errors).toEqual({ due: expect.stringMatching(/calendar date/) });
    // A value over its field's limit is refused before anything else is looked at.
    const long = await submitForm(ctx, instance, { ...PLAN, plan: 'x'.repeat(3001), due: 'next week' }, 'k4b');
    expect(long.ok ? {} : long.errors).toEqual({ plan: expect.stringMatching(/3,001 characters; the limit is 3,000/) });
    for (const r of [blank, late, past, wrongDate, long]) for (const key of Object.keys(r.ok ? {} : r.errors)) expect(ids).toContain(key);
    expect(getAction(t, action.id).status).toBe('open');
    expect(trailOf(t, action.id)).toHaveLength(before);

    const saved = await submitForm(ctx, instance, { ...PLAN, due: '2027-02-20' }, 'k5');
    expect(saved.ok).toBe(true);
    expect(getAction(t, action.id)).toMatchObject({ status: 'planned', target: '2027-02-20', ...PLAN, plannedAt: '2027-01-04T10:00:00.000Z' });
    // The same submission again (a double click) is answered as the first, and recorded once.
    const repeat = await submitForm(ctx, instance, { ...PLAN, due: '2027-02-20' }, 'k5');
    expect(repeat.ok && messageOf(repeat.reply).summary).toMatch(/already saved/);
    expect(trailOf(t, action.id).map((e) => e.action)).toEqual(['action.opened', 'action.planned']);
  });

  it('keeps the auditor\'s due date and the owner\'s target date apart: an earlier target never shortens the due date (issue 14.5)', () => {
    const t = setupActions();
    const action = recordNonconformity(t, { dueDate: '2027-03-31' });
    planAction(t.core, as(SEED.iamOwner), { actionId: action.id, ...PLAN, due: '2027-02-12' });
    expect(getAction(t, action.id)).toMatchObject({ status: 'planned', due: '2027-03-31', target: '2027-02-12' });
    // A later plan, still on or before the due date, is accepted: the due date did not move.
    planAction(t.core, as(SEED.iamOwner), { actionId: action.id, ...PLAN, due: '2027-03-20' });
    expect(getAction(t, action.id)).toMatchObject({ due: '2027-03-31', target: '2027-03-20' });
    expect(errorOf(() => planAction(t.core, as(SEED.iamOwner), { actionId: action.id, ...PLAN, due: '2027-04-01' })).fields.due).toMatch(/after the due date/);
    const planned = trailOf(t, action.id).filter((e) => e.action === 'action.planned').map((e) => JSON.parse(e.after ?? '{}') as Record<string, unknown>);
    expect(planned.map((a) => [a.target, a.due])).toEqual([['2027-02-12', '2027-03-31'], ['2027-03-20', '2027-03-31']]);
  });

  it('mark implemented takes http(s) links only, then asks the auditor who raised it to verify, with a Verify button', () => {
    const t = setupActions();
    const action = actionIn(t, 'planned');
    for (const [links, says] of [
      ['', /at least one link/],
      ['javascript:alert(1)', /"javascript:" links cannot be accepted/],
      ['ftp://files.example/report.pdf', /"ftp:" links cannot be accepted/],
      ['https://ok.example/a\nfile:///etc/passwd', /Line 2: "file:" links cannot be accepted/],
      ['tickets.example/IAM-7', /not a web link/],
    ] as const) {
      const e = errorOf(() => markImplemented(t.core, as(SEED.iamOwner), { actionId: action.id, links }));
      expect(e.code).toBe('validation_failed');
      expect(e.fields.links).toMatch(says);
    }
    expect(getAction(t, action.id).status).toBe('planned');
    const result = markImplemented(t.core, as(SEED.iamOwner), { actionId: action.id, links: 'https://tickets.example/IAM-7\nhttp://wiki.example/leavers' });
    expect(result.verifiers).toEqual(['Ana Ruiz']);
    expect(getAction(t, action.id)).toMatchObject({ status: 'implemented', implementationLinks: ['https://tickets.example/IAM-7', 'http://wiki.example/leavers'] });
    const ask = outbox(t).at(-1);
    expect(ask).toMatchObject({ recipient: SEED.auditor });
    expect(ask?.message.summary).toBe('Bo Berg marked corrective action CA-2027-0001 (F-2027-0001) implemented. Please check whether it worked.');
    expect(buttons(ask?.message)).toEqual(['Verify → action.verify CA-2027-0001']);
  });

  it('an extension is a request to the audit leads: nothing changes until a lead approves; one pending at a time; refused with a reason (issue 14.5)', () => {
    const t = setupActions();
    const action = recordNonconformity(t, { dueDate: '2027-02-26' });
    expect(errorOf(() => requestExtension(t.core, as(SEED.iamOwner), { actionId: action.id, due: '2027-03-31', reason: ' ' })).fields).toEqual({ reason: expect.stringMatching(/why more time is needed/) });
    expect(errorOf(() => requestExtension(t.core, as(SEED.iamOwner), { actionId: action.id, due: '2027-02-20', reason: 'Vendor delay.' })).fields).toEqual({ due: expect.stringMatching(/not after the current due date/) });
    const result = requestExtension(t.core, as(SEED.iamOwner), { actionId: action.id, due: '2027-03-31', reason: 'The identity provider vendor moved the release.' });
    expect(result).toMatchObject({ pending: true, told: ['Lena Lund', 'Pat Park'] });
    // Nothing changed: the due date stays until a lead approves.
    expect(getAction(t, action.id).due).toBe('2027-02-26');
    expect(outbox(t).filter((r) => r.key.includes(':extension-requested:')).map((r) => r.recipient)).toEqual([SEED.lead, TEAM_LEAD]);
    // A second request while one is pending is refused.
    expect(errorOf(() => requestExtension(t.core, as(SEED.iamOwner), { actionId: action.id, due: '2035-01-01', reason: 'More.' })).code).toBe('conflict');
    // The owner cannot approve their own request; a lead in the owner's team cannot either.
    expect(errorOf(() => decideExtension(t.core, as(SEED.iamOwner), { actionId: action.id, approve: true })).code).toBe('forbidden');
    expect(errorOf(() => decideExtension(t.core, as(TEAM_LEAD), { actionId: action.id, approve: true })).code).toBe('forbidden');
    // A lead approves with another date, a working day (issue 15.3); the owner is told.
    expect(errorOf(() => decideExtension(t.core, as(SEED.lead), { actionId: action.id, approve: true, due: '2027-03-20' })).message).toMatch(/Saturday 20 March 2027 is a Saturday, not a working day/);
    decideExtension(t.core, as(SEED.lead), { actionId: action.id, approve: true, due: '2027-03-22' });
    expect(getAction(t, action.id).due).toBe('2027-03-22');
    expect(outbox(t).at(-1)).toMatchObject({ recipient: SEED.iamOwner });
    expect(outbox(t).at(-1)?.message.summary).toMatch(/approved your request: corrective action CA-2027-0001 is now due Monday 22 March 2027/);
    const kinds = trailOf(t, action.id).map((e) => e.action);
    expect(kinds.slice(-3)).toEqual(['action.extension_requested', 'action.extended', 'action.extension_decided']);
    // A new request may follow; refused with a reason, nothing moves.
    requestExtension(t.core, as(SEED.iamOwner), { actionId: action.id, due: '2031-01-01', reason: 'Budget.' });
    expect(errorOf(() => decideExtension(t.core, as(SEED.lead), { actionId: action.id, approve: false })).fields).toEqual({ reason: expect.stringMatching(/Say why/) });
    decideExtension(t.core, as(SEED.lead), { actionId: action.id, approve: false, reason: 'A vendor delay is not a reason to wait four years.' });
    expect(getAction(t, action.id).due).toBe('2027-03-22');
    expect(outbox(t).at(-1)?.message.summary).toMatch(/refused your request to move CA-2027-0001/);
    expect(errorOf(() => decideExtension(t.core, as(SEED.lead), { actionId: action.id, approve: true })).message).toMatch(/no extension request/);
    // A lead may still move it directly; then the owner is told.
    requestExtension(t.core, as(SEED.lead), { actionId: action.id, due: '2027-04-15', reason: 'Agreed at the ISMS review.' });
    expect(outbox(t).at(-1)).toMatchObject({ recipient: SEED.iamOwner });
    expect(outbox(t).at(-1)?.message.summary).toBe('CA-2027-0001 is now due Thursday 15 April 2027 (was Monday 22 March 2027).');
  });
});

describe('verification', () => {
  it('"not effective" sends it back to planned with the reason and a new due date; "effective" closes it', () => {
    const t = setupActions();
    const action = actionIn(t, 'implemented');
    expect(errorOf(() => verifyAction(t.core, as(SEED.auditor), { actionId: action.id, effective: false, reason: 'Still two active leavers.' })).fields).toEqual({ due: expect.stringMatching(/new due date/) });
    expect(errorOf(() => verifyAction(t.core, as(SEED.auditor), { actionId: action.id, effective: 'maybe', reason: '' })).fields).toEqual({
      effective: 'Choose whether the action was effective: yes or no.',
      reason: expect.stringMatching(/what you checked/),
    });
    verifyAction(t.core, as(SEED.auditor), { actionId: action.id, effective: 'no', reason: 'Still two active leavers from February.', due: '2027-03-15' });
    expect(getAction(t, action.id)).toMatchObject({ status: 'planned', due: '2027-03-15', implementedAt: null, closedAt: null });
    const back = outbox(t).at(-1);
    expect(back).toMatchObject({ recipient: SEED.iamOwner });
    expect(JSON.stringify(back?.message)).toContain('What Ana Ruiz found: Still two active leavers from February.');
    expect(buttons(back?.message)).toEqual(['Update plan → action.plan CA-2027-0001', 'Mark implemented → action.implemented CA-2027-0001', 'Request extension → action.extend CA-2027-0001']);

    markImplemented(t.core, as(SEED.iamOwner), { actionId: action.id, links: 'https://tickets.example/IAM-9' });
    verifyAction(t.core, as(SEED.lead), { actionId: action.id, effective: 'yes', reason: 'No leaver active beyond a day since March.' });
    expect(getAction(t, action.id)).toMatchObject({ status: 'closed', closedAt: '2027-01-04T10:00:00.000Z' });
    expect(t.core.store.transaction((tx) => tx.actions.listVerifications(action.id)).map((v) => [v.by, v.effective])).toEqual([
      [SEED.auditor, false],
      [SEED.lead, true],
    ]);
    expect(trailOf(t, action.id).map((e) => e.action)).toEqual(['action.opened', 'action.planned', 'action.implemented', 'action.verified', 'action.implemented', 'action.verified', 'action.closed']);
    expect(verifyTrail(t.core.store.transaction((tx) => tx.trail.list()))).toMatchObject({ ok: true });
  });
});

describe('repeated minor nonconformities', () => {
  it('flags the third minor against one requirement in one area within a cycle to the leads, once', () => {
    const t = setupActions();
    recordNonconformity(t);
    recordNonconformity(t);
    expect(outbox(t).filter((r) => r.key.startsWith('finding:possible-major:'))).toEqual([]);
    recordNonconformity(t);
    const flags = outbox(t).filter((r) => r.key.startsWith('finding:possible-major:'));
    expect(flags.map((r) => r.recipient)).toEqual([SEED.lead, TEAM_LEAD]);
    expect(flags[0]?.message.summary).toBe('Possible major nonconformity: 3 minor nonconformities against A.5.15 in Identity and access management in the 2027 cycle.');
    expect(JSON.stringify(flags[0]?.message)).toContain('F-2027-0001 (audit IA-2027-01');
    // A fourth does not flag again; a major or another requirement does not count.
    recordNonconformity(t);
    recordNonconformity(t, { classification: 'major' });
    recordNonconformity(t, { requirement: 'A.5.18' });
    expect(outbox(t).filter((r) => r.key.startsWith('finding:possible-major:'))).toHaveLength(2);
    expect(t.core.store.transaction((tx) => tx.trail.list()).filter((e) => e.action === 'finding.possible_major').map((e) => e.subject)).toEqual(['finding:F-2027-0003']);
  });
});

describe('my work and the console commands', () => {
  it('lists open actions in "mine" and "actions", and waiting verifications for the auditor', async () => {
    const t = setupActions();
    const open = recordNonconformity(t);
    const implemented = actionIn(t, 'implemented');
    actionIn(t, 'closed');
    expect(listOpenActionsFor(t.core, 'BO@acme.example').map((a) => a.id)).toEqual([open.id, implemented.id]);

    const mine = messageOf(await runChatText(chat(t, SEED.iamOwner), 'mine'));
    expect(mine.summary).toMatch(/Corrective actions: 2 open corrective actions\.$/);
    expect(buttons(mine)).toEqual(['Plan → action.plan CA-2027-0001', 'Mark implemented → action.implemented CA-2027-0001', 'Request extension → action.extend CA-2027-0001']);
    const actions = messageOf(await runChatText(chat(t, SEED.iamOwner), 'actions'));
    expect(JSON.stringify(actions)).toContain('CA-2027-0002 on minor nonconformity F-2027-0002 against A.5.15 Access control: implemented, waiting for verification');
    expect(JSON.stringify(actions)).not.toContain('CA-2027-0003');
    const auditor = messageOf(await runChatText(chat(t, SEED.auditor), 'actions'));
    expect(auditor.summary).toBe('Your corrective actions: 1 waiting for your verification.');
    expect(buttons(auditor)).toEqual(['Verify → action.verify CA-2027-0002']);
    const nothing = messageOf(await runChatText(chat(t, SEED.suppliersOwner), 'actions'));
    expect(nothing.summary).toBe('You have no open corrective actions and none waiting for your verification.');
  });

  it('walks the whole lifecycle with typed commands, and shows the chain with "action <id>"', async () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    const bo = chat(t, SEED.iamOwner);
    const ana = chat(t, SEED.auditor);
    const form = await runChatText(bo, `action plan ${action.id.toLowerCase()}`);
    if (form.kind !== 'form') throw new Error('the owner should get the plan form');
    expect(form.form.id).toBe('action.plan');
    expect((await submitForm(bo, form.instance, { ...PLAN, due: action.due }, 'c1')).ok).toBe(true);
    expect(messageOf(await runChatText(bo, `action implemented ${action.id} https://tickets.example/IAM-7`)).summary).toBe(
      'Thank you. CA-2027-0001 is marked implemented; Ana Ruiz has been asked to verify that it worked.',
    );
    expect(messageOf(await runChatText(ana, `action verify ${action.id} not-effective 2027-05-31 Two leavers are still active.`)).summary).toBe(
      'CA-2027-0001 is back with Bo Berg to plan again, due Monday 31 May 2027. They have been told what you found.',
    );
    expect(messageOf(await runChatText(bo, `action extend ${action.id} 2027-06-30 Waiting for the HR integration.`)).summary).toMatch(/^Your request to move CA-2027-0001 to Wednesday 30 June 2027 is with Lena Lund, Pat Park for approval/);
    expect(messageOf(await runChatText(chat(t, SEED.lead), `action extension approve ${action.id}`)).summary).toBe('Approved: CA-2027-0001 is now due Wednesday 30 June 2027. The owner has been told.');
    await runChatText(bo, `action implemented ${action.id} https://tickets.example/IAM-9`);
    expect(messageOf(await runChatText(ana, `action verify ${action.id} effective Sampled every leaver since March.`)).summary).toBe('CA-2027-0001 is closed as effective. Bo Berg has been told. Thank you.');
    const page = messageOf(await runChatText(ana, `action ${action.id}`));
    const history = page.blocks.find((b) => b.type === 'list' && b.title === 'History');
    expect(history?.type === 'list' && history.items.map((i) => i.replace(/^.*UTC, /, ''))).toEqual([
      `${SEED.auditor}: opened, due 2027-04-05`,
      `${SEED.iamOwner}: planned, to be done by 2027-04-05`,
      `${SEED.iamOwner}: marked implemented with 1 link(s)`,
      `${SEED.auditor}: verified not effective, new due date 2027-05-31: Two leavers are still active.`,
      `${SEED.iamOwner}: asked to move the due date from 2027-05-31 to 2027-06-30: Waiting for the HR integration.`,
      `${SEED.lead}: moved the due date from 2027-05-31 to 2027-06-30: Waiting for the HR integration.`,
      `${SEED.lead}: approved the extension request`,
      `${SEED.iamOwner}: marked implemented with 1 link(s)`,
      `${SEED.auditor}: verified effective: Sampled every leaver since March.`,
      `${SEED.auditor}: closed`,
    ]);
    expect(buttons(page)).toEqual([]);
    expect(messageOf(await runChatText(bo, 'action plan CA-2027-0001')).summary).toMatch(/was verified effective and closed on 2027-01-04/);
    expect(messageOf(await runChatText(bo, 'action CA-2027-9999')).summary).toBe('There is no corrective action CA-2027-9999. Type "actions" to see yours.');
    expect(messageOf(await runChatText(bo, 'action verify nonsense')).summary).toMatch(/is not a corrective action number/);
  });
});
