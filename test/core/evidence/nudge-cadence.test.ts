// Acceptance 1 of issue 6: thirty simulated days of the nudges job, run every 15 minutes, for
// owners in Tokyo, London and New York while London (31 October) and New York (7 November)
// leave summer time. The exact time of every reminder and escalation; none on a weekend or
// outside the recipient's working hours; none after the evidence is submitted.
import { beforeAll, describe, expect, it } from 'vitest';
import { runNudges } from '../../../src/core/evidence/run-nudges.js';
import { submitEvidence } from '../../../src/core/evidence/submit-evidence.js';
import { isWithinWorkingHours } from '../../../src/core/shared/working-time.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { ORG, requestId, seedEvidenceOrg, startAudit } from './evidence-org.js';

const START = '2027-10-18T12:00:00.000Z';
const END = '2027-11-17T12:00:00.000Z';
const STEP = 15 * 60 * 1000;
const SUBMITTED_AT = '2027-11-02T10:00:00.000Z';

const TZ: Record<string, string> = {
  [ORG.tokyo]: 'Asia/Tokyo',
  [ORG.tokyoManager]: 'Asia/Tokyo',
  [ORG.london]: 'Europe/London',
  [ORG.london2]: 'Europe/London',
  [ORG.lead]: 'Europe/London',
  [ORG.newYork]: 'America/New_York',
  [ORG.newYorkManager]: 'America/Los_Angeles',
};

const SIMULATION = {
  reminders: [] as { at: string; requirement: string; stage: string }[],
  messages: [] as { at: string; recipient: string; key: string }[],
};

/** Every reminder stage, as [requirement, stage, when (UTC)]. */
const EXPECTED_REMINDERS: [string, string, string][] = [];
const cadence = (requirements: string[], times: Record<string, string>) => {
  for (const r of requirements) for (const [stage, at] of Object.entries(times)) EXPECTED_REMINDERS.push([r, stage, at]);
};
// Tokyo (UTC+9, no DST): 09:00 JST is 00:00 UTC. Due Monday 1 November.
cadence(['A.5.15', 'A.8.13'], {
  before: '2027-10-28T00:00', // Thursday, 2 working days before
  due: '2027-11-01T00:00',
  'overdue-1': '2027-11-03T00:00',
  'overdue-2': '2027-11-05T00:00',
  'overdue-3': '2027-11-09T00:00', // Tuesday: the weekend does not count
  'overdue-4': '2027-11-11T00:00',
  'overdue-5': '2027-11-15T00:00',
  'overdue-6': '2027-11-17T00:00',
});
// London: 09:00 BST is 08:00 UTC until Sunday 31 October, then 09:00 GMT is 09:00 UTC.
cadence(['9.1', 'A.5.30'], {
  before: '2027-10-28T08:00',
  due: '2027-11-01T09:00',
  'overdue-1': '2027-11-03T09:00',
  'overdue-2': '2027-11-05T09:00',
  'overdue-3': '2027-11-09T09:00',
  'overdue-4': '2027-11-11T09:00',
  'overdue-5': '2027-11-15T09:00',
  'overdue-6': '2027-11-17T09:00',
});
// Lucy (London by the organisation's zone) submits on Tuesday 2 November: nothing after.
cadence(['A.8.32'], { before: '2027-10-28T08:00', due: '2027-11-01T09:00' });
// New York: 09:00 EDT is 13:00 UTC until Sunday 7 November, then 09:00 EST is 14:00 UTC.
// Wednesday 17 November 14:00 UTC is after the end of the simulation.
cadence(['A.8.15'], {
  before: '2027-10-28T13:00',
  due: '2027-11-01T13:00',
  'overdue-1': '2027-11-03T13:00',
  'overdue-2': '2027-11-05T13:00',
  'overdue-3': '2027-11-09T14:00',
  'overdue-4': '2027-11-11T14:00',
  'overdue-5': '2027-11-15T14:00',
});

