import type { OutboxRow } from '../core/ports.js';
import type { Platform } from '../core/shared/actor.js';

/**
 * What a platform's deliverer reports for one outbox row. `retryable: false` moves the row to
 * the dead letters at once (e.g. Slack `channel_not_found`); `retryAfterMs` is the platform's
 * own wait (HTTP 429 Retry-After), which the dispatcher never shortens.
 */
export type DeliveryResult =
  | { ok: true }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/** Delivers outbox rows of one platform. Implemented by each adapter (console, Slack, Teams). */
export interface Deliverer {
  platform: Platform;
  deliver(row: OutboxRow): Promise<DeliveryResult>;
}
