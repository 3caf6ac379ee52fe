// Notifications wait in the outbox across an upgrade. A row queued when the neutral model still
// called buttons `actions` is read with its buttons, so it is delivered as it was written.
import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../adapters/console/render.js';
import { makeTestCore } from '../helpers/core.js';

describe('stored outbox messages', () => {
  it('reads a row written with the former `actions` block as buttons', () => {
    const { core, db } = makeTestCore();
    const legacy = {
      summary: 'Evidence requested',
      blocks: [
        { type: 'text', text: 'Please share the access review.' },
        { type: 'actions', actions: [{ id: 'evidence.submit', label: 'Submit evidence', value: '7', style: 'primary' }] },
      ],
    };
    db.$client
      .prepare("INSERT INTO outbox (key, platform, recipient, message, status, attempts, next_attempt_at, created_at) VALUES (?, 'console', 'bo@acme.example', ?, 'pending', 0, ?, ?)")
      .run('legacy:1', JSON.stringify(legacy), '2027-01-04T10:00:00.000Z', '2027-01-04T10:00:00.000Z');
    const row = core.store.transaction((tx) => tx.outbox.list()).find((r) => r.key === 'legacy:1');
    expect(row?.message.blocks[1]).toEqual({ type: 'buttons', buttons: [{ id: 'evidence.submit', label: 'Submit evidence', value: '7', style: 'primary' }] });
    expect(renderMessageText(row!.message)).toContain('[Submit evidence]');
  });
});
