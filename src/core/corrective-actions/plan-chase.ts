// The corrective-action chase, as a stage policy of the reminder engine (src/core/reminders).
// For each action whose owner still has something to do (open or planned):
//   - `no-plan`: once, when it is still open (no plan) 5 working days after it was opened;
//   - `due-soon`: once, from 5 working days before the due date;
//   - `overdue-k`: on the first working day after the due date, then every 3 working days
//     (k = 1, 2, …);
//   - after the second overdue reminder, one escalation each to the owner's manager and to
//     every audit lead;
//   - `verify` (issue 14.6): an implemented action waits for its verifiers (the auditor who raised
//     the finding, or the audit leads independent of the owner); each verifier is its own item
//     of the engine, reminded 5 working days after it was marked implemented and then every
//     5 working days (stage `overdue-k` of the cycle `verify:<verifier>/<implemented on>/`);
//     after the second reminder the audit leads who are not verifiers of it are told, once.
// Days are counted in the owner's time zone. The engine's rules are those of the evidence nudges
// (plan-nudges.ts): only the latest due-date stage that has come is sent (after downtime nobody
// gets a pile of stale reminders), a stage already queued is never planned again, a person is
// only messaged within their own working hours, and everything one person gets in one run is one
// message. Due-date stages carry the owner and the due date, so an extension or a "not
// effective" verdict with a new due date starts a fresh cadence.
import { reminderBundleKey } from '../reminders/plan-reminders.js';
import type { EscalationTarget, ReminderBundle, ReminderPolicy, ReminderTrack } from '../reminders/policy.js';
import { countWorkingDays, dayNumber, localTime } from '../shared/working-time.js';
import { CHASED_STATUSES, type CorrectiveActionRecord } from './types.js';

export const NO_PLAN_AFTER_WORKING_DAYS = 5;
export const DUE_SOON_WORKING_DAYS = 5;
export const OVERDUE_EVERY_WORKING_DAYS = 3;
/** The overdue reminder after which the manager and the leads are told. */
export const ESCALATE_AFTER_OVERDUE = 2;

export const VERIFY_AFTER_WORKING_DAYS = 5;
export const VERIFY_EVERY_WORKING_DAYS = 5;
/** The verification reminder after which the audit leads are told. */
export const ESCALATE_AFTER_VERIFY = 2;

/**
 * One item of the chase: an action its owner still has to do something about, or, with
 * `verifier` set, an implemented action waiting for that verifier (one item per verifier).
 */
export type ChaseAction = Pick<CorrectiveActionRecord, 'id' | 'findingId' | 'owner' | 'status' | 'due' | 'openedAt' | 'implementedAt'> & {
  verifier?: string;
  /** Everyone asked to verify it; only with `verifier`. */
  verifiers?: readonly string[];
};

export type ChaseKind = 'no-plan' | 'due-soon' | 'overdue' | 'verify';

/** Who an escalation tells, and why. */
export type ChaseEscalationRole = 'manager' | 'lead';

export type ChaseBundle<A extends ChaseAction = ChaseAction> = ReminderBundle<A, ChaseKind, ChaseEscalationRole>;

export const duePrefix = (owner: string, due: string): string => `${owner}/${due}/`;
export const noPlanStage = (owner: string): string => `${owner}/no-plan`;

/** The due-date stage that has come, seen from the owner's `today`; null when none has. */
export function currentDueStage(today: number, due: number, mask: number, holidays?: ReadonlySet<number>): { kind: 'due-soon' | 'overdue'; overdueCount: number; workingDays: number } | null {
  if (today <= due) {
    const left = countWorkingDays(today, due, mask, holidays);
    return left <= DUE_SOON_WORKING_DAYS ? { kind: 'due-soon', overdueCount: 0, workingDays: left } : null;
  }
  const late = countWorkingDays(due + 1, today + 1, mask, holidays);
  if (late === 0) return null;
  return { kind: 'overdue', overdueCount: Math.floor((late - 1) / OVERDUE_EVERY_WORKING_DAYS) + 1, workingDays: late };
}

