// `auditbot preview`: what the scheduled jobs would send over the coming days, and when. The jobs
// and the dispatcher run in simulated time (scheduler/simulate.ts) on an in-memory copy of the
// database, so the preview sends nothing and changes nothing; it shows each message at the
// moment the running bot would deliver it (quiet hours and bundling included).
import { inMemoryCopy } from '../db/connection.js';
import { createStore } from '../db/store.js';
import type { App } from './app.js';
import type { Core } from './core/context.js';
import type { DeliveryPreviewPort, PreviewLine } from './core/preview/ports.js';
import { fixedClock } from './core/shared/clock.js';
import { localTime } from './core/shared/working-time.js';
import { buildJobs } from './scheduler/jobs.js';
import { simulate, type SimulationOptions } from './scheduler/simulate.js';

export type { PreviewLine };

const pad = (n: number) => String(n).padStart(2, '0');

type PreviewApp = Pick<App, 'db' | 'core' | 'config'> & { logger: SimulationOptions['logger'] };

/**
 * The port `audit preview` uses in a running bot: the same simulation, whose job runs are not
 * logged as if they had happened (only a warning or an error is, marked as the preview's).
 */
export function deliveryPreviewOf(app: Pick<App, 'db' | 'core' | 'config' | 'logger'>): DeliveryPreviewPort {
  return {
    list: (options) => {
      const log = app.logger.child({ component: 'preview' });
      const quiet: SimulationOptions['logger'] = { info: () => undefined, debug: () => undefined, warn: log.warn.bind(log), error: log.error.bind(log) };
      return previewDeliveries({ db: app.db, core: app.core, config: app.config, logger: quiet }, options);
    },
  };
}

export async function previewDeliveries(app: PreviewApp, options: { days: number; person?: string }): Promise<PreviewLine[]> {
  const start = app.core.clock.now();
  const clock = fixedClock(start);
  const copy = inMemoryCopy(app.db);
  try {
    const core: Core = { clock, store: createStore(copy, clock), settings: { ...app.core.settings } };
    const deliveries = await simulate({
      core,
      clock,
      jobs: buildJobs(app.config),
      timezone: core.settings.timezone,
      until: new Date(start.getTime() + options.days * 86_400_000),
      logger: app.logger,
    });
    const people = new Map(core.store.transaction((tx) => tx.organisation.listPeople({ includeInactive: true })).map((p) => [p.email, p]));
    const person = options.person?.toLowerCase();
    return deliveries
      .filter((d) => person === undefined || d.recipient === person)
      .map((d) => {
        const timezone = people.get(d.recipient)?.timezone ?? core.settings.timezone;
        const local = localTime(new Date(d.at), timezone);
        return {
          at: d.at,
          local: `${local.date} ${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`,
          timezone,
          recipient: d.recipient,
          platform: d.platform,
          title: d.message.title ?? d.message.summary,
          keys: d.keys,
        };
      });
  } finally {
    copy.$client.close();
  }
}
