// Evidence requests from audit start to acceptance: creation, submission with link validation,
// snooze limits, "not mine" and reassignment, review (accept / request more), withdrawal.
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditbotError } from '../../../src/core/errors.js';
import { evidenceHint } from '../../../src/core/evidence/evidence-hints.js';
import { listEvidence } from '../../../src/core/evidence/list-evidence.js';
import { markNotMine } from '../../../src/core/evidence/mark-not-mine.js';
import { reassignEvidence } from '../../../src/core/evidence/reassign-evidence.js';
import { reviewEvidence } from '../../../src/core/evidence/review-evidence.js';
import { runNudges } from '../../../src/core/evidence/run-nudges.js';
import { snoozeEvidence } from '../../../src/core/evidence/snooze-evidence.js';
import { submitEvidence } from '../../../src/core/evidence/submit-evidence.js';
import { withdrawEvidence } from '../../../src/core/evidence/withdraw-evidence.js';
import type { Message } from '../../../src/core/message.js';
import type { OutboxRow } from '../../../src/core/ports.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { seedSmallOrg } from '../../helpers/seed.js';
import { CLAUSES, CONTROLS } from '../../../src/core/catalogue/catalogue-data.js';
import { ORG, requestId, seedEvidenceOrg, startAudit } from './evidence-org.js';
import type { Actor } from '../../../src/core/shared/actor.js';

const as = (email: string): Actor => ({ email, channel: 'console' });
const rows = (t: TestCore): OutboxRow[] => t.core.store.transaction((tx) => tx.outbox.list());
const newRows = (t: TestCore, after: number): OutboxRow[] => rows(t).filter((r) => r.id > after);
const lastId = (t: TestCore): number => rows(t).at(-1)?.id ?? 0;
const textOf = (m: Message): string => JSON.stringify(m);
const actionIds = (m: Message): string[] => m.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((a) => `${a.id}:${a.value}`) : []));
const get = (t: TestCore, id: number) => t.core.store.transaction((tx) => tx.evidence.get(id));

/** The error a call throws, for asserting its code and field messages. */
function refusal(fn: () => unknown): AuditbotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AuditbotError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

let t: TestCore;

beforeEach(() => {
  t = makeTestCore('2027-10-18T12:00:00.000Z', { timezone: 'Europe/London' });
  seedEvidenceOrg(t);
});

