// The stage policy of a reminder cadence: what the one planner (plan-reminders.ts) is given to
// remind anything of anyone. An item (an evidence request, a corrective action, …) has an owner
// who still owes something; one or more tracks say which stage has come on the owner's working
// day; a track may escalate, and the policy names whom. Everything else — working hours in each
// person's own time zone, never repeating a stage, sending only the latest stage after downtime,
// one message per person per run — is the planner's, the same for every user.

/** Someone a reminder may go to; `manager` is an e-mail. */
export interface ReminderPerson {
  email: string;
  timezone: string | null;
  manager: string | null;
  active: boolean;
  /** Their holidays as day numbers (shared/holidays.ts); absent: none. */
  holidays?: ReadonlySet<number>;
}

/** The owner's working calendar on the day of the run. */
export interface OwnerDay {
  /** The owner's local date as a day number (working-time.ts `dayNumber`). */
  today: number;
  /** The working weekdays as a bit mask (working-time.ts `workingDayMask`). */
  mask: number;
  /** The owner's IANA time zone (the organisation's when they have none). */
  timezone: string;
  /** The owner's holidays as day numbers: not working days, whatever the weekday. */
  holidays?: ReadonlySet<number>;
}

/** The stage of a track that has come. */
export interface StageNow<K extends string> {
  kind: K;
  /**
   * k of the k-th overdue reminder, whose stage is named `overdue-k`; 0 for every other stage,
   * which is named by its kind. Escalation counts these.
   */
  overdueCount: number;
  /** Working days, as the message tells them: e.g. until the due date, or since it. */
  workingDays: number;
}

/** One cadence an item runs on, such as "before and after the due date" or "no plan yet". */
export interface ReminderTrack<Item, K extends string> {
  /**
   * The prefix every stage of the item's current cycle on this track shares, e.g.
   * `bo@acme.example/2027-02-03/`. A new owner or a new due date is a new cycle, so the
   * cadence starts afresh instead of being silenced by stages queued for the old one.
   */
  cycle(item: Item): string;
  /** The stage that has come on the owner's day; null when none has. */
  stageOn(item: Item, day: OwnerDay): StageNow<K> | null;
  /**
   * Once the owner has been sent this many overdue reminders in a cycle (now or before), the
   * policy's escalation targets are told, each once per cycle. Absent: the track never escalates.
   */
  escalateAfter?: number;
}

/** Someone told when an item escalates, and in which capacity (e.g. `manager`, `lead`). */
export interface EscalationTarget<R extends string> {
  email: string;
  as: R;
}

export interface ReminderPolicy<Item, K extends string, R extends string> {
  /** Whether the owner still owes something on the item; an item that is not is never reminded. */
  awaiting(item: Item): boolean;
  /** The e-mail of the person who owes it. */
  owner(item: Item): string;
  /** The tracks, in the order their stages are listed to the owner. */
  tracks: readonly ReminderTrack<Item, K>[];
  /**
   * Who is told when a track escalates, in order. The planner drops the owner and anyone
   * inactive or unknown, and tells someone named twice once, in both capacities.
   */
  escalateTo(item: Item, owner: ReminderPerson): readonly EscalationTarget<R>[];
  /**
   * Optional: when the targets depend only on the owner and this key of the item (e.g. its
   * audit), the planner asks for them once per owner and key in a run instead of per item.
   */
  escalationGroup?(item: Item): string;
  /** The order of items within one person's message. */
  compare(a: Item, b: Item): number;
}

/** A reminder to the owner, planned now. */
export interface PlannedReminder<Item, K extends string> {
  type: 'reminder';
  item: Item;
  /** The full stage name, e.g. `bo@acme.example/2027-01-18/overdue-1`. */
  stage: string;
  kind: K;
  overdueCount: number;
  workingDays: number;
}

/** An escalation to someone other than the owner, planned now. */
export interface PlannedEscalation<Item, R extends string> {
  type: 'escalation';
  item: Item;
  /** E.g. `bo@acme.example/2027-01-18/escalate:cto@acme.example`. */
  stage: string;
  /** Why this recipient is told. */
  as: R[];
  /** Working days since the due date (the escalating stage's `workingDays`). */
  workingDaysLate: number;
  /** Reminders the owner has had in this cycle, this run's included. */
  remindersSent: number;
}

export type Planned<Item, K extends string, R extends string> = PlannedReminder<Item, K> | PlannedEscalation<Item, R>;

/** Everything one person is sent in one run: one message. */
export interface ReminderBundle<Item, K extends string, R extends string> {
  recipient: string;
  items: Planned<Item, K, R>[];
}

/** The name of a stage within its cycle: `overdue-k` for the k-th overdue reminder, else its kind. */
export const stepName = (stage: StageNow<string>): string => (stage.overdueCount > 0 ? `overdue-${stage.overdueCount}` : stage.kind);

/** The full name of the stage a track has come to for an item, or null when none has. */
export function currentStageName<Item>(track: ReminderTrack<Item, string>, item: Item, day: OwnerDay): string | null {
  const stage = track.stageOn(item, day);
  return stage ? track.cycle(item) + stepName(stage) : null;
}

/** The stage of an escalation to `email` within a cycle. */
export const escalationStage = (cycle: string, email: string): string => `${cycle}escalate:${email}`;
