// The nudge cadence as a pure function of state and clock. For each request whose owner still
// owes evidence:
//   - `before`: from 2 working days before the due date,
//   - `due`: on the due day,
//   - `overdue-k`: every 2 working days while overdue (k = 1, 2, …),
//   - after the second overdue reminder, one escalation each to the owner's manager and to the
//     audit's lead auditor.
// Days are counted in the owner's time zone. Only the latest stage that has come is ever sent
// (after downtime nobody gets a pile of stale reminders), a stage already queued is never
// planned again, and a person is only messaged within their own working hours. Stages carry
// the owner and the due date, so a snooze, a request for more or a reassignment starts a fresh
// cadence instead of being silenced by the old one.
import { createHash } from 'node:crypto';
import { AWAITING_OWNER, type EvidenceRequestRecord } from './types.js';
import { countWorkingDays, DEFAULT_WORKING_HOURS, dayNumber, isWithinWorkingHoursAt, localTime, workingDayMask, type WorkingHours } from '../shared/working-time.js';

export type NudgeRequest = Pick<EvidenceRequestRecord, 'id' | 'auditId' | 'requirement' | 'owner' | 'due' | 'status' | 'notMineReason'>;

export interface NudgePerson {
  email: string;
  timezone: string | null;
  manager: string | null;
  active: boolean;
}

export interface PlanNudgesInput {
  now: Date;
  /** The organisation's time zone, for people without their own. */
  timezone: string;
  workingHours?: WorkingHours;
  requests: readonly NudgeRequest[];
  people: ReadonlyMap<string, NudgePerson>;
  /** The lead auditor of each audit, by audit id. */
  leads: ReadonlyMap<string, string>;
  /** Stages already queued, by request id. */
  sent: ReadonlyMap<number, ReadonlySet<string>>;
}

export type ReminderKind = 'before' | 'due' | 'overdue';

export interface PlannedReminder {
  type: 'reminder';
  request: NudgeRequest;
  /** E.g. `bo@acme.example/2027-01-18/overdue-1`. */
  stage: string;
  kind: ReminderKind;
  /** k of `overdue-k`; 0 before and on the due day. */
  overdueCount: number;
  /** Working days until the due date (before it) or since it (after it), in the owner's calendar. */
  workingDays: number;
}

export interface PlannedEscalation {
  type: 'escalation';
  request: NudgeRequest;
  /** E.g. `bo@acme.example/2027-01-18/escalate:cto@acme.example`. */
  stage: string;
  /** Why this recipient is told. */
  as: ('manager' | 'lead')[];
  /** Working days since the due date. */
  workingDaysLate: number;
  /** Reminders the owner has had for this due date, this run's included. */
  remindersSent: number;
}

export type PlannedNudge = PlannedReminder | PlannedEscalation;

/** Everything one person is sent in one run: one message. */
export interface NudgeBundle {
  recipient: string;
  nudges: PlannedNudge[];
}

/** A reminder stage name, without the owner and due date. */
export const reminderStageName = (kind: ReminderKind, overdueCount: number): string => (kind === 'overdue' ? `overdue-${overdueCount}` : kind);

/** The prefix every stage of one owner's cadence for one due date shares. */
export const cyclePrefix = (owner: string, due: string): string => `${owner}/${due}/`;

const awaiting = new Set<string>(AWAITING_OWNER);

/** Which reminder stage has come for a due date, seen from the owner's `today`; null before it. */
export function currentReminder(today: number, due: number, mask: number): { kind: ReminderKind; overdueCount: number; workingDays: number } | null {
  if (today < due) {
    const left = countWorkingDays(today, due, mask);
    return left <= 2 ? { kind: 'before', overdueCount: 0, workingDays: left } : null;
  }
  if (today === due) return { kind: 'due', overdueCount: 0, workingDays: 0 };
  const late = countWorkingDays(due + 1, today + 1, mask);
  const k = Math.floor(late / 2);
  return k === 0 ? { kind: 'due', overdueCount: 0, workingDays: late } : { kind: 'overdue', overdueCount: k, workingDays: late };
}

interface Clock {
  today: number;
  inHours: boolean;
}

/** Someone an escalation may go to, and why; built once per run and shared by every nudge. */
interface Escalatee {
  email: string;
  inHours: boolean;
  as: ('manager' | 'lead')[];
}

interface OwnerView {
  clock: Clock;
  /** The owner's manager (when active and not the owner), as manager only and as manager and lead. */
  manager: { alone: Escalatee; alsoLead: Escalatee } | null;
}

