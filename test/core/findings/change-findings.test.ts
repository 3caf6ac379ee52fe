// Issue 14.1: recorded findings are listed (with the read policy), shown, amended by the
// audit's auditors while the audit is not closed, and withdrawn with a reason; every change is
// a trail event with before and after, and the owner is told.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { audits } from '../../../db/schema.js';
import { renderMessageText } from '../../../adapters/console/render.js';
import { amendFinding } from '../../../src/core/findings/amend-finding.js';
import { showFinding } from '../../../src/core/findings/show-finding.js';
import { withdrawFinding } from '../../../src/core/findings/withdraw-finding.js';
import { recordFinding } from '../../../src/core/findings/record-finding.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { runChatText, submitForm } from '../../helpers/chat.js';
import type { TestCore } from '../../helpers/core.js';
import { SEED } from '../../helpers/seed.js';
import { as, getAction, recordNonconformity, setupActions } from '../corrective-actions/fixture.js';

const errorOf = (fn: () => unknown): { code: string; message: string; fields: Record<string, string> } => {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return { code: e.code, message: e.message, fields: { ...e.fields } };
    throw e;
  }
  throw new Error('expected a refusal');
};
const trail = (t: TestCore, id: string) => t.core.store.transaction((tx) => tx.trail.list({ subject: `finding:${id}` }));
const outbox = (t: TestCore) => t.core.store.transaction((tx) => tx.outbox.list());
const finding = (t: TestCore, id: string) => t.core.store.transaction((tx) => tx.findings.get(id));
const chat = (t: TestCore, email: string) => {
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core: t.core, actor, channel: 'console' as const, platform: 'console' as const };
};
const textOf = async (t: TestCore, email: string, line: string): Promise<string> => {
  const reply = await runChatText(chat(t, email), line);
  if (reply.kind !== 'message') throw new Error(`expected a message for "${line}", got ${reply.kind}`);
  return renderMessageText(reply.message);
};

describe('listing and showing findings (issue 14.1)', () => {
  it('lists the findings each person may see, by audit, area or status', async () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    expect(await textOf(t, SEED.auditor, 'findings')).toContain(action.findingId);
    expect(await textOf(t, SEED.auditor, `findings ${SEED.audits.iam}`)).toContain(action.findingId);
    expect(await textOf(t, SEED.auditor, 'findings iam')).toContain(action.findingId);
    expect(await textOf(t, SEED.auditor, 'findings open')).toContain(action.findingId);
    expect(await textOf(t, SEED.auditor, 'findings withdrawn')).toMatch(/No findings for status withdrawn/);
    expect(await textOf(t, SEED.auditor, `findings ${SEED.audits.isms}`)).toMatch(/No findings/);
    expect(await textOf(t, SEED.auditor, 'findings nowhere')).toMatch(/is not an audit id/);
    // Fay owns nothing in IAM and audits nothing: the read policy hides it.
    expect(await textOf(t, SEED.suppliersOwner, 'findings')).toMatch(/No findings that you may see/);
  });

  it('shows one finding in full: statement, requirement, evidence, classification, owner, action, history', async () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    const text = renderMessageText(showFinding(t.core, as(SEED.iamOwner), action.findingId));
    for (const part of ['Two leavers still had active accounts', 'A.5.15 Access control', 'Identity provider export', 'minor nonconformity', 'Bo Berg', action.id, 'History', 'recorded as minor nonconformity against A.5.15']) expect(text).toContain(part);
    // `finding <id>` shows it too, instead of a blank form; someone who may not see it is told it does not exist.
    expect(await textOf(t, SEED.auditor, `finding ${action.findingId}`)).toContain('Two leavers still had active accounts');
    expect(await textOf(t, SEED.auditor, `finding show ${action.findingId.toLowerCase()}`)).toContain('Two leavers still had active accounts');
    expect(errorOf(() => showFinding(t.core, as(SEED.suppliersOwner), action.findingId)).code).toBe('not_found');
  });
});

