// Acceptance 1: every state × action × role of the corrective-action lifecycle, through the core,
// allowed or refused exactly as specified (issue 7), with a message that says what is allowed
// and who can do it. The specification below is written out independently of action-policy.ts.
import { describe, expect, it } from 'vitest';
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import { requestExtension } from '../../../src/core/corrective-actions/request-extension.js';
import { decideExtension } from '../../../src/core/corrective-actions/decide-extension.js';
import { runChase } from '../../../src/core/corrective-actions/run-chase.js';
import { ACTION_STATUSES, type ActionStatus, type CorrectiveActionRecord } from '../../../src/core/corrective-actions/types.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import type { TestCore } from '../../helpers/core.js';
import { actionIn, as, getAction, PLAN, ROLE_PEOPLE, setupActions } from './fixture.js';

type Verb = 'plan' | 'implement' | 'extend' | 'verify';
type Role = keyof typeof ROLE_PEOPLE;
const VERBS: Verb[] = ['plan', 'implement', 'extend', 'verify'];
const ROLES = Object.keys(ROLE_PEOPLE) as Role[];

/** Who may do each step (issue 7), and in which states. */
const MAY: Record<Verb, Role[]> = { plan: ['owner'], implement: ['owner'], extend: ['owner', 'lead'], verify: ['raiser', 'lead'] };
const WHEN: Record<Verb, ActionStatus[]> = { plan: ['open', 'planned'], implement: ['planned'], extend: ['open', 'planned'], verify: ['implemented'] };
/** Where each allowed step leaves the action. */
const AFTER: Record<Verb, (from: ActionStatus) => ActionStatus> = { plan: () => 'planned', implement: () => 'implemented', extend: (s) => s, verify: () => 'closed' };

const OWNER = 'Bo Berg \\(bo@acme\\.example\\)';
const RAISER = 'Ana Ruiz \\(ana@acme\\.example\\), who raised finding F-2027-0001';

function expected(verb: Verb, role: Role, state: ActionStatus): { code: string; says: RegExp } | null {
  if (verb === 'verify' && role === 'owner') return { code: 'not_independent', says: new RegExp(`^You own CA-2027-0001, so you cannot verify it: .*independent of its owner.*${RAISER}, or an audit lead outside the owner's team\\.$`) };
  if (verb === 'verify' && role === 'owner_team') {
    return { code: 'not_independent', says: new RegExp(`^CA-2027-0001 is owned by ${OWNER} in your team \\(Platform Engineering\\), so you cannot verify it: .*${RAISER}`) };
  }
  if (!MAY[verb].includes(role)) {
    const says = {
      plan: new RegExp(`^Only the owner of CA-2027-0001, ${OWNER}, can plan it \\(the correction, the root cause, the action plan and a target date\\)\\.$`),
      implement: new RegExp(`^Only the owner of CA-2027-0001, ${OWNER}, can mark it implemented\\.$`),
      extend: new RegExp(`^Only the owner of CA-2027-0001, ${OWNER}, or an audit lead (outside the owner's team )?can change its due date\\.`),
      verify: new RegExp(`^Only ${RAISER}, or an audit lead outside the owner's team, can verify CA-2027-0001\\.$`),
    }[verb];
    return { code: 'forbidden', says };
  }
  if (!WHEN[verb].includes(state)) {
    const closed = /^CA-2027-0001 was verified effective and closed on 2027-01-04, so it can no longer change\./;
    // Withdrawn with its finding (issue 14): cancelled, not closed after verification.
    const withdrawn = /^CA-2027-0001 was withdrawn with its finding F-2027-0001 on 2027-01-04, so nothing more is needed on it\./;
    const says: Record<Verb, Partial<Record<ActionStatus, RegExp>>> = {
      plan: { implemented: new RegExp(`^CA-2027-0001 was marked implemented on 2027-01-04 and waits for verification by ${RAISER}, or an audit lead outside the owner's team, so its plan cannot change now\\.`), closed, withdrawn },
      implement: { open: new RegExp(`^CA-2027-0001 has no plan yet\\. The owner, ${OWNER}, plans it first`), implemented: /^CA-2027-0001 is already marked implemented on 2027-01-04 and waits for verification by Ana Ruiz/, closed, withdrawn },
      extend: { implemented: /^CA-2027-0001 is already implemented and waits for verification by Ana Ruiz .*so there is no due date to move\./, closed, withdrawn },
      verify: {
        open: new RegExp(`^CA-2027-0001 has not been planned or implemented yet, so there is nothing to verify\\. It can be verified once the owner, ${OWNER}, marks it implemented\\.$`),
        planned: /^CA-2027-0001 is planned \(due 2027-04-05\) but not implemented yet, so there is nothing to verify\./,
        closed: /^CA-2027-0001 was already verified effective and closed on 2027-01-04, so there is nothing more to verify\.$/,
        withdrawn,
      },
    };
    const re = says[verb][state];
    if (!re) throw new Error(`no expected message for ${verb} in ${state}`);
    return { code: 'illegal_transition', says: re };
  }
  return null;
}

