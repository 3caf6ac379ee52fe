// The corrective-action chase as a pure function of state and clock. For each action whose
// owner still has something to do (open or planned):
//   - `no-plan`: once, when it is still open (no plan) 5 working days after it was opened;
//   - `due-soon`: once, from 5 working days before the due date;
//   - `overdue-k`: on the first working day after the due date, then every 3 working days
//     (k = 1, 2, …);
//   - after the second overdue reminder, one escalation each to the owner's manager and to
//     every audit lead.
// Days are counted in the owner's time zone. The rules are those of the evidence nudges
// (plan-nudges.ts): only the latest due-date stage that has come is sent (after downtime nobody
// gets a pile of stale reminders), a stage already queued is never planned again, a person is
// only messaged within their own working hours, and everything one person gets in one run is one
// message. Due-date stages carry the owner and the due date, so an extension or a "not
// effective" verdict with a new due date starts a fresh cadence.
import { createHash } from 'node:crypto';
import { countWorkingDays, DEFAULT_WORKING_HOURS, dayNumber, isWithinWorkingHoursAt, localTime, workingDayMask, type WorkingHours } from '../shared/working-time.js';
import { CHASED_STATUSES, type CorrectiveActionRecord } from './types.js';

export const NO_PLAN_AFTER_WORKING_DAYS = 5;
export const DUE_SOON_WORKING_DAYS = 5;
export const OVERDUE_EVERY_WORKING_DAYS = 3;
/** The overdue reminder after which the manager and the leads are told. */
export const ESCALATE_AFTER_OVERDUE = 2;

export type ChaseAction = Pick<CorrectiveActionRecord, 'id' | 'findingId' | 'owner' | 'status' | 'due' | 'openedAt'>;

export interface ChasePerson {
  email: string;
  timezone: string | null;
  manager: string | null;
  active: boolean;
}

export interface PlanChaseInput {
  now: Date;
  /** The organisation's time zone, for people without their own. */
  timezone: string;
  workingHours?: WorkingHours;
  actions: readonly ChaseAction[];
  people: ReadonlyMap<string, ChasePerson>;
  /** E-mails of the audit leads, told of an action long overdue. */
  leads: readonly string[];
  /** Stages already queued, by action id. */
  sent: ReadonlyMap<string, ReadonlySet<string>>;
}

export type ChaseKind = 'no-plan' | 'due-soon' | 'overdue';

export interface PlannedChase {
  type: 'chase';
  action: ChaseAction;
  /** E.g. `bo@acme.example/2027-02-03/overdue-1` or `bo@acme.example/no-plan`. */
  stage: string;
  kind: ChaseKind;
  /** k of `overdue-k`; 0 otherwise. */
  overdueCount: number;
  /** Working days since opening (no-plan), until the due date (due-soon) or since it (overdue). */
  workingDays: number;
}

export interface PlannedActionEscalation {
  type: 'escalation';
  action: ChaseAction;
  /** E.g. `bo@acme.example/2027-02-03/escalate:lena@acme.example`. */
  stage: string;
  as: ('manager' | 'lead')[];
  workingDaysLate: number;
  /** Reminders the owner has had for this due date, this run's included. */
  remindersSent: number;
}

export type PlannedChaseItem = PlannedChase | PlannedActionEscalation;

export interface ChaseBundle {
  recipient: string;
  items: PlannedChaseItem[];
}

export const duePrefix = (owner: string, due: string): string => `${owner}/${due}/`;
export const noPlanStage = (owner: string): string => `${owner}/no-plan`;

/** The due-date stage that has come, seen from the owner's `today`; null when none has. */
export function currentDueStage(today: number, due: number, mask: number): { kind: 'due-soon' | 'overdue'; overdueCount: number; workingDays: number } | null {
  if (today <= due) {
    const left = countWorkingDays(today, due, mask);
    return left <= DUE_SOON_WORKING_DAYS ? { kind: 'due-soon', overdueCount: 0, workingDays: left } : null;
  }
  const late = countWorkingDays(due + 1, today + 1, mask);
  if (late === 0) return null;
  return { kind: 'overdue', overdueCount: Math.floor((late - 1) / OVERDUE_EVERY_WORKING_DAYS) + 1, workingDays: late };
}

/** The name of a due-date stage, e.g. `bo@acme.example/2027-02-03/overdue-2`. */
export const dueStageName = (owner: string, due: string, stage: { kind: 'due-soon' | 'overdue'; overdueCount: number }): string =>
  duePrefix(owner, due) + (stage.kind === 'overdue' ? `overdue-${stage.overdueCount}` : 'due-soon');