export function planNudges(input: PlanNudgesInput): NudgeBundle[] {
  const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const mask = workingDayMask(hours);
  // Everything below is cached per run: owners share a handful of time zones and due dates,
  // and each owner has many requests, so the hot loop mostly does map lookups.
  const clocks = new Map<string, Clock>();
  const clockOf = (timezone: string): Clock => {
    let c = clocks.get(timezone);
    if (!c) {
      const local = localTime(input.now, timezone);
      c = { today: dayNumber(local.date), inHours: isWithinWorkingHoursAt(local, hours) };
      clocks.set(timezone, c);
    }
    return c;
  };
  const owners = new Map<string, OwnerView | null>();
  const ownerOf = (email: string): OwnerView | null => {
    let o = owners.get(email);
    if (o === undefined) {
      const p = input.people.get(email);
      const m = p?.manager ? input.people.get(p.manager) : undefined;
      let manager: OwnerView['manager'] = null;
      if (p && m?.active && m.email !== p.email) {
        const inHours = clockOf(m.timezone ?? input.timezone).inHours;
        manager = { alone: { email: m.email, inHours, as: ['manager'] }, alsoLead: { email: m.email, inHours, as: ['manager', 'lead'] } };
      }
      o = p?.active ? { clock: clockOf(p.timezone ?? input.timezone), manager } : null;
      owners.set(email, o);
    }
    return o;
  };
  const leads = new Map<string, Escalatee | null>();
  const leadOf = (auditId: string): Escalatee | null => {
    let l = leads.get(auditId);
    if (l === undefined) {
      const email = input.leads.get(auditId);
      const p = email ? input.people.get(email) : undefined;
      l = p?.active ? { email: p.email, inHours: clockOf(p.timezone ?? input.timezone).inHours, as: ['lead'] } : null;
      leads.set(auditId, l);
    }
    return l;
  };
  const stages = new Map<number, ReturnType<typeof currentReminder>>();
  const stageOf = (today: number, due: number) => {
    const key = today * 100_000 + due;
    let c = stages.get(key);
    if (c === undefined) stages.set(key, (c = currentReminder(today, due, mask)));
    return c;
  };
  const dueDays = new Map<string, number>();
  const byRecipient = new Map<string, PlannedNudge[]>();
  const add = (recipient: string, nudge: PlannedNudge) => {
    const list = byRecipient.get(recipient);
    if (list) list.push(nudge);
    else byRecipient.set(recipient, [nudge]);
  };

  for (const request of input.requests) {
    if (!awaiting.has(request.status) || request.notMineReason !== null) continue;
    const owner = ownerOf(request.owner);
    if (!owner) continue;
    let due = dueDays.get(request.due);
    if (due === undefined) dueDays.set(request.due, (due = dayNumber(request.due)));
    const current = stageOf(owner.clock.today, due);
    if (!current) continue;
    // Only the owner's working hours, or a possible escalation, make the rest worth computing.
    if (!owner.clock.inHours && current.overdueCount < 2) continue;

    const prefix = cyclePrefix(request.owner, request.due);
    const sent = input.sent.get(request.id);
    const stage = prefix + reminderStageName(current.kind, current.overdueCount);
    const queuedBefore = sent?.has(stage) === true;
    const remindNow = owner.clock.inHours && !queuedBefore;
    if (remindNow) add(request.owner, { type: 'reminder', request, stage, kind: current.kind, overdueCount: current.overdueCount, workingDays: current.workingDays });
    if (current.overdueCount < 2) continue;

    // The current stage is overdue-2 or later here, so its being queued (now or before) is enough.
    let secondReminderQueued = remindNow || queuedBefore;
    for (let k = 2; k <= current.overdueCount && !secondReminderQueued; k++) secondReminderQueued = sent?.has(`${prefix}overdue-${k}`) === true;
    if (!secondReminderQueued) continue;

    const lead = leadOf(request.auditId);
    const leadIsManager = lead !== null && owner.manager !== null && lead.email === owner.manager.alone.email;
    const first = owner.manager ? (leadIsManager ? owner.manager.alsoLead : owner.manager.alone) : null;
    const second = lead && !leadIsManager && lead.email !== request.owner ? lead : null;
    let remindersSent = -1;
    for (const r of [first, second]) {
      if (!r?.inHours) continue;
      const escalation = `${prefix}escalate:${r.email}`;
      if (sent?.has(escalation)) continue;
      if (remindersSent < 0) remindersSent = countReminders(sent, prefix) + (remindNow ? 1 : 0);
      add(r.email, { type: 'escalation', request, stage: escalation, as: r.as, workingDaysLate: current.workingDays, remindersSent });
    }
  }

  return [...byRecipient.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipient, nudges]) => ({
      recipient,
      nudges: nudges.sort((a, b) => (a.type === b.type ? a.request.id - b.request.id : a.type === 'reminder' ? -1 : 1)),
    }));
}

/** Reminder stages of one cycle already queued; of the stage names only `escalate:…` starts with "e". */
function countReminders(sent: ReadonlySet<string> | undefined, prefix: string): number {
  let count = 0;
  for (const s of sent ?? []) if (s.startsWith(prefix) && s.charCodeAt(prefix.length) !== 101) count++;
  return count;
}

/**
 * The outbox idempotency key of a bundle: the recipient and a hash of exactly the stages it
 * carries, so the same stages can never be queued twice for the same person.
 */
export function bundleKey(bundle: NudgeBundle): string {
  const stages = bundle.nudges.map((n) => `${n.request.id}|${n.stage}`).sort();
  const hash = createHash('sha256').update(stages.join('\n')).digest('hex').slice(0, 16);
  return `nudge:evidence:${bundle.recipient}:${hash}`;
}
