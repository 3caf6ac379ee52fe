// The weekly digest's content and its size: an empty week (a short all-clear), a typical week
// (every section, in order, with owners and ages) and 5,000 open nonconformities, which must
// still fit one Slack message (50 blocks, about 11k characters) and one Teams card (40 KB)
// without the renderers having to cut anything.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { renderMessage as renderSlack, SLACK_LIMITS } from '../../../adapters/slack/render.js';
import { activityBytes, renderMessage as renderTeams } from '../../../adapters/teams/render.js';
import { renderMessageText } from '../../../adapters/console/render.js';
import { audits } from '../../../db/schema.js';
import type { Block, Message } from '../../../src/core/message.js';
import { buildDigest, DIGEST_LIMITS } from '../../../src/core/reporting/build-digest.js';
import { isoWeek } from '../../../src/core/reporting/reporting-periods.js';
import { CONTROLS } from '../../../src/core/catalogue/catalogue-data.js';
import { makeTestCore } from '../../helpers/core.js';
import { addAction, addDeadNotification, addEvidence, addFinding, addVerification } from '../../helpers/reporting-seed.js';
import { insertAudits, SEED, seedSmallOrg } from '../../helpers/seed.js';

/** Monday 8 March 2027, 09:00 in London: the default digest slot, ISO week 2027-W10. */
const MONDAY = '2027-03-08T09:00:00.000Z';

function setup() {
  const t = makeTestCore(MONDAY, { timezone: 'Europe/London' });
  seedSmallOrg(t);
  return t;
}

/** Characters of block text as Slack counts them for `msg_blocks_too_long`. */
function slackText(blocks: types.KnownBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'section') n += (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((s, f) => s + f.text.length, 0);
    else if (b.type === 'header') n += b.text.text.length;
    else if (b.type === 'context') n += b.elements.reduce((s, e) => s + ('text' in e && typeof e.text === 'string' ? e.text.length : 0), 0);
  }
  return n;
}

const lists = (m: Message): Extract<Block, { type: 'list' }>[] => m.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
const listTitled = (m: Message, prefix: string) => lists(m).find((l) => l.title?.startsWith(prefix));

