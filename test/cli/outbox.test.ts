import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';

/** A database with one delivered, one pending (failed once) and one dead notification. */
function seed(): { file: string; ids: Record<'delivered' | 'pending' | 'dead', number> } {
  const file = join(tempDir(), 'auditbot.db');
  const { core, db } = makeTestCore('2027-01-04T10:00:00Z', { file });
  const message = { summary: 'Evidence requested', blocks: [] };
  const ids = core.store.transaction((tx) => {
    tx.outbox.enqueue({ key: 'evidence:1:requested', platform: 'console', recipient: 'ana@acme.example', message });
    tx.outbox.enqueue({ key: 'evidence:2:requested', platform: 'slack', recipient: 'bo@acme.example', message });
    tx.outbox.enqueue({ key: 'digest:2027-W01', platform: 'slack', recipient: 'channel:C0123', message });
    const [a, b, c] = tx.outbox.list();
    tx.outbox.markDelivered(a!.id, '2027-01-04T10:00:01.000Z');
    tx.outbox.markFailed(b!.id, { attempts: 1, nextAttemptAt: '2027-01-04T10:00:06.000Z', lastError: 'ratelimited', dead: false });
    tx.outbox.markFailed(c!.id, { attempts: 8, nextAttemptAt: '2027-01-04T10:00:00.000Z', lastError: 'not retryable: channel_not_found', dead: true });
    return { delivered: a!.id, pending: b!.id, dead: c!.id };
  });
  db.$client.close();
  return { file, ids };
}

describe('auditbot outbox', () => {
  it('lists every row as JSON in the shape docs/json-contracts.md fixes', async () => {
    const { file, ids } = seed();
    const res = await cli(['outbox', '--format', 'json'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => ({ id: r.id, key: r.key, platform: r.platform, recipient: r.recipient, status: r.status, attempts: r.attempts, lastError: r.lastError }))).toEqual([
      { id: ids.delivered, key: 'evidence:1:requested', platform: 'console', recipient: 'ana@acme.example', status: 'delivered', attempts: 1, lastError: null },
      { id: ids.pending, key: 'evidence:2:requested', platform: 'slack', recipient: 'bo@acme.example', status: 'pending', attempts: 1, lastError: 'ratelimited' },
      { id: ids.dead, key: 'digest:2027-W01', platform: 'slack', recipient: 'channel:C0123', status: 'dead', attempts: 8, lastError: 'not retryable: channel_not_found' },
    ]);
  });

  it('--failed lists only the dead letters; the table names them and says how to retry', async () => {
    const { file, ids } = seed();
    const json = await cli(['outbox', '--failed', '--format', 'json'], { AUDITBOT_DB: file });
    expect((JSON.parse(json.stdout) as { id: number }[]).map((r) => r.id)).toEqual([ids.dead]);
    const table = await cli(['outbox', '--failed'], { AUDITBOT_DB: file });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('digest:2027-W01');
    expect(table.stdout).not.toContain('evidence:1:requested');
    expect(table.stdout).toContain('1 dead letter. Fix the cause, then `auditbot outbox retry <id>`.');
    const all = await cli(['outbox'], { AUDITBOT_DB: file });
    expect(all.stdout).toContain('1 pending, 1 delivered, 1 dead.');
  });

  it('retry re-queues a dead row and records it on the trail', async () => {
    const { file, ids } = seed();
    const res = await cli(['outbox', 'retry', String(ids.dead)], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Re-queued outbox row ${ids.dead} (digest:2027-W01) to channel:C0123 on slack: was dead after 8 attempts (not retryable: channel_not_found); due now.`);
    const listed = JSON.parse((await cli(['outbox', '--format', 'json'], { AUDITBOT_DB: file })).stdout) as { id: number; status: string; attempts: number }[];
    expect(listed.find((r) => r.id === ids.dead)).toMatchObject({ status: 'pending', attempts: 0 });
    const trail = JSON.parse((await cli(['export', 'trail'], { AUDITBOT_DB: file })).stdout) as { action: string; subject: string; before: { status: string } }[];
    expect(trail.map((e) => [e.action, e.subject, e.before.status])).toEqual([['outbox.requeued', `outbox:${ids.dead}`, 'dead']]);
  });

  it('retry refuses an unknown id, a delivered row and a malformed id, changing nothing', async () => {
    const { file, ids } = seed();
    const unknown = await cli(['outbox', 'retry', '999'], { AUDITBOT_DB: file });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no outbox row 999. Run `auditbot outbox` to list the notifications and their ids.');
    const delivered = await cli(['outbox', 'retry', String(ids.delivered)], { AUDITBOT_DB: file });
    expect(delivered.code).toBe(1);
    expect(delivered.stderr).toContain(`Outbox row ${ids.delivered} (evidence:1:requested) was already delivered to ana@acme.example at 2027-01-04T10:00:01.000Z; it is not sent again.`);
    const malformed = await cli(['outbox', 'retry', 'abc'], { AUDITBOT_DB: file });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('an outbox row id');
    const missing = await cli(['outbox', 'retry'], { AUDITBOT_DB: file });
    expect(missing.code).toBe(2);
    const trail = JSON.parse((await cli(['export', 'trail'], { AUDITBOT_DB: file })).stdout) as unknown[];
    expect(trail).toEqual([]);
  });
});