describe('when an audit starts', () => {
  it('creates one request per clause and control in scope, to its owner, due in 10 working days, in the same transaction as the start', () => {
    startAudit(t);
    const requests = listEvidence(t.core, { auditId: ORG.audit });
    expect(requests.map((r) => [r.requirement, r.owner, r.due, r.status])).toEqual([
      ['9.1', ORG.london, '2027-11-01', 'requested'],
      ['A.5.15', ORG.tokyo, '2027-11-01', 'requested'],
      ['A.5.30', ORG.london, '2027-11-01', 'requested'],
      ['A.8.13', ORG.tokyo, '2027-11-01', 'requested'],
      ['A.8.15', ORG.newYork, '2027-11-01', 'requested'],
      ['A.8.32', ORG.london2, '2027-11-01', 'requested'],
    ]);
    const trail = t.core.store.transaction((tx) => tx.trail.list());
    expect(trail.filter((e) => e.action === 'evidence.requested')).toHaveLength(6);
    // The audit start comes first, the requests after it, in one transaction.
    expect(trail.findIndex((e) => e.action === 'audit.started')).toBeLessThan(trail.findIndex((e) => e.action === 'evidence.requested'));
  });

  it('sends each owner one message listing all their requests with id, requirement, title and a hint, and the buttons', () => {
    startAudit(t);
    const requested = rows(t).filter((r) => r.key.startsWith('evidence:requested:'));
    expect(requested.map((r) => r.recipient).sort()).toEqual([ORG.london, ORG.london2, ORG.newYork, ORG.tokyo].sort());
    const taro = requested.find((r) => r.recipient === ORG.tokyo);
    if (!taro) throw new Error('no message to Taro');
    const a515 = requestId(t, 'A.5.15');
    const a813 = requestId(t, 'A.8.13');
    const text = textOf(taro.message);
    expect(text).toContain(`#${a515} A.5.15 Access control`);
    expect(text).toContain(`#${a813} A.8.13 Information backup`);
    expect(text).toContain(evidenceHint('A.5.15'));
    expect(text).toContain('Monday 1 November 2027');
    expect(taro.message.summary).toBe('Internal audit IA-2027-10 has started: please share evidence for 2 requirements you own by Monday 1 November 2027.');
    expect(actionIds(taro.message)).toEqual([
      `evidence.submit:${a515}`,
      `evidence.snooze:${a515}`,
      `evidence.not_mine:${a515}`,
      `evidence.submit:${a813}`,
      `evidence.snooze:${a813}`,
      `evidence.not_mine:${a813}`,
    ]);
  });

  it('honours the audit\'s own number of working days, skips excluded controls and falls back from an owner who left', () => {
    const s = makeTestCore('2027-03-01T06:00:00.000Z', { timezone: 'Europe/London' });
    const seed = seedSmallOrg(s);
    s.db.$client.prepare('UPDATE audits SET evidence_due_days = 3, controls = ? WHERE id = ?').run(JSON.stringify(['A.5.19', 'A.5.20', 'A.5.21', seed.excludedControl]), seed.audits.suppliersPlanned);
    transitionAudit(s.core, { auditId: seed.audits.suppliersPlanned, to: 'in_progress' }, { email: seed.lead, channel: 'cli' });
    const requests = listEvidence(s.core, { auditId: seed.audits.suppliersPlanned });
    // Monday 1 March + 3 working days = Thursday 4 March; A.5.21's owner has left, so the area owner is asked.
    expect(requests.map((r) => [r.requirement, r.owner, r.due])).toEqual([
      ['A.5.19', seed.suppliersOwner, '2027-03-04'],
      ['A.5.20', seed.suppliersOwner, '2027-03-04'],
      ['A.5.21', seed.suppliersOwner, '2027-03-04'],
    ]);
  });

  it('has a hint for every clause and a specific one for every Annex A control', () => {
    const generic = evidenceHint('A.99.1');
    for (const c of [...CLAUSES, ...CONTROLS]) expect(evidenceHint(c.id), c.id).not.toBe(generic);
    expect(new Set(CONTROLS.map((c) => evidenceHint(c.id))).size).toBe(CONTROLS.length);
  });
});