/** Escalations after the second overdue reminder: [requirement, recipient, when (UTC)]. */
const EXPECTED_ESCALATIONS: [string, string, string][] = [
  // Taro's manager is in Tokyo too: with the second overdue reminder.
  ['A.5.15', ORG.tokyoManager, '2027-11-05T00:00'],
  ['A.8.13', ORG.tokyoManager, '2027-11-05T00:00'],
  // The lead auditor is in London: at the start of her working day.
  ['A.5.15', ORG.lead, '2027-11-05T09:00'],
  ['A.8.13', ORG.lead, '2027-11-05T09:00'],
  // Lena is both Liam's manager and the lead auditor: one escalation each.
  ['9.1', ORG.lead, '2027-11-05T09:00'],
  ['A.5.30', ORG.lead, '2027-11-05T09:00'],
  ['A.8.15', ORG.lead, '2027-11-05T13:00'],
  // Nora's manager is in Los Angeles: 09:00 PDT is 16:00 UTC.
  ['A.8.15', ORG.newYorkManager, '2027-11-05T16:00'],
];

/** One message per person per run: [recipient, when (UTC)]. */
const EXPECTED_MESSAGES: [string, string][] = [
  [ORG.tokyo, '2027-10-28T00:00'],
  [ORG.london, '2027-10-28T08:00'],
  [ORG.london2, '2027-10-28T08:00'],
  [ORG.newYork, '2027-10-28T13:00'],
  [ORG.tokyo, '2027-11-01T00:00'],
  [ORG.london, '2027-11-01T09:00'],
  [ORG.london2, '2027-11-01T09:00'],
  [ORG.newYork, '2027-11-01T13:00'],
  [ORG.tokyo, '2027-11-03T00:00'],
  [ORG.london, '2027-11-03T09:00'],
  [ORG.newYork, '2027-11-03T13:00'],
  [ORG.tokyoManager, '2027-11-05T00:00'],
  [ORG.tokyo, '2027-11-05T00:00'],
  [ORG.lead, '2027-11-05T09:00'],
  [ORG.london, '2027-11-05T09:00'],
  [ORG.lead, '2027-11-05T13:00'],
  [ORG.newYork, '2027-11-05T13:00'],
  [ORG.newYorkManager, '2027-11-05T16:00'],
  [ORG.tokyo, '2027-11-09T00:00'],
  [ORG.london, '2027-11-09T09:00'],
  [ORG.newYork, '2027-11-09T14:00'],
  [ORG.tokyo, '2027-11-11T00:00'],
  [ORG.london, '2027-11-11T09:00'],
  [ORG.newYork, '2027-11-11T14:00'],
  [ORG.tokyo, '2027-11-15T00:00'],
  [ORG.london, '2027-11-15T09:00'],
  [ORG.newYork, '2027-11-15T14:00'],
  [ORG.tokyo, '2027-11-17T00:00'],
  [ORG.london, '2027-11-17T09:00'],
];

const minute = (iso: string): string => iso.slice(0, 16);

let t: TestCore;
const ids = new Map<number, string>();

beforeAll(() => {
  t = makeTestCore(START, { timezone: 'Europe/London' });
  seedEvidenceOrg(t);
  startAudit(t);
  for (const r of ['9.1', 'A.5.15', 'A.8.13', 'A.5.30', 'A.8.15', 'A.8.32']) ids.set(requestId(t, r), r);
  for (let at = Date.parse(START); at <= Date.parse(END); at += STEP) {
    t.clock.set(new Date(at));
    if (at === Date.parse(SUBMITTED_AT)) {
      submitEvidence(t.core, { email: ORG.london2, channel: 'console' }, { requestId: requestId(t, 'A.8.32'), links: 'https://wiki.acme.example/change-log' });
    }
    runNudges(t.core);
  }
  SIMULATION.reminders = t.db.$client
    .prepare("SELECT subject, stage, at FROM reminders WHERE subject LIKE 'evidence:%' ORDER BY at, subject, stage")
    .all()
    .map((row) => {
      const r = row as { subject: string; stage: string; at: string };
      return { at: r.at, requirement: ids.get(Number(r.subject.slice('evidence:'.length))) ?? r.subject, stage: r.stage };
    });
  SIMULATION.messages = t.core.store
    .transaction((tx) => tx.outbox.list())
    .filter((row) => row.key.startsWith('nudge:evidence:'))
    .map((row) => ({ at: row.createdAt, recipient: row.recipient, key: row.key }));
}, 120_000);

