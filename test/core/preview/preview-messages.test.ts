// Issue 15 point 4 in chat: `audit preview` for audit leads. The preview is the simulation the
// CLI runs (a copy of the data); here, the lead rule and the bounds are held before any of that
// work, the list says who gets which message when (local and UTC), nothing in the database
// changes, and a long list is cut with the way to get all of it.
import { describe, expect, it } from 'vitest';
import { AuditbotError } from '../../../src/core/errors.js';
import type { DeliveryPreviewPort, PreviewLine } from '../../../src/core/preview/ports.js';
import { PREVIEW_LISTED, previewMessage, previewMessages } from '../../../src/core/preview/preview-messages.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { dbSnapshot } from '../../helpers/db-snapshot.js';
import { withDeliveryPreview } from '../../helpers/preview.js';
import { insertAudits, SEED, seedSmallOrg } from '../../helpers/seed.js';

const lead = { email: SEED.lead, channel: 'console' as const };

function seeded(): TestCore {
  // Sunday 3 January 2027, 20:00 London: the audit starting on Tuesday is announced in working hours.
  const t = makeTestCore('2027-01-03T20:00:00.000Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  insertAudits(t.db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start: '2027-01-05', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
  return withDeliveryPreview(t);
}

/** A port that records whether the simulation was asked for. */
function countingPort(t: TestCore): { calls: number } {
  const real = t.core.deliveryPreview as DeliveryPreviewPort;
  const seen = { calls: 0 };
  t.core.deliveryPreview = {
    list: (options) => {
      seen.calls++;
      return real.list(options);
    },
  };
  return seen;
}

async function refusal(run: Promise<unknown>): Promise<AuditbotError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AuditbotError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('audit preview (core)', () => {
  it('lists for a lead who gets which message when, local and UTC, and changes nothing', async () => {
    const t = seeded();
    const before = dbSnapshot(t.db);
    const message = await previewMessages(t.core, lead, { days: 3 });
    expect(dbSnapshot(t.db)).toEqual(before);
    expect(message.summary).toMatch(/^Preview: \d+ messages in the next 3 days\. Nothing was sent or changed\.$/);
    const list = message.blocks.find((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no list');
    // IA-2027-05 starts on Tuesday 00:05; its lead auditor hears of it at 09:00 London.
    expect(list.items).toContainEqual(expect.stringMatching(/^2027-01-05 09:00 Europe\/London \(09:00 UTC\): ana@acme\.example on console, "/));
    expect(list.more).toBeUndefined();
  });

  it('shows one person’s messages only, whatever the case of the e-mail', async () => {
    const t = seeded();
    const message = await previewMessages(t.core, lead, { days: 3, person: SEED.auditor.toUpperCase() });
    const list = message.blocks.find((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no list');
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect(item).toContain(': ana@acme.example on ');
    expect(message.summary).toContain(' to ana@acme.example in the next 3 days');
  });

  it('refuses anyone but an audit lead before simulating anything', async () => {
    const t = seeded();
    const port = countingPort(t);
    const error = await refusal(previewMessages(t.core, { email: SEED.auditor, channel: 'console' }, {}));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^Only an audit lead can preview what will be sent; ana@acme\.example does not hold the lead role/);
    expect(port.calls).toBe(0);
  });

  it('holds days to 1..60 and the person to an e-mail of the organisation, before simulating', async () => {
    const t = seeded();
    const port = countingPort(t);
    for (const days of [0, 61, 2.5, 1e21]) {
      const error = await refusal(previewMessages(t.core, lead, { days }));
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain('days: a whole number from 1 to 60');
    }
    expect((await refusal(previewMessages(t.core, lead, { person: 'ana' }))).message).toContain('person: an e-mail address such as ana@acme.example');
    expect((await refusal(previewMessages(t.core, lead, { person: `${'a'.repeat(400)}@acme.example` }))).code).toBe('validation_failed');
    const unknown = await refusal(previewMessages(t.core, lead, { person: 'nobody@acme.example' }));
    expect(unknown.code).toBe('not_found');
    expect(port.calls).toBe(0);
    await previewMessages(t.core, lead, { days: 1 });
    expect(port.calls).toBe(1);
  });

  it('cuts a long list and says how to get all of it', () => {
    const lines: PreviewLine[] = Array.from({ length: PREVIEW_LISTED + 5 }, (_, i) => ({
      at: '2027-01-05T00:30:00.000Z',
      local: '2027-01-05 09:30',
      timezone: 'Asia/Tokyo',
      recipient: `p${i}@acme.example`,
      platform: 'slack',
      title: 'Your audit week',
      keys: ['a', 'b'],
    }));
    const message = previewMessage(lines, { days: 14, person: 'p1@acme.example' });
    const list = message.blocks.find((b) => b.type === 'list');
    if (list?.type !== 'list') throw new Error('no list');
    expect(list.items).toHaveLength(PREVIEW_LISTED);
    expect(list.items[0]).toBe('2027-01-05 09:30 Asia/Tokyo (00:30 UTC): p0@acme.example on slack, "Your audit week" (2 notifications in one message)');
    expect(list.more).toBe(5);
    expect(list.moreHint).toBe('The full list: auditbot preview --days 14 --person p1@acme.example');
    expect(previewMessage([], { days: 1 }).summary).toBe('Preview: nothing would be sent in the next 1 day. Nothing was sent or changed.');
  });
});
