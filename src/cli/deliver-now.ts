// `job run --deliver`: delivers what a run queued before the CLI exits, through the same
// adapters and dispatcher as `serve` (one pass; nothing listens). Rows whose delivery moment has
// not come (the recipient is outside working hours) stay queued for the running bot.
import { buildAdapters, loadChatAdapters } from '../adapters.js';
import type { App } from '../app.js';
import { defaultRegistry } from '../chat/default-registry.js';
import type { OutboxRow } from '../core/ports.js';
import { createDispatcher } from '../outbox/dispatcher.js';
import { createHttpServer } from '../server/http.js';

export interface DeliverNowResult {
  delivered: number;
  failed: number;
  held: number;
  firstHeldAt: string | null;
}

export async function deliverNow(app: App, rows: readonly OutboxRow[], output: NodeJS.WritableStream = process.stdout): Promise<DeliverNowResult> {
  const { config, core, logger } = app;
  const http = createHttpServer({ health: () => ({ ok: true, database: 'ok', degraded: [], scheduler: { running: false }, outbox: null, adapters: [] }) });
  const { all } = buildAdapters({ config, core, registry: defaultRegistry, logger, http, wakeDispatcher: () => undefined }, output, await loadChatAdapters(config));
  const dispatcher = createDispatcher({ store: core.store, clock: core.clock, deliverers: all.map((a) => a.deliverer), maxAttempts: config.outboxMaxAttempts, logger: logger.child({ component: 'dispatcher' }) });
  await dispatcher.runOnce();
  const ids = new Set(rows.map((r) => r.id));
  const after = core.store.transaction((tx) => tx.outbox.listAfter(Math.min(...rows.map((r) => r.id)) - 1)).filter((r) => ids.has(r.id));
  const now = core.clock.now().toISOString();
  const held = after.filter((r) => r.status === 'pending' && r.attempts === 0 && r.nextAttemptAt > now);
  return {
    delivered: after.filter((r) => r.status === 'delivered').length,
    failed: after.filter((r) => r.status !== 'delivered' && r.attempts > 0).length,
    held: held.length,
    firstHeldAt: held.map((r) => r.nextAttemptAt).sort()[0] ?? null,
  };
}