/** Every platform renders the digest whole: nothing cut by a renderer, every item shown. */
function expectFitsEveryPlatform(message: Message) {
  const slack = renderSlack(message);
  expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
  expect(slackText(slack.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  expect(slack.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const b of slack.blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  const slackJson = JSON.stringify(slack.blocks);
  expect(slackJson).not.toContain('not shown here');

  const teams = renderTeams(message);
  expect(activityBytes(teams)).toBeLessThanOrEqual(40 * 1024);
  const card = JSON.stringify(teams);
  for (const l of lists(message)) {
    // Each item is there (the card escapes Markdown, so compare an id-like prefix of each).
    for (const item of l.items) expect(card).toContain(item.slice(0, 11));
  }
  return { slack, teams };
}

describe('the weekly digest', () => {
  it('numbers weeks the ISO way', () => {
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-03-08')).toBe('2027-W10');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });

  it('posts a short all-clear in an empty week', () => {
    const t = setup();
    const { digest, message } = buildDigest(t.core);
    expect(digest.allClear).toBe(true);
    expect(digest.week).toBe('2027-W10');
    expect(message.title).toBe('Weekly audit digest: week of 8 March 2027');
    expect(message.summary).toBe('Audit digest, week of 8 March 2027: all clear. No open nonconformities and nothing overdue.');
    expect(message.blocks).toHaveLength(2);
    expect(message.blocks[0]).toMatchObject({ type: 'text', text: expect.stringContaining('All clear: no open nonconformities') as string });
    // The programme still shows where the cycle stands.
    expect(message.blocks[1]).toMatchObject({ type: 'context', text: expect.stringContaining('Programme 2027: 0 of 3 audits done') as string });
    const { slack } = expectFitsEveryPlatform(message);
    expect(slack.blocks.length).toBeLessThanOrEqual(3);
    expect(renderMessageText(message)).toContain('All clear');
  });

  it('shows a typical week: open nonconformities major first then oldest, overdue actions, the week, programme, evidence, exceptions, undelivered', () => {
    const t = setup();
    const { db } = t;
    // Open: an old minor from last year's audit, a major from January, a minor raised this week.
    addFinding(db, { id: 'F-2026-0001', classification: 'minor', raisedAt: '2026-09-20T10:00:00.000Z', auditId: SEED.audits.suppliersClosed, requirement: 'A.5.19', area: SEED.areas.suppliers, owner: SEED.suppliersOwner, statement: 'Supplier contracts lack security clauses' });
    addAction(db, { id: 'CA-2026-0001', findingId: 'F-2026-0001', owner: SEED.suppliersOwner, status: 'planned', due: '2026-11-30', openedAt: '2026-09-20T10:00:00.000Z', plannedAt: '2026-10-01T10:00:00.000Z' });
    addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-20T11:00:00.000Z', statement: 'Leavers keep VPN access for weeks' });
    addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'open', due: '2027-02-19', openedAt: '2027-01-20T11:00:00.000Z' });
    addFinding(db, { id: 'F-2027-0002', classification: 'minor', raisedAt: '2027-03-02T10:00:00.000Z', requirement: 'A.8.5', owner: SEED.authOwner });
    addAction(db, { id: 'CA-2027-0002', findingId: 'F-2027-0002', owner: SEED.authOwner, status: 'open', due: '2027-06-01', openedAt: '2027-03-02T10:00:00.000Z' });
    // New this week, not a nonconformity.
    addFinding(db, { id: 'F-2027-0003', classification: 'ofi', raisedAt: '2027-03-03T10:00:00.000Z', requirement: 'A.5.18' });
    // Closed this week after an effective verification.
    addFinding(db, { id: 'F-2027-0004', classification: 'minor', raisedAt: '2027-02-01T10:00:00.000Z' });
    addAction(db, { id: 'CA-2027-0004', findingId: 'F-2027-0004', status: 'closed', due: '2027-03-01', openedAt: '2027-02-01T10:00:00.000Z', implementedAt: '2027-02-25T10:00:00.000Z', closedAt: '2027-03-05T15:00:00.000Z' });
    addVerification(db, { actionId: 'CA-2027-0004', at: '2027-03-05T15:00:00.000Z', effective: true, reason: 'Access reviews run monthly now' });
    // Evidence: one overdue, one accepted in time.
    addEvidence(db, { requirement: 'A.8.5', owner: SEED.authOwner, due: '2027-03-01', status: 'requested', requestedAt: '2027-02-15T09:00:00.000Z' });
    addEvidence(db, { requirement: 'A.5.15', due: '2027-03-01', status: 'accepted', requestedAt: '2027-02-15T09:00:00.000Z', submittedAt: '2027-02-20T09:00:00.000Z' });
    // An independence exception, and a notification Slack refused.
    db.update(audits).set({ exception: { justification: 'Only Carl knows the ISMS, and Carl wrote none of it', by: SEED.lead, at: '2027-01-02T10:00:00.000Z' } }).where(eq(audits.id, SEED.audits.isms)).run();
    addDeadNotification(db, { key: 'finding:F-2027-0001:owner', recipient: SEED.iamOwner, lastError: 'not retryable: Slack said channel_not_found', at: '2027-01-20T11:00:01.000Z' });

    const { digest, message } = buildDigest(t.core);
    expect(digest.allClear).toBe(false);
    expect(digest.open).toMatchObject({ total: 3, major: 1, minor: 2, recent: 1, middle: 1, old: 1 });
    expect(digest.open.items.map((f) => f.id)).toEqual(['F-2027-0001', 'F-2026-0001', 'F-2027-0002']);
    expect(digest.overdueActions.items.map((a) => a.id)).toEqual(['CA-2026-0001', 'CA-2027-0001']);
    expect(digest.newFindings).toMatchObject({ total: 2, byClassification: { major: 0, minor: 1, ofi: 1, observation: 0 } });
    expect(digest.closed.items.map((a) => a.id)).toEqual(['CA-2027-0004']);
    expect(digest.overdueEvidence.total).toBe(1);
    expect(digest.exceptions.items).toEqual([expect.objectContaining({ auditId: SEED.audits.isms, kind: 'exception', by: SEED.lead })]);
    expect(digest.undelivered.total).toBe(1);
    expect(digest.programme).toMatchObject({ cycle: '2027', audits: 3, byStatus: { planned: 1, in_progress: 2, reporting: 0, closed: 0 }, notStartedYet: 1 });

    expect(message.summary).toBe(
      'Audit digest, week of 8 March 2027: 3 open nonconformities (1 major), 2 corrective actions overdue, 2 new findings, 1 closed, 1 evidence request overdue, 1 independence exception, 1 notification not delivered.',
    );
    expect(message.blocks[0]).toEqual({
      type: 'fields',
      fields: [
        { label: 'Open nonconformities', value: '3 (1 major, 2 minor)' },
        { label: 'Corrective actions overdue', value: '2' },
        { label: 'New findings this week', value: '2: 1 minor, 1 OFI' },
        { label: 'Closed this week', value: '1 corrective action' },
        { label: 'Evidence overdue', value: '1' },
        { label: 'Independence exceptions', value: '1' },
      ],
    });
    const open = listTitled(message, 'Open nonconformities');
    expect(open?.items[0]).toBe(
      'F-2027-0001 MAJOR: A.5.15 Access control, area iam, owner bo@acme.example, open 47 days. "Leavers keep VPN access for weeks" Action CA-2027-0001 open, due 19 Feb 2027.',
    );
    expect(open?.items[1]).toContain('F-2026-0001 MINOR: A.5.19');
    expect(open?.items[1]).toContain('owner fay@acme.example, open 169 days');
    expect(open?.more).toBeUndefined();
    expect(message.blocks).toContainEqual({ type: 'context', text: 'By age: 1 under 30 days, 1 from 30 to 90 days, 1 over 90 days.' });
    expect(listTitled(message, 'Corrective actions past')?.items).toEqual([
      'CA-2026-0001 for F-2026-0001 (minor, A.5.19), owner fay@acme.example, planned, due 30 Nov 2026 (98 days ago).',
      'CA-2027-0001 for F-2027-0001 (major, A.5.15), owner bo@acme.example, open, due 19 Feb 2027 (17 days ago).',
    ]);
    expect(listTitled(message, 'New findings this week')?.items.map((i) => i.slice(0, 11))).toEqual(['F-2027-0002', 'F-2027-0003']);
    expect(listTitled(message, 'Closed this week')?.items).toEqual(['CA-2027-0004 closed 5 Mar 2027, verified effective: F-2027-0004 (minor, A.5.15), owner bo@acme.example.']);
    expect(message.blocks).toContainEqual({ type: 'text', text: expect.stringContaining('Programme 2027: 0 of 3 audits done (0 closed, 0 reporting), 2 in progress, 1 planned, 1 of them past their start date.') as string });
    expect(listTitled(message, 'Evidence past its due date')?.items[0]).toMatch(/^#\d+ A\.8\.5 Secure authentication for audit IA-2027-01, owner dee@acme\.example, due 1 Mar 2027 \(7 days ago\)\.$/);
    expect(listTitled(message, 'Independence exceptions')?.items[0]).toBe(
      'IA-2027-02: an auditor assigned without full independence. Justification: "Only Carl knows the ISMS, and Carl wrote none of it" (lena@acme.example, 2 Jan 2027).',
    );
    expect(listTitled(message, 'Notifications that could not be delivered')?.items[0]).toMatch(/to bo@acme\.example on slack, 8 attempts: not retryable: Slack said channel_not_found$/);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'context', text: expect.stringContaining('audit digest preview') as string });

    const { slack } = expectFitsEveryPlatform(message);
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(renderMessageText(message)).toContain('F-2027-0001 MAJOR');
  });

  it('ends with the trail head, as a witness outside the database, on every platform', () => {
    const t = setup();
    const hashes = t.core.store.transaction((tx) => {
      for (let i = 1; i <= 3; i++) tx.trail.append({ actor: SEED.lead, action: 'settings.digest_channel_set', subject: `setting:thing-${i}`, after: { conversationId: `c${i}` }, channel: 'cli' });
      return tx.trail.list().map((e) => e.hash);
    });
    const line = `Trail #3 · ${hashes[2]?.slice(0, 8)}`;
    expect(line).toMatch(/^Trail #3 · [0-9a-f]{8}$/);
    // An all-clear week…
    const quiet = buildDigest(t.core);
    expect(quiet.digest.trailHead).toEqual({ seq: 3, hash: hashes[2] });
    expect(quiet.message.blocks.at(-1)).toEqual({ type: 'context', text: line });
    // …and a busy one.
    addFinding(t.db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-03-01T10:00:00.000Z' });
    const { message } = buildDigest(t.core);
    expect(message.blocks.at(-1)).toEqual({ type: 'context', text: line });
    const { slack, teams } = expectFitsEveryPlatform(message);
    expect(JSON.stringify(slack.blocks.at(-1))).toContain(line);
    // The card escapes Markdown (`\#`), which Teams shows as `#`.
    expect(JSON.stringify(teams).replaceAll('\\\\', '')).toContain(line);
    expect(renderMessageText(message).trimEnd().split('\n').at(-1)?.trim()).toBe(line);
  });

  it('keeps 5,000 open nonconformities within Slack and Teams limits: the first items, "and N more" and the command', () => {
    const t = setup();
    const { db } = t;
    const long = 'Ünïcödé statement with "quotes", commas & <angle> brackets, <!channel> and many words. '.repeat(40);
    const veryLongEmail = (i: number) => `someone.with.a.rather.long.address.number.${i}@a-subsidiary-with-a-long-name.acme.example`;
    db.$client.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        const id = `F-2026-${String(i + 1).padStart(4, '0')}`;
        const raisedAt = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 3_600_000).toISOString();
        addFinding(db, { id, classification: i % 7 === 0 ? 'major' : 'minor', raisedAt, statement: long, owner: i % 2 === 0 ? SEED.iamOwner : SEED.authOwner });
        addAction(db, { id: `CA-2026-${String(i + 1).padStart(4, '0')}`, findingId: id, status: i % 3 === 0 ? 'planned' : 'open', due: '2026-12-01', openedAt: raisedAt });
      }
      for (let i = 0; i < 300; i++) {
        addFinding(db, { id: `F-2027-${String(i + 1).padStart(4, '0')}`, classification: 'ofi', raisedAt: `2027-03-0${1 + (i % 7)}T12:00:00.000Z`, statement: long });
        addDeadNotification(db, { key: `nudge:${i}`, recipient: veryLongEmail(i), lastError: `gave up after 8 attempts: ${long}`, at: '2027-02-01T09:00:00.000Z' });
      }
      CONTROLS.forEach((c, i) => {
        for (const auditId of [SEED.audits.iam, SEED.audits.isms]) addEvidence(db, { requirement: c.id, auditId, owner: SEED.iamOwner, due: '2027-02-01', status: i % 2 === 0 ? 'requested' : 'more_requested', requestedAt: '2027-01-10T09:00:00.000Z' });
      });
      insertAudits(
        db,
        Array.from({ length: 40 }, (_, i) => ({
          id: `IA-2027-${String(i + 10).padStart(2, '0')}`,
          cycle: '2027',
          status: 'planned' as const,
          start: '2027-06-01',
          end: '2027-06-30',
          areas: [SEED.areas.suppliers],
          controls: ['A.5.19'],
          auditors: [],
        })),
      );
      for (let i = 0; i < 40; i++) {
        db.update(audits)
          .set(i % 2 === 0 ? { exception: { justification: long, by: SEED.lead, at: '2027-02-01T10:00:00.000Z', auditor: veryLongEmail(i) } } : { needsExternalAuditor: true })
          .where(eq(audits.id, `IA-2027-${String(i + 10).padStart(2, '0')}`))
          .run();
      }
    })();

    const { digest, message } = buildDigest(t.core);
    // Counts stay exact; lists keep their first items.
    expect(digest.open.total).toBe(5000);
    expect(digest.open.major).toBe(715);
    expect(digest.overdueActions.total).toBe(5000);
    expect(digest.newFindings.total).toBe(300);
    expect(digest.overdueEvidence.total).toBe(CONTROLS.length * 2);
    expect(digest.exceptions.total).toBe(40);
    expect(digest.undelivered.total).toBe(300);

    const open = listTitled(message, 'Open nonconformities');
    expect(open?.items).toHaveLength(DIGEST_LIMITS.open);
    expect(open?.more).toBe(5000 - DIGEST_LIMITS.open);
    expect(open?.moreHint).toBe('All of them: auditbot export findings --format csv');
    // Major first, then oldest first: F-2026-0001 is the oldest major.
    expect(open?.items[0]).toMatch(/^F-2026-0001 MAJOR/);
    expect(open?.items[1]).toMatch(/^F-2026-0008 MAJOR/);
    expect(listTitled(message, 'Corrective actions past')).toMatchObject({ more: 5000 - DIGEST_LIMITS.overdueActions, moreHint: 'All of them: auditbot export actions --format csv' });
    expect(listTitled(message, 'New findings this week')).toMatchObject({ more: 300 - DIGEST_LIMITS.newFindings });
    expect(listTitled(message, 'Evidence past its due date')).toMatchObject({ more: CONTROLS.length * 2 - DIGEST_LIMITS.overdueEvidence, moreHint: 'All of them: auditbot export evidence --status requested --format csv' });
    expect(listTitled(message, 'Independence exceptions')).toMatchObject({ more: 40 - DIGEST_LIMITS.exceptions, moreHint: 'All of them: auditbot programme show' });
    expect(listTitled(message, 'Notifications that could not be delivered')).toMatchObject({ more: 300 - DIGEST_LIMITS.undelivered });

    const { slack, teams } = expectFitsEveryPlatform(message);
    expect(JSON.stringify(slack.blocks)).toContain(`…and ${5000 - DIGEST_LIMITS.open} more. All of them: auditbot export findings --format csv`);
    // Nothing typed becomes a Slack mention or a Teams link.
    expect(JSON.stringify(slack.blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(teams)).toContain('4990 more');
  });
});
