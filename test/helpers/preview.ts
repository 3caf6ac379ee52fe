// Gives a test core the delivery preview a running bot has (src/app.ts): the real simulation on
// a copy of the test database, with the default job schedule.
import type { Db } from '../../db/connection.js';
import { loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import { createLogger } from '../../src/logger.js';
import { deliveryPreviewOf } from '../../src/preview.js';

export function withDeliveryPreview<T extends { db: Db; core: Core }>(t: T): T {
  t.core.deliveryPreview = deliveryPreviewOf({ db: t.db, core: t.core, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent') });
  return t;
}
