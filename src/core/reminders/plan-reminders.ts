// The one reminder planner, a pure function of state and clock. Given items, a stage policy
// (policy.ts) and who has been sent what, it plans what is due now:
//   - each track's latest stage that has come, to the owner, in the owner's working hours, unless
//     it was queued before (after downtime nobody gets a pile of stale reminders: only the
//     latest stage is ever sent);
//   - once an escalating track's cycle has had its `escalateAfter`-th overdue reminder, one
//     escalation to each of the policy's targets, in their own working hours, once per cycle;
//   - everything one person gets in one run as one bundle (one message).
// Days are counted in each person's own time zone (the organisation's for those without one).
import { createHash } from 'node:crypto';
import { DEFAULT_WORKING_HOURS, dayNumber, isWithinWorkingHoursAt, localTime, workingDayMask, type WorkingHours } from '../shared/working-time.js';
import { escalationStage, stepName, type EscalationTarget, type OwnerDay, type Planned, type ReminderBundle, type ReminderPerson, type ReminderPolicy } from './policy.js';

export interface PlanRemindersInput<Item, K extends string, R extends string> {
  now: Date;
  /** The organisation's time zone, for people without their own. */
  timezone: string;
  workingHours?: WorkingHours;
  items: readonly Item[];
  /** Everyone, inactive people included, by e-mail. */
  people: ReadonlyMap<string, ReminderPerson>;
  policy: ReminderPolicy<Item, K, R>;
  /** The stages already queued for an item (its `reminders` rows). */
  sentFor(item: Item): ReadonlySet<string> | undefined;
}

interface Clock {
  today: number;
  inHours: boolean;
}

interface Owner<R extends string> {
  person: ReminderPerson;
  inHours: boolean;
  day: OwnerDay;
  /** Escalation targets by escalation group. */
  targets: Map<string, Target<R>[]>;
}