const chased = new Set<string>(CHASED_STATUSES);

export function planChase(input: PlanChaseInput): ChaseBundle[] {
  const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const mask = workingDayMask(hours);
  const clocks = new Map<string, { today: number; inHours: boolean }>();
  const clockOf = (timezone: string) => {
    let c = clocks.get(timezone);
    if (!c) {
      const local = localTime(input.now, timezone);
      c = { today: dayNumber(local.date), inHours: isWithinWorkingHoursAt(local, hours) };
      clocks.set(timezone, c);
    }
    return c;
  };
  const timezoneOf = (p: ChasePerson): string => p.timezone ?? input.timezone;
  const byRecipient = new Map<string, PlannedChaseItem[]>();
  const add = (recipient: string, item: PlannedChaseItem) => {
    const list = byRecipient.get(recipient);
    if (list) list.push(item);
    else byRecipient.set(recipient, [item]);
  };

  for (const action of input.actions) {
    if (!chased.has(action.status)) continue;
    const owner = input.people.get(action.owner);
    if (!owner?.active) continue;
    const clock = clockOf(timezoneOf(owner));
    const sent = input.sent.get(action.id);

    if (action.status === 'open' && clock.inHours) {
      const opened = dayNumber(localTime(new Date(action.openedAt), timezoneOf(owner)).date);
      const since = countWorkingDays(opened + 1, clock.today + 1, mask);
      const stage = noPlanStage(action.owner);
      if (since >= NO_PLAN_AFTER_WORKING_DAYS && !sent?.has(stage)) add(action.owner, { type: 'chase', action, stage, kind: 'no-plan', overdueCount: 0, workingDays: since });
    }

    const current = currentDueStage(clock.today, dayNumber(action.due), mask);
    if (!current) continue;
    // Only the owner's working hours, or a possible escalation, make the rest worth computing.
    if (!clock.inHours && current.overdueCount < ESCALATE_AFTER_OVERDUE) continue;
    const prefix = duePrefix(action.owner, action.due);
    const stage = dueStageName(action.owner, action.due, current);
    const remindNow = clock.inHours && !sent?.has(stage);
    if (remindNow) add(action.owner, { type: 'chase', action, stage, kind: current.kind, overdueCount: current.overdueCount, workingDays: current.workingDays });
    if (current.overdueCount < ESCALATE_AFTER_OVERDUE) continue;

    let secondQueued = remindNow;
    for (let k = ESCALATE_AFTER_OVERDUE; k <= current.overdueCount && !secondQueued; k++) secondQueued = sent?.has(`${prefix}overdue-${k}`) === true;
    if (!secondQueued) continue;

    const recipients = new Map<string, ('manager' | 'lead')[]>();
    const manager = owner.manager ? input.people.get(owner.manager) : undefined;
    if (manager?.active && manager.email !== owner.email) recipients.set(manager.email, ['manager']);
    for (const email of input.leads) {
      const lead = input.people.get(email);
      if (lead?.active && lead.email !== owner.email) recipients.set(lead.email, [...(recipients.get(lead.email) ?? []), 'lead']);
    }
    let remindersSent = -1;
    for (const [email, as] of recipients) {
      const escalation = `${prefix}escalate:${email}`;
      if (sent?.has(escalation)) continue;
      const person = input.people.get(email);
      if (!person || !clockOf(timezoneOf(person)).inHours) continue;
      if (remindersSent < 0) remindersSent = countReminders(sent, prefix) + (remindNow ? 1 : 0);
      add(email, { type: 'escalation', action, stage: escalation, as, workingDaysLate: current.workingDays, remindersSent });
    }
  }

  return [...byRecipient.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipient, items]) => ({
      recipient,
      items: items.sort((a, b) => (a.type === b.type ? (a.action.id < b.action.id ? -1 : a.action.id > b.action.id ? 1 : 0) : a.type === 'chase' ? -1 : 1)),
    }));
}

function countReminders(sent: ReadonlySet<string> | undefined, prefix: string): number {
  let count = 0;
  for (const s of sent ?? []) if (s.startsWith(prefix) && !s.startsWith(`${prefix}escalate:`)) count++;
  return count;
}

/** The outbox key of a bundle: the recipient and a hash of exactly the stages it carries. */
export function chaseBundleKey(bundle: ChaseBundle): string {
  const stages = bundle.items.map((n) => `${n.action.id}|${n.stage}`).sort();
  const hash = createHash('sha256').update(stages.join('\n')).digest('hex').slice(0, 16);
  return `chase:action:${bundle.recipient}:${hash}`;
}
