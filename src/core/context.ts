import type { Clock } from './clock.js';
import type { Store } from './ports.js';

/** Where a command came from; recorded with every trail event. */
export type Channel = 'cli' | 'console' | 'slack' | 'teams' | 'scheduler' | 'system';

/** Platforms the outbox can deliver to. */
export type Platform = 'console' | 'slack' | 'teams';

/** Who is acting: a person's e-mail, or `system` for the scheduler and the importer. */
export interface Actor {
  email: string;
  channel: Channel;
}

export const SYSTEM_ACTOR = 'system';

export interface CoreSettings {
  /** The organisation's IANA time zone (AUDITBOT_TZ, or the organisation file's). */
  timezone: string;
  /** Platforms with a deliverer in this process; notifications go to one of these. */
  enabledPlatforms: readonly Platform[];
}

/** Everything a use case needs from the outside world. */
export interface Core {
  clock: Clock;
  store: Store;
  settings: CoreSettings;
}
