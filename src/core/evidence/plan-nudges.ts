// The evidence nudge cadence, as a stage policy of the reminder engine (src/core/reminders). For
// each request whose owner still owes evidence:
//   - `before`: from 2 working days before the due date,
//   - `due`: on the due day,
//   - `overdue-k`: every 2 working days while overdue (k = 1, 2, …),
//   - after the second overdue reminder, one escalation each to the owner's manager and to the
//     audit's lead auditor.
// Days are counted in the owner's time zone. The engine's rules apply: only the latest stage
// that has come is ever sent, a stage already queued is never planned again, and a person is
// only messaged within their own working hours. Stages carry the owner and the due date, so a
// snooze, a request for more or a reassignment starts a fresh cadence instead of being silenced
// by the old one.
import { planReminders, reminderBundleKey } from '../reminders/plan-reminders.js';
import type { ReminderBundle, ReminderPerson, ReminderPolicy, ReminderTrack } from '../reminders/policy.js';
import { AWAITING_OWNER, type EvidenceRequestRecord } from './types.js';
import { countWorkingDays, dayNumber, type WorkingHours } from '../shared/working-time.js';

export type NudgeRequest = Pick<EvidenceRequestRecord, 'id' | 'auditId' | 'requirement' | 'owner' | 'due' | 'status' | 'notMineReason'>;

export type NudgePerson = ReminderPerson;

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

/** Who an escalation tells, and why. */
export type EscalationRole = 'manager' | 'lead';

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
  as: EscalationRole[];
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

/** The second overdue reminder escalates. */
export const ESCALATE_AFTER_OVERDUE = 2;

/** A reminder stage name, without the owner and due date. */
export const reminderStageName = (kind: ReminderKind, overdueCount: number): string => (kind === 'overdue' ? `overdue-${overdueCount}` : kind);

/** The prefix every stage of one owner's cadence for one due date shares. */
export const cyclePrefix = (owner: string, due: string): string => `${owner}/${due}/`;

const awaiting = new Set<string>(AWAITING_OWNER);

/** Which reminder stage has come for a due date, seen from the owner's `today`; null before it. */
export function currentReminder(today: number, due: number, mask: number, holidays?: ReadonlySet<number>): { kind: ReminderKind; overdueCount: number; workingDays: number } | null {
  if (today < due) {
    const left = countWorkingDays(today, due, mask, holidays);
    return left <= 2 ? { kind: 'before', overdueCount: 0, workingDays: left } : null;
  }
  if (today === due) return { kind: 'due', overdueCount: 0, workingDays: 0 };
  const late = countWorkingDays(due + 1, today + 1, mask, holidays);
  const k = Math.floor(late / 2);
  return k === 0 ? { kind: 'due', overdueCount: 0, workingDays: late } : { kind: 'overdue', overdueCount: k, workingDays: late };
}

/**
 * The due-date track. Its caches live as long as the track: owners share a handful of due
 * dates and time zones, so a run mostly looks stages up.
 */
export function nudgeTrack(): ReminderTrack<NudgeRequest, ReminderKind> {
  const dueDays = new Map<string, number>();
  // By the owner's holidays (one set per team and country), then by day and due date.
  const stagesBy = new Map<ReadonlySet<number> | undefined, Map<number, ReturnType<typeof currentReminder>>>();
  return {
    cycle: (r) => cyclePrefix(r.owner, r.due),
    stageOn(r, day) {
      let due = dueDays.get(r.due);
      if (due === undefined) dueDays.set(r.due, (due = dayNumber(r.due)));
      const key = day.today * 100_000 + due;
      let stages = stagesBy.get(day.holidays);
      if (!stages) stagesBy.set(day.holidays, (stages = new Map()));
      let stage = stages.get(key);
      if (stage === undefined) stages.set(key, (stage = currentReminder(day.today, due, day.mask, day.holidays)));
      return stage;
    },
    escalateAfter: ESCALATE_AFTER_OVERDUE,
  };
}

/** The nudge policy; `leads` is the lead auditor of each audit, by audit id. */
export function nudgePolicy(leads: ReadonlyMap<string, string>): ReminderPolicy<NudgeRequest, ReminderKind, EscalationRole> {
  return {
    awaiting: (r) => awaiting.has(r.status) && r.notMineReason === null,
    owner: (r) => r.owner,
    tracks: [nudgeTrack()],
    escalateTo(r, owner) {
      const lead = leads.get(r.auditId);
      return [...(owner.manager ? [{ email: owner.manager, as: 'manager' as const }] : []), ...(lead ? [{ email: lead, as: 'lead' as const }] : [])];
    },
    escalationGroup: (r) => r.auditId,
    compare: (a, b) => a.id - b.id,
  };
}

/** The engine's bundle in the words of the nudge messages. */
export function nudgeBundle(bundle: ReminderBundle<NudgeRequest, ReminderKind, EscalationRole>): NudgeBundle {
  return {
    recipient: bundle.recipient,
    nudges: bundle.items.map((p): PlannedNudge => {
      if (p.type === 'reminder') return { type: 'reminder', request: p.item, stage: p.stage, kind: p.kind, overdueCount: p.overdueCount, workingDays: p.workingDays };
      return { type: 'escalation', request: p.item, stage: p.stage, as: p.as, workingDaysLate: p.workingDaysLate, remindersSent: p.remindersSent };
    }),
  };
}

export function planNudges(input: PlanNudgesInput): NudgeBundle[] {
  return planReminders({
    now: input.now,
    timezone: input.timezone,
    workingHours: input.workingHours,
    items: input.requests,
    people: input.people,
    policy: nudgePolicy(input.leads),
    sentFor: (r) => input.sent.get(r.id),
  }).map(nudgeBundle);
}

/** Outbox keys of nudges: `nudge:evidence:<person>:<hash of the stages>`. */
export const NUDGE_KEY_PREFIX = 'nudge:evidence';

/**
 * The outbox idempotency key of a bundle: the recipient and a hash of exactly the stages it
 * carries, so the same stages can never be queued twice for the same person.
 */
export const bundleKey = (bundle: NudgeBundle): string =>
  reminderBundleKey(NUDGE_KEY_PREFIX, { recipient: bundle.recipient, items: bundle.nudges.map((n) => ({ item: n.request, stage: n.stage })) }, (r) => r.id);
