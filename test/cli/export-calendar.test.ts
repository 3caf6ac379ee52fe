// `auditbot export calendar --format ics`: RFC 5545 read back by node-ical, with the required
// properties on every event and UIDs that survive a re-plan (issue 15 point 5).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sync, type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { recordNonconformity, setupActions } from '../core/corrective-actions/fixture.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED } from '../helpers/seed.js';

function seededFile(): string {
  const file = `${tempDir()}/auditbot.db`;
  const t = setupActions('2027-01-04T10:00:00Z', () => {}, file);
  recordNonconformity(t);
  t.core.store.transaction((tx) => {
    tx.conduct.savePlan({
      auditId: SEED.audits.iam,
      objectives: 'Leavers lose access on the day; "privileged" accounts reviewed, quarterly',
      method: 'remote',
      criteria: ['A.5.15'],
      auditees: [SEED.iamOwner],
      schedule: [
        { what: 'Opening meeting', at: '2027-01-11T09:00:00.000Z' },
        { what: 'Interview: identity team; leavers, "temp" accounts', at: '2027-01-12T14:00:00.000Z' },
        { what: 'Closing meeting', at: '2027-01-22T15:00:00.000Z' },
      ],
      sharedAt: null,
      updatedBy: SEED.auditor,
      updatedAt: '2027-01-04T10:00:00.000Z',
    });
    tx.evidence.insert({
      auditId: SEED.audits.iam,
      requirement: 'A.5.18',
      owner: SEED.iamOwner,
      due: '2027-01-15',
      status: 'requested',
      links: [],
      note: null,
      comment: null,
      snoozeCount: 0,
      notMineReason: null,
      requestedAt: '2027-01-04T10:00:00.000Z',
      submittedAt: null,
      acceptedBy: null,
      acceptedAt: null,
    });
  });
  t.db.$client.close();
  return file;
}

/** Re-plans: the audit's window, a meeting and the due dates all move. */
function replan(file: string): void {
  const t = makeTestCore('2027-01-05T10:00:00Z', { file });
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (!audit) throw new Error('seeded audit');
    tx.programme.updateAudit(audit.id, { start: '2027-01-18', end: '2027-02-05' });
    const plan = tx.conduct.getPlan(audit.id);
    if (!plan) throw new Error('saved plan');
    // The opening meeting moves a week and comes second in the list now.
    tx.conduct.savePlan({ ...plan, schedule: [plan.schedule[1]!, { what: 'Opening meeting', at: '2027-01-18T10:00:00.000Z' }, plan.schedule[2]!] });
    const request = tx.evidence.list({ auditId: audit.id })[0]!;
    tx.evidence.update(request.id, { due: '2027-01-22' });
    const action = tx.actions.list()[0]!;
    tx.actions.update(action.id, { due: '2027-03-31' });
  });
  t.db.$client.close();
}

function events(ics: string): VEvent[] {
  return Object.values(sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

const ymd = (d: Date): string => d.toISOString().slice(0, 10);

describe('auditbot export calendar', () => {
  it('writes an iCalendar file that node-ical reads, every event with UID, DTSTAMP, DTSTART and SUMMARY', async () => {
    const file = seededFile();
    const res = await cli(['export', 'calendar', '--format', 'ics'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(res.stdout).toContain('PRODID:');
    const all = events(res.stdout);
    for (const e of all) {
      expect(e.uid).toMatch(/@auditbot$/);
      expect(e.dtstamp).toBeInstanceOf(Date);
      expect(e.start).toBeInstanceOf(Date);
      expect(typeof e.summary === 'string' ? e.summary : '').not.toBe('');
    }
    expect(new Set(all.map((e) => e.uid)).size).toBe(all.length);
    const byUid = new Map(all.map((e) => [e.uid, e]));
    // Every audit window of the seed, all-day, DTEND the day after the last day.
    const iam = byUid.get(`audit-${SEED.audits.iam}@auditbot`);
    expect(iam?.datetype).toBe('date');
    expect(res.stdout).toMatch(new RegExp(`UID:audit-${SEED.audits.iam}@auditbot[\\s\\S]*?DTSTART;VALUE=DATE:\\d{8}`));
    for (const id of Object.values(SEED.audits)) expect(byUid.has(`audit-${id}@auditbot`)).toBe(true);
    // Planned meetings, at their UTC moment, an hour long; typed text comes back exactly.
    const opening = byUid.get(`audit-${SEED.audits.iam}-opening-meeting@auditbot`);
    expect(opening?.start.toISOString()).toBe('2027-01-11T09:00:00.000Z');
    expect(opening?.end?.toISOString()).toBe('2027-01-11T10:00:00.000Z');
    const interview = all.find((e) => e.uid.startsWith(`audit-${SEED.audits.iam}-interview`));
    expect(interview?.summary).toBe(`Interview: identity team; leavers, "temp" accounts (audit ${SEED.audits.iam})`);
    // Evidence and action due dates, all-day.
    const evidence = all.find((e) => e.uid.startsWith('evidence-'));
    expect(evidence && ymd(evidence.start)).toBe('2027-01-15');
    const action = all.find((e) => e.uid.startsWith('action-CA-'));
    expect(action?.datetype).toBe('date');
  });

  it('keeps every UID when the audit is re-planned, the meetings reordered and the due dates moved', async () => {
    const file = seededFile();
    const before = events((await cli(['export', 'calendar', '--format', 'ics'], { AUDITBOT_DB: file })).stdout);
    replan(file);
    const after = events((await cli(['export', 'calendar', '--format', 'ics'], { AUDITBOT_DB: file })).stdout);
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const at = (list: VEvent[], uid: string): string => list.find((e) => e.uid === uid)!.start.toISOString();
    const window = `audit-${SEED.audits.iam}@auditbot`;
    const opening = `audit-${SEED.audits.iam}-opening-meeting@auditbot`;
    expect(at(before, window)).not.toBe(at(after, window));
    expect(at(after, opening)).toBe('2027-01-18T10:00:00.000Z');
    const evidence = after.find((e) => e.uid.startsWith('evidence-'))!;
    expect(ymd(evidence.start)).toBe('2027-01-22');
    const action = after.find((e) => e.uid.startsWith('action-'))!;
    expect(ymd(action.start)).toBe('2027-03-31');
  });

  it("with --person lists only that person's events, and --output writes the file", async () => {
    const file = seededFile();
    const out = join(tempDir(), 'bo.ics');
    const res = await cli(['export', 'calendar', '--person', SEED.iamOwner, '--format', 'ics', '--output', out], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Wrote \d+ events to /);
    const uids = events(readFileSync(out, 'utf8')).map((e) => e.uid);
    expect(uids).toContain(`audit-${SEED.audits.iam}@auditbot`);
    expect(uids).toContain(`audit-${SEED.audits.iam}-opening-meeting@auditbot`);
    expect(uids.some((u) => u.startsWith('evidence-'))).toBe(true);
    expect(uids.some((u) => u.startsWith('action-'))).toBe(true);
    expect(uids).not.toContain(`audit-${SEED.audits.isms}@auditbot`);
  });

  it('refuses an unknown person and another format', async () => {
    const file = seededFile();
    const unknown = await cli(['export', 'calendar', '--person', 'nobody@acme.example'], { AUDITBOT_DB: file });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('nobody@acme.example is not in the organisation file');
    const csv = await cli(['export', 'calendar', '--format', 'csv'], { AUDITBOT_DB: file });
    expect(csv.code).not.toBe(0);
    expect(csv.stderr).toContain('ics');
  });
});
