// Where a person is told something. The outbox row is written in the caller's transaction, so
// a notification commits with the change that caused it; the dispatcher delivers it later.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { Tx } from '../ports.js';
import type { Platform } from './actor.js';
import type { PersonRecord } from './people.js';

type Reachable = Pick<PersonRecord, 'email' | 'slackId' | 'teamsId' | 'chat' | 'lastPlatform'>;

const hasId = (person: Reachable, platform: 'slack' | 'teams'): boolean => Boolean(platform === 'slack' ? person.slackId : person.teamsId);

/**
 * The platform to reach a person on, among those this process can deliver to: their stated
 * chat preference, else where they last spoke to the bot, else Slack, else Teams, else the
 * console (which is always there, so nothing is ever lost for want of a platform).
 */
export function choosePlatform(person: Reachable, enabled: readonly Platform[]): Platform {
  const on = (p: Platform) => enabled.includes(p);
  if (person.chat && on(person.chat) && hasId(person, person.chat)) return person.chat;
  const last = person.lastPlatform;
  if (last && on(last) && (last === 'console' || hasId(person, last))) return last;
  if (on('slack') && hasId(person, 'slack')) return 'slack';
  if (on('teams') && hasId(person, 'teams')) return 'teams';
  return 'console';
}

/** Queues `message` for `person`; false when `key` was queued before (nothing is written). */
export function notifyPerson(tx: Tx, core: Core, person: Reachable, key: string, message: Message): boolean {
  return tx.outbox.enqueue({ key, platform: choosePlatform(person, core.settings.enabledPlatforms), recipient: person.email, message });
}
