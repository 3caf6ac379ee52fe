import type { Clock } from './clock.js';
import type { WorkingHours } from './evidence/working-time.js';
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
  /** When people are reminded (WORKING_HOURS, WORKING_DAYS); 09:00–17:00 Monday to Friday when unset. */
  workingHours?: WorkingHours;
  /** Days from opening a corrective action to its default due date (ACTION_DUE_DAYS_MAJOR / _MINOR); 30 and 90 when unset. */
  actionDueDays?: { major: number; minor: number };
  /** The Slack channel id the weekly digest is posted to (DIGEST_SLACK_CHANNEL); unset when Slack has none. */
  digestSlackChannel?: string;
}

/** Everything a use case needs from the outside world. */
export interface Core {
  clock: Clock;
  store: Store;
  settings: CoreSettings;
}