describe('submitting evidence', () => {
  beforeEach(() => startAudit(t));

  it.each([
    ['javascript:alert(1)', '"javascript:" links cannot be accepted'],
    ['ftp://x', '"ftp:" links cannot be accepted'],
    [`https://docs.acme.example/${'a'.repeat(5000 - 26)}`, 'This link is 5,000 characters long; the limit is 2,000.'],
    ['www.acme.example/policy', 'is not a web link'],
    ['https://', 'is not a valid web address'],
    ['https://ana:secret@wiki.acme.example/x', 'carries a user name or password'],
    ['https://wiki.acme.example/a b', 'contains spaces'],
    ['', 'Paste at least one link'],
  ])('refuses %j with a field error on links', (link, message) => {
    const id = requestId(t, 'A.5.15');
    const e = refusal(() => submitEvidence(t.core, as(ORG.tokyo), { requestId: id, links: link }));
    expect(e.code).toBe('validation_failed');
    expect(Object.keys(e.fields)).toEqual(['links']);
    expect(e.fields.links).toContain(message);
    expect(get(t, id)?.status).toBe('requested');
  });

  it('names the line of each bad link among several', () => {
    const e = refusal(() => submitEvidence(t.core, as(ORG.tokyo), { requestId: requestId(t, 'A.5.15'), links: 'https://ok.example/a\nftp://x\njavascript:alert(1)' }));
    expect(e.fields.links).toMatch(/^Line 2: "ftp:".* Line 3: "javascript:"/);
  });

  it('refuses a note over 3,000 characters as a field error on note', () => {
    const e = refusal(() => submitEvidence(t.core, as(ORG.tokyo), { requestId: requestId(t, 'A.5.15'), links: 'https://ok.example/a', note: 'x'.repeat(3001) }));
    expect(e.fields).toEqual({ note: 'Please shorten the note: it is 3,001 characters; the limit is 3,000.' });
  });

  it('stores a valid link and note, stops the reminders and tells the audit\'s auditors with Accept and Request more', () => {
    const id = requestId(t, 'A.5.15');
    const before = lastId(t);
    const result = submitEvidence(t.core, as(ORG.tokyo), { requestId: id, links: 'https://wiki.acme.example/access-review-2027-q3\n\nhttps://tickets.acme.example/SEC-42', note: 'Q3 review, signed off by the CTO.' }, 'slack:view-1');
    expect(result.told.sort()).toEqual([ORG.auditor, ORG.lead].sort());
    const stored = get(t, id);
    expect(stored).toMatchObject({
      status: 'submitted',
      links: ['https://wiki.acme.example/access-review-2027-q3', 'https://tickets.acme.example/SEC-42'],
      note: 'Q3 review, signed off by the CTO.',
      submittedAt: '2027-10-18T12:00:00.000Z',
    });
    const told = newRows(t, before);
    expect(told.map((r) => r.recipient).sort()).toEqual([ORG.auditor, ORG.lead].sort());
    for (const r of told) {
      expect(textOf(r.message)).toContain('https://wiki.acme.example/access-review-2027-q3');
      expect(actionIds(r.message)).toEqual([`evidence.accept:${id}`, `evidence.more:${id}`]);
    }
    // A repeat of the same submission (a Slack retry) writes nothing more.
    expect(submitEvidence(t.core, as(ORG.tokyo), { requestId: id, links: 'https://wiki.acme.example/other' }, 'slack:view-1').repeated).toBe(true);
    expect(newRows(t, before)).toHaveLength(2);
    expect(get(t, id)?.links).toHaveLength(2);
  });

  it('lets only the owner submit', () => {
    const e = refusal(() => submitEvidence(t.core, as(ORG.london), { requestId: requestId(t, 'A.5.15'), links: 'https://ok.example/a' }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toContain('ask the audit lead to reassign it');
  });
});

describe('snoozing', () => {
  beforeEach(() => startAudit(t));

  it('moves the due date by 1 to 3 working days, at most twice', () => {
    const id = requestId(t, 'A.5.15');
    expect(snoozeEvidence(t.core, as(ORG.tokyo), { requestId: id, days: '3' }).request.due).toBe('2027-11-04'); // Mon 1 Nov + 3
    expect(snoozeEvidence(t.core, as(ORG.tokyo), { requestId: id, days: 2 })).toMatchObject({ request: { due: '2027-11-08', snoozeCount: 2 }, snoozesLeft: 0 });
    const third = refusal(() => snoozeEvidence(t.core, as(ORG.tokyo), { requestId: id, days: 1 }));
    expect(third.code).toBe('conflict');
    expect(third.fields.days).toContain('snoozed 2 times already, the most allowed');
    expect(get(t, id)?.due).toBe('2027-11-08');
  });

  it.each([['0'], ['4'], ['two'], ['']])('refuses %j days as a field error on days', (days) => {
    const e = refusal(() => snoozeEvidence(t.core, as(ORG.tokyo), { requestId: requestId(t, 'A.5.15'), days }));
    expect(Object.keys(e.fields)).toEqual(['days']);
  });

  it('counts from today when the request is already overdue, and the reminders follow the new date', () => {
    const id = requestId(t, 'A.8.15');
    t.clock.set('2027-11-03T15:00:00.000Z'); // Wednesday, 2 working days overdue, 11:00 in New York
    expect(snoozeEvidence(t.core, as(ORG.newYork), { requestId: id, days: 1 }).request.due).toBe('2027-11-04');
    // The snooze answer did the job of today's reminder ("due tomorrow"); the next is on the due day.
    runNudges(t.core);
    const toNora = () => rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.newYork);
    expect(toNora()).toEqual([]);
    t.clock.set('2027-11-04T13:00:00.000Z'); // 09:00 EDT
    runNudges(t.core);
    expect(toNora().map((r) => r.message.summary)).toEqual(['Reminder: evidence is due today on 1 evidence request.']);
  });
});

describe('not mine, reassignment and withdrawal', () => {
  beforeEach(() => startAudit(t));

  it('needs a reason, tells the leads with a Reassign button, and stops the reminders', () => {
    const id = requestId(t, 'A.8.32');
    expect(refusal(() => markNotMine(t.core, as(ORG.london2), { requestId: id, reason: '  ' })).fields).toHaveProperty('reason');
    const before = lastId(t);
    const result = markNotMine(t.core, as(ORG.london2), { requestId: id, reason: 'Change management is run by Liam now.' });
    expect(result.told).toEqual([ORG.lead]);
    const [toLead] = newRows(t, before);
    expect(toLead?.recipient).toBe(ORG.lead);
    expect(actionIds(toLead?.message ?? { summary: '', blocks: [] })).toEqual([`evidence.reassign:${id}`]);
    expect(textOf(toLead?.message ?? { summary: '', blocks: [] })).toContain('Change management is run by Liam now.');
    t.clock.set('2027-11-01T09:00:00.000Z'); // the due day in London
    runNudges(t.core);
    const nudged = rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.london2);
    expect(nudged).toEqual([]);
  });

  it('lets a lead reassign: the new owner gets the request and a fresh cadence, the previous owner is told', () => {
    const id = requestId(t, 'A.8.32');
    markNotMine(t.core, as(ORG.london2), { requestId: id, reason: 'Liam owns it.' });
    expect(refusal(() => reassignEvidence(t.core, as(ORG.london2), { requestId: id, owner: ORG.london })).code).toBe('forbidden');
    expect(refusal(() => reassignEvidence(t.core, as(ORG.lead), { requestId: id, owner: 'nobody@acme.example' })).fields).toHaveProperty('owner');
    const before = lastId(t);
    const result = reassignEvidence(t.core, as(ORG.lead), { requestId: id, owner: ORG.london });
    expect(result.request).toMatchObject({ owner: ORG.london, due: '2027-11-01', notMineReason: null });
    const told = newRows(t, before);
    expect(told.map((r) => r.recipient).sort()).toEqual([ORG.london, ORG.london2].sort());
    expect(actionIds(told.find((r) => r.recipient === ORG.london)?.message ?? { summary: '', blocks: [] })).toContain(`evidence.submit:${id}`);
    t.clock.set('2027-10-28T08:00:00.000Z');
    runNudges(t.core);
    const liam = rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.london);
    expect(liam).toHaveLength(1);
    expect(textOf(liam[0]?.message ?? { summary: '', blocks: [] })).toContain('A.8.32');
    expect(rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.london2)).toEqual([]);
  });

  it('lets a lead withdraw a request: no more reminders', () => {
    const id = requestId(t, 'A.8.15');
    withdrawEvidence(t.core, as(ORG.lead), { requestId: id, reason: 'Logging is audited with the platform audit.' });
    expect(get(t, id)?.status).toBe('withdrawn');
    t.clock.set('2027-10-28T13:00:00.000Z');
    runNudges(t.core);
    expect(rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.newYork)).toEqual([]);
  });
});

