// Signed requests already taken, so that an identical request replayed inside the freshness
// window is refused. The keys live in `processed_requests` (a restart inside the window does not
// forget them) and are forgotten once no request with that timestamp can be fresh any more.
import type { Core } from '../../src/core/context.js';

export const SIGNATURE_KEY_PREFIX = 'slack-signature:';

/** Old keys are forgotten at most this often (each time in the same transaction as a claim). */
const FORGET_EVERY_MS = 60_000;

export interface SeenRequests {
  /** True the first time a timestamp and signature are seen; false for a replay. */
  firstTime(timestamp: string, signature: string): boolean;
}

/**
 * `windowSeconds` is how far a request timestamp may be from now (either way). A request dated T
 * is fresh until T + window, and was taken no earlier than T − window, so its key is kept for
 * two windows after it was taken.
 */
export function createSeenRequests(core: Core, options: { windowSeconds: number; now: () => number }): SeenRequests {
  const keepMs = 2 * options.windowSeconds * 1000;
  let forgotAt = Number.NEGATIVE_INFINITY;
  return {
    firstTime(timestamp, signature) {
      const now = options.now();
      return core.store.transaction((tx) => {
        if (now - forgotAt >= FORGET_EVERY_MS) {
          tx.processed.forget(SIGNATURE_KEY_PREFIX, new Date(now - keepMs).toISOString());
          forgotAt = now;
        }
        return tx.processed.claim(`${SIGNATURE_KEY_PREFIX}${timestamp}:${signature}`, new Date(now).toISOString());
      });
    },
  };
}