/** Before and after the due date; the second overdue reminder escalates. */
export const dueTrack: ReminderTrack<ChaseAction, ChaseKind> = {
  cycle: (a) => duePrefix(a.owner, a.due),
  // The owner has nothing left to do once it is implemented: the verifier does.
  stageOn: (a, day) => (a.verifier === undefined && a.status !== 'implemented' ? currentDueStage(day.today, dayNumber(a.due), day.mask, day.holidays) : null),
  escalateAfter: ESCALATE_AFTER_OVERDUE,
};

/** The verifier's reminders, seen from the verifier's `today`: the k-th on the 5k-th working day after it was implemented. */
export function currentVerifyStage(today: number, implemented: number, mask: number, holidays?: ReadonlySet<number>): { kind: 'verify'; overdueCount: number; workingDays: number } | null {
  const since = countWorkingDays(implemented + 1, today + 1, mask, holidays);
  if (since < VERIFY_AFTER_WORKING_DAYS) return null;
  return { kind: 'verify', overdueCount: Math.floor((since - VERIFY_AFTER_WORKING_DAYS) / VERIFY_EVERY_WORKING_DAYS) + 1, workingDays: since };
}

/** The stage prefix of a verifier's reminders of one implementation (a new one after "not effective" starts afresh). */
export const verifyPrefix = (verifier: string, implementedOn: string): string => `verify:${verifier}/${implementedOn}/`;

/** Reminds a verifier of an implemented action; the second reminder escalates to the audit leads. */
export const verifyTrack: ReminderTrack<ChaseAction, ChaseKind> = {
  cycle: (a) => verifyPrefix(a.verifier ?? '', (a.implementedAt ?? '').slice(0, 10)),
  stageOn(a, day) {
    if (a.verifier === undefined || a.status !== 'implemented' || !a.implementedAt) return null;
    const implemented = dayNumber(localTime(new Date(a.implementedAt), day.timezone).date);
    return currentVerifyStage(day.today, implemented, day.mask, day.holidays);
  },
  escalateAfter: ESCALATE_AFTER_VERIFY,
};

/** Once, while an action opened some working days ago still has no plan. */
export const noPlanTrack: ReminderTrack<ChaseAction, ChaseKind> = {
  cycle: (a) => `${a.owner}/`,
  stageOn(a, day) {
    if (a.status !== 'open' || a.verifier !== undefined) return null;
    const opened = dayNumber(localTime(new Date(a.openedAt), day.timezone).date);
    const since = countWorkingDays(opened + 1, day.today + 1, day.mask, day.holidays);
    return since >= NO_PLAN_AFTER_WORKING_DAYS ? { kind: 'no-plan', overdueCount: 0, workingDays: since } : null;
  },
};

const chased = new Set<string>(CHASED_STATUSES);

/** The chase policy; `leads` are the e-mails of the audit leads, told of an action long overdue. */
export function chasePolicy<A extends ChaseAction>(leads: readonly string[]): ReminderPolicy<A, ChaseKind, ChaseEscalationRole> {
  const asLeads = leads.map((email) => ({ email, as: 'lead' as const }));
  return {
    awaiting: (a) => (a.verifier === undefined ? chased.has(a.status) : a.status === 'implemented'),
    owner: (a) => a.verifier ?? a.owner,
    tracks: [noPlanTrack, dueTrack, verifyTrack],
    // A verification waits on its verifiers: the leads who are not among them are told; the
    // verifier's manager has nothing to do with it.
    escalateTo: (a, owner): EscalationTarget<ChaseEscalationRole>[] => {
      if (a.verifier !== undefined) return asLeads.filter((l) => !a.verifiers?.includes(l.email));
      return owner.manager ? [{ email: owner.manager, as: 'manager' }, ...asLeads] : asLeads;
    },
    // The same people for every action of an owner, and for every verification with the same verifiers.
    escalationGroup: (a) => (a.verifier === undefined ? '' : `verify:${a.verifiers?.join(',') ?? ''}`),
    compare: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  };
}

/** The outbox key of a bundle: the recipient and a hash of exactly the stages it carries. */
export const chaseBundleKey = (bundle: ChaseBundle): string => reminderBundleKey('chase:action', bundle, (a) => (a.verifier === undefined ? a.id : `${a.id}/verify`));