function attempt(t: TestCore, verb: Verb, email: string, a: CorrectiveActionRecord): void {
  const actor = as(email);
  switch (verb) {
    case 'plan':
      planAction(t.core, actor, { actionId: a.id, ...PLAN, due: a.due });
      return;
    case 'implement':
      markImplemented(t.core, actor, { actionId: a.id, links: 'https://tickets.example/IAM-8' });
      return;
    case 'extend':
      requestExtension(t.core, actor, { actionId: a.id, due: '2027-05-31', reason: 'The identity provider migration moved to May.' });
      return;
    case 'verify':
      verifyAction(t.core, actor, { actionId: a.id, effective: true, reason: 'Sampled 10 leavers: all disabled within a day.' });
  }
}

const snapshot = (t: TestCore, id: string) =>
  t.core.store.transaction((tx) => ({ action: tx.actions.get(id), verifications: tx.actions.listVerifications(id), trail: tx.trail.list().length, outbox: tx.outbox.list().length }));

const cases = ACTION_STATUSES.flatMap((state) => VERBS.flatMap((verb) => ROLES.map((role) => ({ state, verb, role, outcome: expected(verb, role, state) }))));

describe('corrective-action lifecycle: every state × action × role through the core', () => {
  it('covers 5 states × 4 actions × 5 roles, 9 of them allowed', () => {
    expect(ACTION_STATUSES).toEqual(['open', 'planned', 'implemented', 'closed', 'withdrawn']);
    expect(cases).toHaveLength(100);
    expect(cases.filter((c) => c.outcome === null)).toHaveLength(9);
  });

  it.each(cases.map((c) => [c.state, c.verb, c.role, c.outcome === null ? 'allowed' : c.outcome.code, c] as const))('%s × %s × %s: %s', (_s, _v, _r, _o, c) => {
    const t = setupActions();
    const action = actionIn(t, c.state);
    expect(action.status).toBe(c.state);
    const before = snapshot(t, action.id);
    let error: unknown = null;
    try {
      attempt(t, c.verb, ROLE_PEOPLE[c.role], action);
    } catch (e) {
      error = e;
    }
    if (c.outcome === null) {
      expect(error).toBeNull();
      const after = getAction(t, action.id);
      expect(after.status).toBe(AFTER[c.verb](c.state));
      // The owner's extension is a request (issue 14.5): nothing moves until a lead approves it.
      if (c.verb === 'extend') expect(after.due).toBe(c.role === 'owner' ? action.due : '2027-05-31');
      if (c.verb === 'extend') expect(t.core.store.transaction((tx) => tx.actions.pendingExtensionRequest(action.id)) !== null).toBe(c.role === 'owner');
      // The change and its trail event were written together.
      const events = t.core.store.transaction((tx) => tx.trail.list({ subject: `action:${action.id}` }));
      expect(events.at(-1)?.actor).toBe(ROLE_PEOPLE[c.role]);
      expect(snapshot(t, action.id).trail).toBeGreaterThan(before.trail);
    } else {
      expect(isAuditbotError(error) ? error.code : error).toBe(c.outcome.code);
      expect(isAuditbotError(error) ? error.message : '').toMatch(c.outcome.says);
      // A refusal changes nothing: no state, no verification, no trail event, no message.
      expect(snapshot(t, action.id)).toEqual(before);
    }
    t.db.$client.close();
  });
});