describe('amending a finding (issue 14.1)', () => {
  it('an auditor of the audit reclassifies and re-points it: trail before/after, owner told, action kept', () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    const sent = outbox(t).length;
    const result = amendFinding(t.core, as(SEED.auditor), { findingId: action.findingId, classification: 'major', requirement: 'A.8.5', reason: 'The sample showed privileged accounts.' });
    expect(result.changed).toEqual(['requirement', 'classification']);
    expect(finding(t, action.findingId)).toMatchObject({ classification: 'major', requirement: 'A.8.5', outOfScope: false, status: 'open', actionId: action.id });
    const event = trail(t, action.findingId).at(-1);
    expect(event?.action).toBe('finding.amended');
    expect(JSON.parse(event?.before ?? '{}')).toEqual({ requirement: 'A.5.15', classification: 'minor' });
    expect(JSON.parse(event?.after ?? '{}')).toEqual({ requirement: 'A.8.5', classification: 'major', reason: 'The sample showed privileged accounts.' });
    const told = outbox(t).slice(sent);
    expect(told.map((r) => r.recipient)).toEqual([SEED.iamOwner]);
    expect(renderMessageText(told[0]!.message)).toContain('Classification: minor nonconformity → major nonconformity');
    // Nothing changed is refused, and writes nothing.
    expect(errorOf(() => amendFinding(t.core, as(SEED.auditor), { findingId: action.findingId, classification: 'major' })).message).toMatch(/nothing in it would change/);
    expect(trail(t, action.findingId)).toHaveLength(2);
  });

  it('an OFI made a nonconformity opens its corrective action', () => {
    const t = setupActions();
    const { story } = recordFinding(t.core, as(SEED.auditor), { auditId: SEED.audits.iam, classification: 'ofi', requirement: 'A.5.15', statement: 'Access reviews could be automated.', evidence: 'Interview with Bo.' }, 'ofi-1');
    expect(story.finding.actionId).toBeNull();
    const result = amendFinding(t.core, as(SEED.auditor), { findingId: story.finding.id, classification: 'minor' });
    expect(result.openedAction).toMatch(/^CA-2027-/);
    expect(finding(t, story.finding.id)?.actionId).toBe(result.openedAction);
  });

  it('is refused to the owner, after the audit closed, on an unknown requirement, and on a withdrawn finding', () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    expect(errorOf(() => amendFinding(t.core, as(SEED.iamOwner), { findingId: action.findingId, statement: 'Fine really.' })).code).toBe('forbidden');
    expect(errorOf(() => amendFinding(t.core, as(SEED.otherAuditor), { findingId: action.findingId, statement: 'x' })).code).toMatch(/forbidden|not_found/);
    expect(errorOf(() => amendFinding(t.core, as(SEED.auditor), { findingId: action.findingId, requirement: '5.15' })).fields.requirement).toMatch(/Did you mean the Annex A control A.5.15/);
    // The lead may amend it too.
    expect(amendFinding(t.core, as(SEED.lead), { findingId: action.findingId, statement: 'Two leavers still had active accounts (checked 4 January).' }).changed).toEqual(['statement']);
    t.db.update(audits).set({ status: 'closed' }).where(eq(audits.id, SEED.audits.iam)).run();
    expect(errorOf(() => amendFinding(t.core, as(SEED.auditor), { findingId: action.findingId, statement: 'Later.' })).message).toMatch(/is closed/);
  });

  it('goes through the amend form on the chat surface', async () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    const reply = await runChatText(chat(t, SEED.auditor), `finding amend ${action.findingId}`);
    if (reply.kind !== 'form') throw new Error('expected the amend form');
    const bad = await submitForm(chat(t, SEED.auditor), reply.instance, { classification: 'minor', requirement: 'Z.1', statement: 'x', evidence: 'y' }, 'a1');
    expect(bad.ok ? {} : bad.errors).toEqual({ requirement: expect.stringMatching(/not a clause or control/) });
    const ok = await submitForm(chat(t, SEED.auditor), reply.instance, { classification: 'major', requirement: 'A.5.15', statement: 'Two leavers still had active accounts.', evidence: 'Identity provider export of 2027-01-04 compared with the HR leavers list.' }, 'a2');
    expect(ok.ok).toBe(true);
    expect(finding(t, action.findingId)?.classification).toBe('major');
    // Typed at once.
    expect(await textOf(t, SEED.auditor, `finding amend ${action.findingId} classification minor`)).toContain('Classification: major nonconformity → minor nonconformity');
  });
});

describe('withdrawing a finding (issue 14.1)', () => {
  it('needs a reason; marks it withdrawn, withdraws its open action, tells the owner; it can no longer be amended', async () => {
    const t = setupActions();
    const action = recordNonconformity(t);
    expect(errorOf(() => withdrawFinding(t.core, as(SEED.auditor), { findingId: action.findingId, reason: ' ' })).fields.reason).toMatch(/Say why/);
    const result = withdrawFinding(t.core, as(SEED.auditor), { findingId: action.findingId, reason: 'The accounts were service accounts, not leavers.' });
    expect(result.withdrawnAction).toBe(action.id);
    expect(finding(t, action.findingId)).toMatchObject({ status: 'withdrawn', statusReason: 'The accounts were service accounts, not leavers.' });
    // Withdrawn with the finding, not closed: nobody verified it.
    expect(getAction(t, action.id).status).toBe('withdrawn');
    const event = trail(t, action.findingId).at(-1);
    expect([event?.action, JSON.parse(event?.before ?? '{}'), JSON.parse(event?.after ?? '{}')]).toEqual(['finding.withdrawn', { status: 'open' }, { status: 'withdrawn', reason: 'The accounts were service accounts, not leavers.' }]);
    expect(outbox(t).at(-1)).toMatchObject({ recipient: SEED.iamOwner });
    expect(errorOf(() => amendFinding(t.core, as(SEED.auditor), { findingId: action.findingId, statement: 'x' })).message).toMatch(/was withdrawn/);
    expect(await textOf(t, SEED.auditor, 'findings withdrawn')).toContain(action.findingId);
    expect(await textOf(t, SEED.auditor, `finding withdraw ${action.findingId} again`)).toMatch(/was withdrawn/);
  });
});