describe('thirty days of nudges across three time zones and two DST changes', () => {
  it('every request was made on the audit start, due in 10 working days (Monday 1 November) in each owner\'s calendar', () => {
    const requests = t.core.store.transaction((tx) => tx.evidence.list({ auditId: ORG.audit }));
    expect(requests.map((r) => [r.requirement, r.due])).toEqual([
      ['9.1', '2027-11-01'],
      ['A.5.15', '2027-11-01'],
      ['A.5.30', '2027-11-01'],
      ['A.8.13', '2027-11-01'],
      ['A.8.15', '2027-11-01'],
      ['A.8.32', '2027-11-01'],
    ]);
  });

  it('sends each reminder stage at exactly the expected minute', () => {
    const actual = SIMULATION.reminders
      .filter((r) => !r.stage.includes('/escalate:'))
      .map((r) => [r.requirement, r.stage.split('/').pop() ?? '', minute(r.at)])
      .sort((a, b) => `${a[2]}${a[0]}${a[1]}`.localeCompare(`${b[2]}${b[0]}${b[1]}`));
    const expected = [...EXPECTED_REMINDERS].sort((a, b) => `${a[2]}${a[0]}${a[1]}`.localeCompare(`${b[2]}${b[0]}${b[1]}`));
    expect(actual).toEqual(expected);
  });

  it('escalates once to the manager and the lead auditor after the second overdue reminder, each in their working hours', () => {
    const actual = SIMULATION.reminders
      .filter((r) => r.stage.includes('/escalate:'))
      .map((r) => [r.requirement, r.stage.split('/escalate:')[1] ?? '', minute(r.at)])
      .sort((a, b) => `${a[2]}${a[1]}${a[0]}`.localeCompare(`${b[2]}${b[1]}${b[0]}`));
    const expected = [...EXPECTED_ESCALATIONS].sort((a, b) => `${a[2]}${a[1]}${a[0]}`.localeCompare(`${b[2]}${b[1]}${b[0]}`));
    expect(actual).toEqual(expected);
  });

  it('bundles: one message per person per run, listing all their due items', () => {
    const actual = SIMULATION.messages.map((m) => [m.recipient, minute(m.at)]).sort((a, b) => `${a[1]}${a[0]}`.localeCompare(`${b[1]}${b[0]}`));
    const expected = [...EXPECTED_MESSAGES].sort((a, b) => `${a[1]}${a[0]}`.localeCompare(`${b[1]}${b[0]}`));
    expect(actual).toEqual(expected);
    const lenaAtNine = t.core.store.transaction((tx) => tx.outbox.list()).find((r) => r.recipient === ORG.lead && minute(r.createdAt) === '2027-11-05T09:00');
    const text = JSON.stringify(lenaAtNine?.message);
    for (const r of ['9.1', 'A.5.15', 'A.8.13', 'A.5.30']) expect(text).toContain(`${r} `);
  });

  it('sends nothing on a weekend or outside the recipient\'s working hours', () => {
    expect(SIMULATION.messages.length).toBeGreaterThan(0);
    for (const m of SIMULATION.messages) {
      const tz = TZ[m.recipient];
      expect(tz, m.recipient).toBeDefined();
      expect(isWithinWorkingHours(new Date(m.at), tz ?? 'UTC'), `${m.recipient} at ${m.at}`).toBe(true);
      const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short' }).format(new Date(m.at));
      expect(['Sat', 'Sun']).not.toContain(weekday);
    }
  });

  it('sends nothing about a request after its evidence is submitted', () => {
    const lucy = SIMULATION.reminders.filter((r) => r.requirement === 'A.8.32');
    expect(lucy.map((r) => minute(r.at))).toEqual(['2027-10-28T08:00', '2027-11-01T09:00']);
    expect(SIMULATION.messages.filter((m) => m.recipient === ORG.london2 && m.at > SUBMITTED_AT)).toEqual([]);
  });
});