export function planReminders<Item, K extends string, R extends string>(input: PlanRemindersInput<Item, K, R>): ReminderBundle<Item, K, R>[] {
  const { policy, people } = input;
  const hours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const mask = workingDayMask(hours);
  // Cached per run: people share a handful of time zones, and owners have many items each, so
  // the hot loop mostly does map lookups.
  // Holidays differ by team and country, so clocks are kept per holiday set and time zone.
  const clocks = new Map<ReadonlySet<number> | undefined, Map<string, Clock>>();
  const clockOf = (timezone: string, holidays: ReadonlySet<number> | undefined): Clock => {
    let zones = clocks.get(holidays);
    if (!zones) clocks.set(holidays, (zones = new Map()));
    let c = zones.get(timezone);
    if (!c) {
      const local = localTime(input.now, timezone);
      c = { today: dayNumber(local.date), inHours: isWithinWorkingHoursAt(local, holidays ? { ...hours, holidays } : hours) };
      zones.set(timezone, c);
    }
    return c;
  };
  const zoneOf = (p: ReminderPerson): string => p.timezone ?? input.timezone;
  const owners = new Map<string, Owner<R> | null>();
  const ownerOf = (email: string): Owner<R> | null => {
    let o = owners.get(email);
    if (o === undefined) {
      const person = people.get(email);
      if (person?.active) {
        const timezone = zoneOf(person);
        const clock = clockOf(timezone, person.holidays);
        o = { person, inHours: clock.inHours, day: { today: clock.today, mask, timezone, ...(person.holidays ? { holidays: person.holidays } : {}) }, targets: new Map() };
      } else o = null;
      owners.set(email, o);
    }
    return o;
  };
  const resolve = (item: Item, owner: Owner<R>): Target<R>[] => targetsOf(policy.escalateTo(item, owner.person), owner.person.email, people, (p) => clockOf(zoneOf(p), p.holidays));
  // With an escalation group the targets are resolved once per owner and group.
  const group = policy.escalationGroup;
  const targetsFor = (item: Item, owner: Owner<R>): Target<R>[] => {
    if (!group) return resolve(item, owner);
    const key = group(item);
    let targets = owner.targets.get(key);
    if (!targets) owner.targets.set(key, (targets = resolve(item, owner)));
    return targets;
  };
  const byRecipient = new Map<string, Planned<Item, K, R>[]>();
  const add = (recipient: string, planned: Planned<Item, K, R>) => {
    const list = byRecipient.get(recipient);
    if (list) list.push(planned);
    else byRecipient.set(recipient, [planned]);
  };

  for (const item of input.items) {
    if (!policy.awaiting(item)) continue;
    const ownerEmail = policy.owner(item);
    const owner = ownerOf(ownerEmail);
    if (!owner) continue;
    // Looked up once a stage has come: most items have none on most days.
    let sent: ReadonlySet<string> | undefined | null = null;
    for (const track of policy.tracks) {
      const after = track.escalateAfter;
      // Outside the owner's working hours only an escalation can be due.
      if (!owner.inHours && after === undefined) continue;
      const current = track.stageOn(item, owner.day);
      if (!current) continue;
      if (!owner.inHours && (after === undefined || current.overdueCount < after)) continue;
      const cycle = track.cycle(item);
      const stage = cycle + stepName(current);
      if (sent === null) sent = input.sentFor(item);
      const queuedBefore = sent?.has(stage) === true;
      const remindNow = owner.inHours && !queuedBefore;
      if (remindNow) add(ownerEmail, { type: 'reminder', item, stage, kind: current.kind, overdueCount: current.overdueCount, workingDays: current.workingDays });
      if (after === undefined || current.overdueCount < after) continue;

      // The current stage is the escalating one or later, so its being queued (now or before) is enough.
      let thresholdQueued = remindNow || queuedBefore;
      for (let k = after; k <= current.overdueCount && !thresholdQueued; k++) thresholdQueued = sent?.has(`${cycle}overdue-${k}`) === true;
      if (!thresholdQueued) continue;

      let remindersSent = -1;
      for (const target of targetsFor(item, owner)) {
        if (!target.clock.inHours) continue;
        const escalation = escalationStage(cycle, target.email);
        if (sent?.has(escalation)) continue;
        if (remindersSent < 0) remindersSent = countReminders(sent, cycle) + (remindNow ? 1 : 0);
        add(target.email, { type: 'escalation', item, stage: escalation, as: target.as, workingDaysLate: current.workingDays, remindersSent });
      }
    }
  }

  return [...byRecipient.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipient, items]) => ({
      recipient,
      // Reminders before escalations; within each, the policy's order (a stable sort keeps the tracks' order).
      items: items.sort((a, b) => (a.type === b.type ? policy.compare(a.item, b.item) : a.type === 'reminder' ? -1 : 1)),
    }));
}

/** Someone an escalation may go to, with the clock of their own time zone. */
interface Target<R extends string> {
  email: string;
  as: R[];
  clock: Clock;
}

/** The targets to tell, without the owner and anyone inactive or unknown; someone named twice is told once, in both capacities. */
function targetsOf<R extends string>(targets: readonly EscalationTarget<R>[], owner: string, people: ReadonlyMap<string, ReminderPerson>, clockOf: (p: ReminderPerson) => Clock): Target<R>[] {
  const merged: Target<R>[] = [];
  for (const t of targets) {
    const person = people.get(t.email);
    if (t.email === owner || !person?.active) continue;
    const same = merged.find((m) => m.email === t.email);
    if (same) same.as.push(t.as);
    else merged.push({ email: t.email, as: [t.as], clock: clockOf(person) });
  }
  return merged;
}

/** Reminders of one cycle already queued: its stages other than escalations. */
function countReminders(sent: ReadonlySet<string> | undefined, cycle: string): number {
  let count = 0;
  for (const s of sent ?? []) if (s.startsWith(cycle) && !s.startsWith('escalate:', cycle.length)) count++;
  return count;
}

/**
 * The outbox idempotency key of a bundle: `<prefix>:<recipient>:<hash>`, the hash covering exactly
 * the stages it carries, so the same stages can never be queued twice for the same person.
 */
export function reminderBundleKey<Item>(prefix: string, bundle: { recipient: string; items: readonly { item: Item; stage: string }[] }, idOf: (item: Item) => string | number): string {
  const stages = bundle.items.map((n) => `${idOf(n.item)}|${n.stage}`).sort();
  const hash = createHash('sha256').update(stages.join('\n')).digest('hex').slice(0, 16);
  return `${prefix}:${bundle.recipient}:${hash}`;
}
