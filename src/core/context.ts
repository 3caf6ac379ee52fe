// The core as use cases receive it: the clock, the store and the settings of this process.
import type { Clock } from './shared/clock.js';
import type { WorkingHours } from './shared/working-time.js';
import type { Store } from './ports.js';
import type { Platform } from './shared/actor.js';
import type { DeliveryPreviewPort } from './preview/ports.js';

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
  /** Where people reach the server (PUBLIC_URL, no trailing slash), for calendar feed links; unset: no links. */
  publicUrl?: string;
}

/** Everything a use case needs from the outside world. */
export interface Core {
  clock: Clock;
  store: Store;
  settings: CoreSettings;
  /**
   * Previews what the scheduled jobs will send (`audit preview`); only a process that can copy
   * its data has it (src/app.ts), never the copy a preview runs on.
   */
  deliveryPreview?: DeliveryPreviewPort;
}