// Issue 14.5: an owner's extension is a request. Its states (none, pending) × what each role
// does with it (request, approve, refuse), on an open and on a planned action.
describe('extension requests: every request state × step × role through the core', () => {
  type Step = 'request' | 'approve' | 'refuse';
  const STEPS: Step[] = ['request', 'approve', 'refuse'];
  const expectedOf = (pending: boolean, step: Step, role: Role): string | null => {
    if (step === 'request') {
      if (role !== 'owner' && role !== 'lead') return 'forbidden';
      // A second request while one is pending is refused; a lead's direct move is always possible.
      return role === 'owner' && pending ? 'conflict' : null;
    }
    if (role !== 'lead') return 'forbidden';
    return pending ? null : 'illegal_transition';
  };
  const reqCases = (['open', 'planned'] as const).flatMap((state) => [false, true].flatMap((pending) => STEPS.flatMap((step) => ROLES.map((role) => ({ state, pending, step, role, outcome: expectedOf(pending, step, role) })))));

  it.each(reqCases.map((c) => [c.state, c.pending ? 'pending' : 'none', c.step, c.role, c.outcome ?? 'allowed', c] as const))('%s, request %s × %s × %s: %s', (_s, _p, _st, _r, _o, c) => {
    const t = setupActions();
    const action = actionIn(t, c.state);
    if (c.pending) requestExtension(t.core, as(ROLE_PEOPLE.owner), { actionId: action.id, due: '2027-05-31', reason: 'Vendor delay.' });
    const pendingBefore = t.core.store.transaction((tx) => tx.actions.pendingExtensionRequest(action.id));
    let error: unknown = null;
    try {
      const actor = as(ROLE_PEOPLE[c.role]);
      if (c.step === 'request') requestExtension(t.core, actor, { actionId: action.id, due: '2027-06-30', reason: 'More time.' });
      else decideExtension(t.core, actor, { actionId: action.id, approve: c.step === 'approve', reason: c.step === 'refuse' ? 'No.' : undefined });
    } catch (e) {
      error = e;
    }
    const after = getAction(t, action.id);
    const pendingAfter = t.core.store.transaction((tx) => tx.actions.pendingExtensionRequest(action.id));
    if (c.outcome !== null) {
      expect(isAuditbotError(error) ? error.code : error).toBe(c.outcome);
      expect(after.due).toBe(action.due);
      expect(pendingAfter).toEqual(pendingBefore);
      return;
    }
    expect(error).toBeNull();
    expect(after.status).toBe(c.state);
    if (c.step === 'request' && c.role === 'owner') {
      expect(after.due).toBe(action.due);
      expect(pendingAfter?.due).toBe('2027-06-30');
    } else if (c.step === 'request') {
      expect(after.due).toBe('2027-06-30');
      expect(pendingAfter).toBeNull();
    } else {
      expect(after.due).toBe(c.step === 'approve' ? '2027-05-31' : action.due);
      expect(pendingAfter).toBeNull();
    }
  });
});

// Issue 14.6: what the chase sends, in every state, to every role, long after the due date (one
// run after a downtime, so only the latest stage of each track and its escalation). Written out
// independently of plan-chase.ts: the owner while the action waits on them, the verifier (Ana,
// who raised it) while it waits for verification, the leads (Lena, also Bo's manager, and Pat)
// told of both; nothing once closed.
describe('chasing: every state × role, what the chase sends', () => {
  type Sent = 'nothing' | 'reminder' | 'escalation';
  const SENT: Record<ActionStatus, Record<Role, Sent>> = {
    open: { owner: 'reminder', owner_team: 'escalation', raiser: 'nothing', lead: 'escalation', other: 'nothing' },
    planned: { owner: 'reminder', owner_team: 'escalation', raiser: 'nothing', lead: 'escalation', other: 'nothing' },
    implemented: { owner: 'nothing', owner_team: 'escalation', raiser: 'reminder', lead: 'escalation', other: 'nothing' },
    closed: { owner: 'nothing', owner_team: 'nothing', raiser: 'nothing', lead: 'nothing', other: 'nothing' },
    withdrawn: { owner: 'nothing', owner_team: 'nothing', raiser: 'nothing', lead: 'nothing', other: 'nothing' },
  };
  const KINDS: Record<ActionStatus, string[]> = { open: ['no-plan', 'overdue'], planned: ['overdue'], implemented: ['verify'], closed: [], withdrawn: [] };
  const chaseCases = ACTION_STATUSES.flatMap((state) => ROLES.map((role) => ({ state, role, sent: SENT[state][role] })));

  it.each(chaseCases.map((c) => [c.state, c.role, c.sent, c] as const))('%s × %s: %s', (_s, _r, _o, c) => {
    const t = setupActions();
    const action = actionIn(t, c.state);
    // Monday 3 May 2027, 09:30 in London: a month past the due date (4 April), 85 working days after implementation.
    t.clock.set('2027-05-03T08:30:00Z');
    runChase(t.core);
    const email = ROLE_PEOPLE[c.role];
    const rows = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith(`chase:action:${email}:`));
    const events = t.core.store.transaction((tx) => tx.trail.list({ subject: `action:${action.id}` })).map((e) => ({ action: e.action, after: JSON.parse(e.after ?? 'null') as { to: string; kind?: string } }));
    const mine = events.filter((e) => e.after.to === email);
    if (c.sent === 'nothing') {
      expect(rows).toEqual([]);
      expect(mine).toEqual([]);
    } else if (c.sent === 'reminder') {
      expect(rows).toHaveLength(1);
      expect(mine.map((e) => `${e.action} ${e.after.kind}`).sort()).toEqual(KINDS[c.state].map((k) => `action.chased ${k}`).sort());
    } else {
      expect(rows).toHaveLength(1);
      expect(mine.map((e) => e.action)).toEqual(['action.escalated']);
    }
    // Run again at the same moment: nothing new for anyone.
    expect(runChase(t.core)).toMatchObject({ messages: 0, chased: 0, escalated: 0 });
    t.db.$client.close();
  });
});
