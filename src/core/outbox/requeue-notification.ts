// Puts a notification back in the queue: a dead letter (after the cause was fixed, e.g. the
// person's Slack id corrected) or a pending row waiting for a long retry. The row keeps its
// idempotency key, so it is still delivered at most once; the requeue is on the trail.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { OutboxRow } from '../ports.js';
import type { Actor } from '../shared/actor.js';

export const OUTBOX_REQUEUED = 'outbox.requeued';

const inputSchema = z.object({
  id: z.coerce
    .number({ message: 'an outbox row id: a whole number, as listed by `auditbot outbox`' })
    .int({ message: 'an outbox row id: a whole number, as listed by `auditbot outbox`' })
    .positive({ message: 'an outbox row id: a whole number, as listed by `auditbot outbox`' }),
});

export interface RequeueResult {
  before: OutboxRow;
  after: OutboxRow;
}

export function requeueNotification(core: Core, actor: Actor, input: unknown): RequeueResult {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError({ id: parsed.error.issues[0]?.message ?? 'an outbox row id' }, `Cannot re-queue: expected ${parsed.error.issues[0]?.message ?? 'an outbox row id'}.`);
  }
  const { id } = parsed.data;
  return core.store.transaction((tx) => {
    const before = tx.outbox.get(id);
    if (!before) {
      throw new AuditbotError('not_found', `There is no outbox row ${id}. Run \`auditbot outbox\` to list the notifications and their ids.`);
    }
    if (before.status === 'delivered') {
      throw new AuditbotError(
        'conflict',
        `Outbox row ${id} (${before.key}) was already delivered to ${before.recipient} at ${before.deliveredAt ?? 'an earlier time'}; it is not sent again.`,
      );
    }
    const after = tx.outbox.requeue(id, core.clock.now().toISOString());
    if (!after) throw new AuditbotError('conflict', `Outbox row ${id} changed while it was being re-queued; list it again and retry.`);
    tx.trail.append({
      actor: actor.email,
      action: OUTBOX_REQUEUED,
      subject: `outbox:${id}`,
      before: { key: before.key, status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { key: after.key, status: after.status, attempts: after.attempts, nextAttemptAt: after.nextAttemptAt },
      channel: actor.channel,
    });
    return { before, after };
  });
}
