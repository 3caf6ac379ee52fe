// Where a person is told something. The outbox row is written in the caller's transaction, so
// a notification commits with the change that caused it; the dispatcher delivers it later.
//
// When it goes (issue 15): every DM is queued with the earliest moment it may be delivered, the
// start of the recipient's next working period in their own time zone (their working days and
// hours, less their holidays), or now when they are at work. The dispatcher holds the row until
// then and sends everything one person has due at the same moment as one message. The one
// exception is a direct answer to what the person just did (`{ answer: true }`), which goes at
// once. Every DM queued here inherits this; nothing else decides delivery time.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { Tx } from '../ports.js';
import type { Platform } from './actor.js';
import { timezoneOf, workingHoursFor, type PersonRecord } from './people.js';
import { isWithinWorkingHours, nextWorkingHoursStart } from './working-time.js';

type Reachable = Pick<PersonRecord, 'email' | 'slackId' | 'teamsId' | 'chat' | 'lastPlatform' | 'timezone' | 'team' | 'country'>;

const hasId = (person: Pick<Reachable, 'slackId' | 'teamsId'>, platform: 'slack' | 'teams'): boolean => Boolean(platform === 'slack' ? person.slackId : person.teamsId);

/**
 * The platform to reach a person on, among those this process can deliver to: their stated
 * chat preference, else where they last spoke to the bot, else Slack, else Teams, else the
 * console (which is always there, so nothing is ever lost for want of a platform).
 */
export function choosePlatform(person: Pick<Reachable, 'slackId' | 'teamsId' | 'chat' | 'lastPlatform'>, enabled: readonly Platform[]): Platform {
  const on = (p: Platform) => enabled.includes(p);
  if (person.chat && on(person.chat) && hasId(person, person.chat)) return person.chat;
  const last = person.lastPlatform;
  if (last && on(last) && (last === 'console' || hasId(person, last))) return last;
  if (on('slack') && hasId(person, 'slack')) return 'slack';
  if (on('teams') && hasId(person, 'teams')) return 'teams';
  return 'console';
}

/**
 * The earliest moment a DM to `person` may be delivered if queued at `now`: now when it is
 * within their working hours on a working day that is not a holiday for them, else the start of
 * their next working period (in their own time zone, the organisation's when they have none).
 */
export function deliveryMoment(tx: Tx, core: Core, person: Pick<Reachable, 'timezone' | 'team' | 'country'>, now: Date): Date {
  const timeZone = timezoneOf(tx, core, person);
  const hours = workingHoursFor(tx, core, person);
  const calendar = hours.holidays ?? NO_HOLIDAYS;
  let known = nextStarts.get(calendar);
  if (!known) nextStarts.set(calendar, (known = new Map()));
  const key = `${timeZone}|${hours.start}|${hours.end}|${hours.days.join(',')}`;
  const t = now.getTime();
  const last = known.get(key);
  if (last && last.from <= t && t < last.start) return new Date(last.start);
  if (isWithinWorkingHours(now, timeZone, hours)) return now;
  const start = nextWorkingHoursStart(now, timeZone, hours);
  known.set(key, { from: t, start: start.getTime() });
  return start;
}

/**
 * The next start of working hours last worked out from outside them, per working calendar (the
 * holiday set, made once per set of holidays: shared/holidays.ts) and zone and hours. It is the
 * answer for every instant from then until it arrives (none of them is within working hours), so
 * the start of a 600-audit cycle works out each calendar once, not once per DM
 * (bench/delivery.bench.ts).
 */
const nextStarts = new WeakMap<ReadonlySet<number>, Map<string, { from: number; start: number }>>();
const NO_HOLIDAYS: ReadonlySet<number> = new Set();

export interface NotifyOptions {
  /** A direct answer to something the person just did: delivered at once, whatever the hour. */
  answer?: boolean;
}

/** Queues `message` for `person`; false when `key` was queued before (nothing is written). */
export function notifyPerson(tx: Tx, core: Core, person: Reachable, key: string, message: Message, options: NotifyOptions = {}): boolean {
  const now = core.clock.now();
  const deliverAt = options.answer ? now : deliveryMoment(tx, core, person, now);
  return tx.outbox.enqueue({ key, platform: choosePlatform(person, core.settings.enabledPlatforms), recipient: person.email, message, deliverAt: deliverAt.toISOString() });
}
