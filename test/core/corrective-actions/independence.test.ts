// Acceptance 2: the owner of a corrective action, or anyone in the owner's team (an auditor, a
// colleague, even an audit lead), cannot verify it: through the core, and through the chat
// dispatcher the console uses (typed commands, the Verify button and the form submission).
// Those in the owner's team who may not even see the action (read-policy.ts) are answered as
// if it did not exist.
import { describe, expect, it } from 'vitest';
import { pressButton, runChatText, submitForm } from '../../helpers/chat.js';
import { FORM_UNKNOWN, issueFormInstance } from '../../../src/chat/form-instances.js';
import type { ChatContext, Reply } from '../../../src/chat/types.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import type { Message } from '../../../src/core/message.js';
import type { TestCore } from '../../helpers/core.js';
import { SEED } from '../../helpers/seed.js';
import { actionIn, as, getAction, setupActions, TEAM_LEAD } from './fixture.js';

const NOT_INDEPENDENT = [
  { who: 'the owner', email: SEED.iamOwner, says: /^You own CA-2027-0001, so you cannot verify it/ },
  { who: 'an audit lead in the owner\'s team', email: TEAM_LEAD, says: /^CA-2027-0001 is owned by Bo Berg \(bo@acme\.example\) in your team \(Platform Engineering\), so you cannot verify it/ },
];

/** In the owner's team, and not among those who may see the action at all. */
const HIDDEN = [
  { who: 'an auditor in the owner\'s team', email: SEED.otherAuditor },
  { who: 'a colleague in the owner\'s team', email: SEED.authOwner },
];

const NO_SUCH_ACTION = 'There is no corrective action CA-2027-0001. Type "actions" to see yours.';

const VERDICT = { effective: true, reason: 'Checked the deprovisioning job logs for January: every leaver disabled on the day.' };

function chat(t: TestCore, email: string): ChatContext {
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core: t.core, actor, channel: 'console', platform: 'console' };
}

const textOf = (reply: Reply): string => (reply.kind === 'message' ? JSON.stringify(reply.message) : reply.kind === 'form' ? `FORM ${reply.form.id}` : '');
const summaryOf = (reply: Reply): string => (reply.kind === 'message' ? (reply.message as Message).summary : reply.kind);

const unchanged = (t: TestCore, id: string) =>
  t.core.store.transaction((tx) => ({ action: tx.actions.get(id), verifications: tx.actions.listVerifications(id), trail: tx.trail.list().length, instances: instancesIn(t) }));

const instancesIn = (t: TestCore): number => (t.db.$client.prepare('select count(*) as n from form_instances').get() as { n: number }).n;

describe('who may verify a corrective action', () => {
  it.each(NOT_INDEPENDENT)('the core refuses $who as not independent, and records nothing', ({ email, says }) => {
    const t = setupActions();
    const action = actionIn(t, 'implemented');
    const before = unchanged(t, action.id);
    let error: unknown;
    try {
      verifyAction(t.core, as(email), { actionId: action.id, ...VERDICT });
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.code).toBe('not_independent');
    expect(isAuditbotError(error) && error.message).toMatch(says);
    // The refusal names who can verify it instead.
    expect(isAuditbotError(error) && error.message).toContain('Ana Ruiz (ana@acme.example), who raised finding F-2027-0001, or an audit lead outside the owner\'s team');
    expect(unchanged(t, action.id)).toEqual(before);
  });

  it.each(HIDDEN)('the core answers $who as if the action did not exist, and records nothing', ({ email }) => {
    const t = setupActions();
    const action = actionIn(t, 'implemented');
    const before = unchanged(t, action.id);
    let error: unknown;
    try {
      verifyAction(t.core, as(email), { actionId: action.id, ...VERDICT });
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.code).toBe('not_found');
    expect(isAuditbotError(error) && error.message).toBe(NO_SUCH_ACTION);
    expect(unchanged(t, action.id)).toEqual(before);
  });

  it.each([...NOT_INDEPENDENT, ...HIDDEN.map((h) => ({ ...h, says: /^There is no corrective action CA-2027-0001\./ }))])(
    'the console refuses $who: typed command, Verify button and form submission',
    async ({ email, says }) => {
    const t = setupActions();
    const action = actionIn(t, 'implemented');
    const before = unchanged(t, action.id);
    const ctx = chat(t, email);

    const typed = await runChatText(ctx, `action verify ${action.id} effective ${VERDICT.reason}`);
    expect(summaryOf(typed)).toMatch(says);
    const form = await runChatText(ctx, `action verify ${action.id}`);
    expect(form.kind).toBe('message');
    expect(summaryOf(form)).toMatch(says);
    const button = await pressButton(ctx, 'action.verify', action.id);
    expect(button && summaryOf(button)).toMatch(says);
    // The form shown to the auditor who may verify, forwarded or replayed, is not theirs to submit.
    const shownToAna = await runChatText(chat(t, SEED.auditor), `action verify ${action.id}`);
    if (shownToAna.kind !== 'form') throw new Error('Ana should get the verify form');
    const stolen = await submitForm(ctx, shownToAna.instance, { effective: 'yes', reason: VERDICT.reason }, 'console:stolen');
    expect(stolen.ok ? '' : stolen.errors._form).toBe(FORM_UNKNOWN);
    // A form shown to them when it was still allowed (the instance issued directly) is refused by the core on submission.
    const own = issueFormInstance(ctx, shownToAna.form);
    const submitted = await submitForm(ctx, own, { effective: 'yes', reason: VERDICT.reason }, `console:${email}`);
    expect(submitted.ok).toBe(false);
    expect(submitted.ok ? '' : Object.values(submitted.errors).join(' ')).toMatch(says);
    // The action page offers them no Verify button.
    const page = await runChatText(ctx, `action ${action.id}`);
    expect(textOf(page)).not.toContain('"action.verify"');

    expect(unchanged(t, action.id)).toEqual({ ...before, instances: before.instances + 2 });
    },
  );

  it('lets the auditor who raised the finding verify it, through the same form', async () => {
    const t = setupActions();
    const action = actionIn(t, 'implemented');
    const ctx = chat(t, SEED.auditor);
    const form = await runChatText(ctx, `action verify ${action.id}`);
    expect(form.kind === 'form' && form.form.fields.map((f) => f.id)).toEqual(['effective', 'reason', 'due']);
    if (form.kind !== 'form') throw new Error('Ana should get the verify form');
    const done = await submitForm(ctx, form.instance, { effective: 'yes', reason: VERDICT.reason }, 'console:ana:1');
    expect(done.ok).toBe(true);
    expect(getAction(t, action.id).status).toBe('closed');
  });

  it('asks the audit leads outside the owner\'s team when the auditor who raised it is in that team, and lets them verify', () => {
    // Ana moves into the platform team: she raised the finding, but is no longer independent of Bo.
    const t = setupActions('2027-01-04T10:00:00Z', (people) => {
      const ana = people.find((p) => p.email === SEED.auditor);
      if (ana) ana.team = 'platform';
    });
    const action = actionIn(t, 'implemented');
    const asked = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith(`action:${action.id}:verify:`));
    // Lena (isms) is asked; Pat, a lead in the platform team, is not.
    expect(asked.map((r) => r.recipient)).toEqual([SEED.lead]);
    let error: unknown;
    try {
      verifyAction(t.core, as(SEED.auditor), { actionId: action.id, ...VERDICT });
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.code).toBe('not_independent');
    verifyAction(t.core, as(SEED.lead), { actionId: action.id, ...VERDICT });
    expect(getAction(t, action.id).status).toBe('closed');
  });
});
