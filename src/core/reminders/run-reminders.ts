// The one reminder runner: reads the items and who has been sent what, plans with the job's
// policy (plan-reminders.ts) and queues one message per person. In ONE transaction it writes
// the outbox rows (each keyed by its recipient and exactly the stages it carries), one
// `reminders` row per item and stage, and a trail event for each. The plan skips every stage
// already recorded, so running twice in the same minute queues nothing new, and a crash after
// queueing (the outbox row still pending) cannot make the next run queue a stage again: the
// row is delivered once, later.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { TrailEventBody, Tx } from '../ports.js';
import type { Actor } from '../shared/actor.js';
import { notifyPerson } from '../shared/notify.js';
import { organisationTimezone, workingHoursOf, type PersonRecord } from '../shared/people.js';
import { holidayDaysFor } from '../shared/holidays.js';
import { planReminders } from './plan-reminders.js';
import type { Planned, ReminderBundle, ReminderPerson, ReminderPolicy } from './policy.js';

/** What one user of the engine (a scheduled job) brings: its items, policy, messages and records. */
export interface ReminderJob<Item, K extends string, R extends string> {
  /** The items that may be reminded, read in the run's transaction. */
  items(tx: Tx): readonly Item[];
  /** The subject of an item's `reminders` rows and trail events, e.g. `evidence:42`. */
  subject(item: Item): string;
  /** The policy for this run; `people` is everyone, inactive people included, by e-mail. */
  policy(tx: Tx, items: readonly Item[], people: ReadonlyMap<string, PersonRecord>): ReminderPolicy<Item, K, R>;
  /** The outbox idempotency key of a bundle (see `reminderBundleKey`). */
  key(bundle: ReminderBundle<Item, K, R>): string;
  /** The one message a person gets for their bundle. */
  message(bundle: ReminderBundle<Item, K, R>, recipient: PersonRecord, people: ReadonlyMap<string, PersonRecord>): Message;
  /** The trail event that records one stage queued to `to`. */
  trailEvent(planned: Planned<Item, K, R>, to: string): TrailEventBody;
}

export interface ReminderRunCounts {
  /** Messages queued, one per person. */
  messages: number;
  /** Reminder stages queued to owners. */
  reminded: number;
  /** Escalation stages queued to others. */
  escalated: number;
  /** Items the plan looked at. */
  open: number;
}

export function runReminderJob<Item, K extends string, R extends string>(core: Core, job: ReminderJob<Item, K, R>, actor: Actor): ReminderRunCounts {
  return core.store.transaction((tx) => {
    const now = core.clock.now();
    const at = now.toISOString();
    const items = job.items(tx);
    const counts: ReminderRunCounts = { messages: 0, reminded: 0, escalated: 0, open: items.length };
    if (items.length === 0) return counts;

    const everyone = tx.organisation.listPeople({ includeInactive: true });
    const records = new Map<string, PersonRecord>(everyone.map((p) => [p.email, p]));
    const holidays = tx.organisation.getOrganisation()?.holidays ?? [];
    const people = new Map<string, ReminderPerson>(
      everyone.map((p) => [
        p.email,
        { email: p.email, timezone: p.timezone, manager: p.manager?.toLowerCase() ?? null, active: p.active, ...(holidays.length > 0 ? { holidays: holidayDaysFor(holidays, p) } : {}) },
      ]),
    );
    const subjects = items.map((item) => job.subject(item));
    const bySubject = tx.reminders.sent(subjects);
    const sent = new Map<Item, Set<string>>();
    items.forEach((item, i) => {
      const stages = bySubject.get(subjects[i] ?? '');
      if (stages) sent.set(item, stages);
    });

    const bundles = planReminders({
      now,
      timezone: organisationTimezone(tx, core),
      workingHours: workingHoursOf(core),
      items,
      people,
      policy: job.policy(tx, items, records),
      sentFor: (item) => sent.get(item),
    });

    for (const bundle of bundles) {
      const recipient = records.get(bundle.recipient);
      if (!recipient) continue;
      if (notifyPerson(tx, core, recipient, job.key(bundle), job.message(bundle, recipient, records))) counts.messages++;
      for (const planned of bundle.items) {
        const subject = job.subject(planned.item);
        if (!tx.reminders.record(subject, planned.stage, at)) continue;
        tx.trail.append({ ...job.trailEvent(planned, bundle.recipient), actor: actor.email, subject, channel: actor.channel });
        if (planned.type === 'escalation') counts.escalated++;
        else counts.reminded++;
      }
    }
    return counts;
  });
}
