import { requeueNotification } from '../../core/outbox/requeue-notification.js';
import type { OutboxRow } from '../../core/ports.js';
import { choice, UsageError, type CommandImplementation } from '../framework.js';
import { toJson, toTable } from '../format.js';
import { SYSTEM_ACTOR } from '../../core/shared/actor.js';

/** The `outbox --format json` contract of docs/json-contracts.md, plus the times (fields may be added). */
export function outboxJson(row: OutboxRow) {
  return {
    id: row.id,
    key: row.key,
    platform: row.platform,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    deliveredAt: row.deliveredAt,
  };
}

const HEADERS = ['id', 'status', 'attempts', 'platform', 'recipient', 'key', 'next attempt', 'last error'];

export const outboxListCommand: CommandImplementation = {
  database: 'read',
  options: {
    failed: { type: 'boolean', description: 'only the dead letters (rows that will not be retried without `outbox retry`)' },
    format: { type: 'string', description: 'table or json', default: 'table', placeholder: '<table|json>' },
  },
  details: [
    'A pending row is retried with exponential backoff (5 s doubling, up to 1 h, ±20 % jitter) or',
    "after the platform's own retry-after; after OUTBOX_MAX_ATTEMPTS attempts, or an error that",
    'cannot be retried, it becomes dead. `auditbot outbox retry <id>` puts it back in the queue.',
  ].join('\n'),
  run({ values, positionals, io, app }) {
    if (positionals.length > 0) throw new UsageError(`Unexpected "${positionals.join(' ')}". To re-queue a row: auditbot outbox retry <id>`);
    const format = choice(values.format, 'format', ['table', 'json'] as const, 'table');
    const { core } = app();
    const rows = core.store.transaction((tx) => tx.outbox.list(values.failed === true ? { status: 'dead' } : undefined));
    if (format === 'json') {
      io.stdout(toJson(rows.map(outboxJson)));
      return 0;
    }
    if (rows.length === 0) {
      io.stdout(values.failed === true ? 'No dead letters: every notification was delivered or is still being tried.' : 'The outbox is empty.');
      return 0;
    }
    io.stdout(
      toTable(
        HEADERS,
        rows.map((r) => [r.id, r.status, r.attempts, r.platform, r.recipient, r.key, r.status === 'pending' ? r.nextAttemptAt : '', r.lastError]),
      ),
    );
    const count = (s: OutboxRow['status']) => rows.filter((r) => r.status === s).length;
    io.stdout(
      values.failed === true
        ? `\n${rows.length} dead letter${rows.length === 1 ? '' : 's'}. Fix the cause, then \`auditbot outbox retry <id>\`.`
        : `\n${count('pending')} pending, ${count('delivered')} delivered, ${count('dead')} dead.`,
    );
    return 0;
  },
};

export const outboxRetryCommand: CommandImplementation = {
  args: ['<id>'],
  details: 'The row keeps its idempotency key and is delivered by the running bot (`auditbot serve`) on its next pass. The re-queue is recorded on the audit trail.',
  run({ positionals, io, app }) {
    if (positionals.length !== 1) throw new UsageError('Usage: auditbot outbox retry <id>   (ids are listed by `auditbot outbox`)');
    const { core } = app();
    const { before, after } = requeueNotification(core, { email: SYSTEM_ACTOR, channel: 'cli' }, { id: positionals[0] });
    io.stdout(
      `Re-queued outbox row ${after.id} (${after.key}) to ${after.recipient} on ${after.platform}: was ${before.status} after ${before.attempts} attempt${before.attempts === 1 ? '' : 's'}${before.lastError ? ` (${before.lastError})` : ''}; due now.`,
    );
    return 0;
  },
};
