// Runs the scheduled jobs and the outbox dispatcher over a stretch of simulated time, jumping
// from one moment something happens to the next (a job's cron slot, a notification's delivery
// moment) instead of waiting. Used by `auditbot preview` (on a copy of the data) and by the tests
// that check the exact delivery minute of every message.
import type { Core } from '../core/context.js';
import type { Message } from '../core/message.js';
import type { OutboxRow } from '../core/ports.js';
import type { Platform } from '../core/shared/actor.js';
import type { fixedClock } from '../core/shared/clock.js';
import type { Logger } from '../logger.js';
import { createDispatcher } from '../outbox/dispatcher.js';
import type { Deliverer } from '../outbox/deliverer.js';
import { nextSlot } from './cron-slots.js';
import type { Job } from './job.js';

/** One message as it would reach a person or channel. */
export interface SimulatedDelivery {
  at: string;
  platform: Platform;
  recipient: string;
  message: Message;
  /** The outbox keys it carries (several when bundled). */
  keys: string[];
}

export interface SimulationOptions {
  core: Core;
  /** The core's clock, a fixed clock the simulation moves. */
  clock: ReturnType<typeof fixedClock>;
  jobs: readonly Job[];
  /** The time zone the jobs' cron expressions are read in. */
  timezone: string;
  until: Date;
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Things that happen at given moments (a person submitting evidence), by ISO time. */
  events?: readonly { at: string; run: () => void }[];
}

/**
 * Moves the clock from now to `until`, runs each job at each of its cron slots and delivers every
 * notification at the moment it becomes due, recording what would have been sent. Deliveries
 * are recorded, never sent: the deliverers here only write down what they are given.
 */
export async function simulate(options: SimulationOptions): Promise<SimulatedDelivery[]> {
  const { core, clock, jobs, timezone, until } = options;
  const deliveries: SimulatedDelivery[] = [];
  const recorder = (platform: Platform): Deliverer => ({
    platform,
    deliver(row: OutboxRow) {
      deliveries.push({ at: clock.now().toISOString(), platform, recipient: row.recipient, message: row.message, keys: row.parts ?? [row.key] });
      return Promise.resolve({ ok: true });
    },
  });
  const platforms: Platform[] = ['console', 'slack', 'teams'];
  const dispatcher = createDispatcher({ store: core.store, clock, deliverers: platforms.map(recorder), maxAttempts: 1, logger: options.logger, random: () => 0.5, batchSize: 500 });
  const events = [...(options.events ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let nextEvent = 0;
  const slots = new Map<Job, Date | null>(jobs.map((j) => [j, nextSlot(j.cron, new Date(clock.now().getTime() - 1), timezone)]));

  const settle = async (): Promise<void> => {
    await dispatcher.runOnce();
  };

  await settle();
  for (;;) {
    const now = clock.now().getTime();
    const candidates: number[] = [];
    for (const slot of slots.values()) if (slot) candidates.push(slot.getTime());
    const event = events[nextEvent];
    if (event) candidates.push(new Date(event.at).getTime());
    const due = core.store.transaction((tx) => tx.outbox.nextDue());
    if (due) candidates.push(Math.max(new Date(due).getTime(), now + 1));
    const next = Math.min(...candidates.filter((c) => c > now || c === now));
    if (!Number.isFinite(next) || next > until.getTime()) break;
    clock.set(new Date(next));
    const at = clock.now();
    while (events[nextEvent] && new Date((events[nextEvent] as { at: string }).at).getTime() <= at.getTime()) (events[nextEvent++] as { run: () => void }).run();
    for (const job of jobs) {
      const slot = slots.get(job);
      if (!slot || slot.getTime() > at.getTime()) continue;
      await job.run({ core, now: at, trigger: 'cron', scheduledFor: slot });
      slots.set(job, nextSlot(job.cron, at, timezone));
    }
    await settle();
    // The jobs and the dispatcher answer without real I/O, so nothing here would let the event
    // loop turn: a lead's `audit preview` in a running bot would hold every other request until
    // the whole simulation ends. One turn per simulated moment keeps the bot serving.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  clock.set(until);
  return deliveries;
}