describe('working hours from the settings', () => {
  it('reminds within the configured hours (WORKING_HOURS=07:00-15:00) and not outside them', () => {
    startAudit(t);
    t.core.settings.workingHours = { start: 7 * 60, end: 15 * 60, days: [1, 2, 3, 4, 5] };
    const nudged = () => rows(t).filter((r) => r.key.startsWith('nudge:')).map((r) => r.recipient).sort();
    t.clock.set('2027-10-28T05:45:00.000Z'); // 06:45 in London, 14:45 in Tokyo
    runNudges(t.core);
    expect(nudged()).toEqual([ORG.tokyo]);
    t.clock.set('2027-10-28T06:00:00.000Z'); // 07:00 in London
    runNudges(t.core);
    expect(nudged()).toEqual([ORG.london2, ORG.london, ORG.tokyo].sort());
  });
});

describe('review by the auditors', () => {
  let id: number;
  beforeEach(() => {
    startAudit(t);
    id = requestId(t, 'A.5.15');
    submitEvidence(t.core, as(ORG.tokyo), { requestId: id, links: 'https://wiki.acme.example/access-review' });
  });

  it('records who accepted and when, and thanks the owner', () => {
    // Someone with no part in the audit is answered as if the request did not exist.
    expect(refusal(() => reviewEvidence(t.core, as(ORG.bystander), { requestId: id, decision: 'accept' })).code).toBe('not_found');
    expect(refusal(() => reviewEvidence(t.core, as(ORG.tokyoManager), { requestId: id, decision: 'accept' })).code).toBe('forbidden');
    t.clock.set('2027-10-19T09:30:00.000Z');
    const before = lastId(t);
    const { request } = reviewEvidence(t.core, as(ORG.auditor), { requestId: id, decision: 'accept' });
    expect(request).toMatchObject({ status: 'accepted', acceptedBy: ORG.auditor, acceptedAt: '2027-10-19T09:30:00.000Z' });
    expect(newRows(t, before).map((r) => r.recipient)).toEqual([ORG.tokyo]);
    expect(listEvidence(t.core, { auditId: ORG.audit }).find((e) => e.id === id)).toMatchObject({ status: 'accepted', acceptedBy: ORG.auditor });
    expect(refusal(() => reviewEvidence(t.core, as(ORG.lead), { requestId: id, decision: 'accept' })).message).toContain(`was accepted by ${ORG.auditor}`);
  });

  it('requests more with a comment and a new due date, back to the owner with a Submit button', () => {
    expect(refusal(() => reviewEvidence(t.core, as(ORG.lead), { requestId: id, decision: 'more' })).fields).toHaveProperty('comment');
    expect(refusal(() => reviewEvidence(t.core, as(ORG.lead), { requestId: id, decision: 'more', comment: 'x', due: '2027-10-18' })).fields).toHaveProperty('due');
    const before = lastId(t);
    const { request } = reviewEvidence(t.core, as(ORG.lead), { requestId: id, decision: 'more', comment: 'Please add the sign-off of the review.', due: '2027-10-22' });
    expect(request).toMatchObject({ status: 'more_requested', comment: 'Please add the sign-off of the review.', due: '2027-10-22' });
    const [toOwner] = newRows(t, before);
    expect(toOwner?.recipient).toBe(ORG.tokyo);
    expect(textOf(toOwner?.message ?? { summary: '', blocks: [] })).toContain('Please add the sign-off of the review.');
    expect(actionIds(toOwner?.message ?? { summary: '', blocks: [] })).toEqual([`evidence.submit:${id}`]);
    // Back with the owner: the reminders start again for the new due date (Tokyo, 2 working days before).
    t.clock.set('2027-10-20T00:00:00.000Z');
    runNudges(t.core);
    expect(rows(t).filter((r) => r.key.startsWith('nudge:') && r.recipient === ORG.tokyo)).toHaveLength(1);
  });
});
