// Acceptance 3: 120 simulated days with a fixed clock, the chase job run every hour of every
// day (nights and weekends included). Reminders and escalations come on exactly the expected
// working days, at the start of the recipient's working day in their own time zone, bundled one
// message per person per run, never twice, and never after the action is closed.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import { requestExtension } from '../../../src/core/corrective-actions/request-extension.js';
import { decideExtension } from '../../../src/core/corrective-actions/decide-extension.js';
import { runChase } from '../../../src/core/corrective-actions/run-chase.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { reminders } from '../../../db/schema.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import type { TestCore } from '../../helpers/core.js';
import { SEED } from '../../helpers/seed.js';
import { as, PLAN, recordNonconformity, setupActions, TEAM_LEAD } from './fixture.js';

const DAY = 86_400_000;
const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const isWeekday = (d: string): boolean => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
/** The n-th Monday-to-Friday day after (n > 0) or before (n < 0) `d`. */
function workingDay(d: string, n: number): string {
  let x = d;
  for (let left = Math.abs(n); left > 0; ) {
    x = addDays(x, Math.sign(n));
    if (isWeekday(x)) left--;
  }
  return x;
}
/** Overdue reminders: the 1st working day after the due date, then every 3 working days, up to `end`. */
function overdueDays(due: string, end: string): string[] {
  const days: string[] = [];
  for (let k = 1; ; k++) {
    const d = workingDay(due, 3 * (k - 1) + 1);
    if (d > end) return days;
    days.push(d);
  }
}

/** Wall clock of an instant in a zone, read with Intl here so the test does not trust working-time.ts. */
function wall(iso: string, timeZone: string): { date: string; hour: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return { date: `${p('year')}-${p('month')}-${p('day')}`, hour: Number(p('hour')), weekday: p('weekday') };
}

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const ZONE: Record<string, string> = { [SEED.authOwner]: NY, [SEED.iamOwner]: LONDON, [SEED.lead]: LONDON, [TEAM_LEAD]: LONDON };
const END = '2027-05-04'; // 120 days after Monday 4 January 2027

describe('the chase over 120 simulated days', () => {
  it('reminds and escalates on exactly the expected working days, in working hours, once, and never after closure', () => {
    // Dee works from New York; everyone else in London (the organisation's zone).
    const t: TestCore = setupActions('2027-01-04T10:00:00Z', (people) => {
      const dee = people.find((p) => p.email === SEED.authOwner);
      if (dee) dee.timezone = NY;
    });
    // CA-2027-0001: a major nonconformity owned by Dee (manager Bo), due in 30 days; never planned.
    const a1 = recordNonconformity(t, { classification: 'major', requirement: 'A.8.5' });
    // CA-2027-0002: Bo's minor, due 15 February; planned, implemented, found not effective, closed.
    const a2 = recordNonconformity(t, { requirement: 'A.5.15', dueDate: '2027-02-15' });
    // CA-2027-0003: Bo's minor, due 15 February; never planned; due date extended on 8 March.
    const a3 = recordNonconformity(t, { requirement: 'A.5.18', dueDate: '2027-02-15' });
    expect([a1.id, a1.due, a2.id, a3.id]).toEqual(['CA-2027-0001', '2027-02-03', 'CA-2027-0002', 'CA-2027-0003']);

    const events: Record<string, () => void> = {
      '2027-01-06T10:00:00.000Z': () => planAction(t.core, as(SEED.iamOwner), { actionId: a2.id, ...PLAN, due: '2027-02-15' }),
      '2027-02-11T10:00:00.000Z': () => markImplemented(t.core, as(SEED.iamOwner), { actionId: a2.id, links: 'https://tickets.example/IAM-7' }),
      '2027-02-15T11:00:00.000Z': () => verifyAction(t.core, as(SEED.auditor), { actionId: a2.id, effective: false, reason: 'Two leavers from February are still active.', due: '2027-03-01' }),
      '2027-03-03T10:00:00.000Z': () => markImplemented(t.core, as(SEED.iamOwner), { actionId: a2.id, links: 'https://tickets.example/IAM-9' }),
      '2027-03-04T10:00:00.000Z': () => verifyAction(t.core, as(SEED.auditor), { actionId: a2.id, effective: true, reason: 'No leaver active for more than a day since 1 March.' }),
      '2027-03-08T11:00:00.000Z': () => {
        requestExtension(t.core, as(SEED.iamOwner), { actionId: a3.id, due: '2027-04-30', reason: 'The HR system integration ships in April.' });
        decideExtension(t.core, as(SEED.lead), { actionId: a3.id, approve: true });
      },
    };
    const closedAt = '2027-03-04T10:00:00.000Z';

    const chase = buildJobs(loadConfig({})).find((j) => j.name === 'chase');
    if (!chase) throw new Error('the chase job is not registered');
    expect(chase.cron).toBe('0 9 * * 1-5');
    let runs = 0;
    for (let at = Date.parse('2027-01-04T11:00:00Z'); at <= Date.parse(`${END}T23:00:00Z`); at += 3_600_000) {
      const now = new Date(at);
      t.clock.set(now);
      events[now.toISOString()]?.();
      void chase.run({ core: t.core, now, trigger: 'cron', scheduledFor: now });
      runs++;
    }
    expect(runs).toBe(2893);
    expect(t.core.store.transaction((tx) => tx.actions.get(a2.id)?.status)).toBe('closed');

    // Every stage recorded, with the local date it was queued on (in the recipient's zone).
    const stages = t.db.select().from(reminders).all().filter((r) => r.subject.startsWith('action:'));
    const recipientOf = (stage: string): string => /escalate:(.+)$/.exec(stage)?.[1] ?? stage.split('/')[0] ?? '';
    const actual = stages.map((r) => `${r.subject.slice('action:'.length)} ${r.stage} ${wall(r.at, ZONE[recipientOf(r.stage)] ?? LONDON).date}`).sort();

    const dee = SEED.authOwner;
    const bo = SEED.iamOwner;
    const expected = [
      // CA-2027-0001 (Dee, New York): no plan after 5 working days, due soon 5 working days before
      // 3 February, then overdue every 3 working days; the second overdue reminder escalates once
      // to her manager (Bo) and to each audit lead (Lena, Pat).
      `CA-2027-0001 ${dee}/no-plan ${workingDay('2027-01-04', 5)}`,
      `CA-2027-0001 ${dee}/2027-02-03/due-soon ${workingDay('2027-02-03', -5)}`,
      ...overdueDays('2027-02-03', END).map((d, i) => `CA-2027-0001 ${dee}/2027-02-03/overdue-${i + 1} ${d}`),
      ...[bo, SEED.lead, TEAM_LEAD].map((e) => `CA-2027-0001 ${dee}/2027-02-03/escalate:${e} ${workingDay('2027-02-03', 4)}`),
      // CA-2027-0002 (Bo): planned in time, so no no-plan reminder; due soon; quiet while waiting
      // for verification; after "not effective" a fresh cadence for 1 March; none after closure.
      `CA-2027-0002 ${bo}/2027-02-15/due-soon ${workingDay('2027-02-15', -5)}`,
      `CA-2027-0002 ${bo}/2027-03-01/due-soon ${workingDay('2027-03-01', -5)}`,
      `CA-2027-0002 ${bo}/2027-03-01/overdue-1 ${workingDay('2027-03-01', 1)}`,
      // CA-2027-0003 (Bo): no plan; due soon; overdue until the extension on 8 March, escalated
      // to Lena (his manager and a lead) and Pat; then a fresh cadence for 30 April.
      `CA-2027-0003 ${bo}/no-plan ${workingDay('2027-01-04', 5)}`,
      `CA-2027-0003 ${bo}/2027-02-15/due-soon ${workingDay('2027-02-15', -5)}`,
      ...overdueDays('2027-02-15', '2027-03-08').map((d, i) => `CA-2027-0003 ${bo}/2027-02-15/overdue-${i + 1} ${d}`),
      ...[SEED.lead, TEAM_LEAD].map((e) => `CA-2027-0003 ${bo}/2027-02-15/escalate:${e} ${workingDay('2027-02-15', 4)}`),
      `CA-2027-0003 ${bo}/2027-04-30/due-soon ${workingDay('2027-04-30', -5)}`,
      `CA-2027-0003 ${bo}/2027-04-30/overdue-1 ${workingDay('2027-04-30', 1)}`,
    ].sort();
    expect(actual).toEqual(expected);
    // Spot checks of the oracle itself, in plain dates.
    expect(expected).toEqual(
      expect.arrayContaining([
        `CA-2027-0001 ${dee}/no-plan 2027-01-11`,
        `CA-2027-0001 ${dee}/2027-02-03/due-soon 2027-01-27`,
        `CA-2027-0001 ${dee}/2027-02-03/overdue-1 2027-02-04`,
        `CA-2027-0001 ${dee}/2027-02-03/overdue-2 2027-02-09`,
        `CA-2027-0001 ${dee}/2027-02-03/escalate:${SEED.lead} 2027-02-09`,
        `CA-2027-0001 ${dee}/2027-02-03/overdue-3 2027-02-12`,
        `CA-2027-0003 ${bo}/2027-02-15/overdue-5 2027-03-04`,
        `CA-2027-0003 ${bo}/2027-04-30/due-soon 2027-04-23`,
      ]),
    );

    // The messages: one per person per run, each in the recipient's working hours (09:00-17:00,
    // Monday to Friday, in their own zone, across both DST changes). Reminders go at the first
    // run of the owner's working day; an escalation goes with the second overdue reminder, here
    // Dee's 09:00 in New York, which is 14:00 in London.
    const outbox = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('chase:action:'));
    for (const row of outbox) {
      const local = wall(row.createdAt, ZONE[row.recipient] ?? LONDON);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], `${row.key} at ${row.createdAt}`).toContain(local.weekday);
      expect(local.hour, `${row.key} at ${row.createdAt}`).toBeGreaterThanOrEqual(9);
      expect(local.hour, `${row.key} at ${row.createdAt}`).toBeLessThan(17);
      if (row.message.summary.startsWith('Reminder')) expect(local.hour, `${row.key} at ${row.createdAt}`).toBe(9);
    }
    const escalationTimes = outbox.filter((r) => r.message.title === 'Overdue corrective actions').map((r) => `${r.recipient} ${r.createdAt}`);
    expect(escalationTimes.sort()).toEqual([
      `${bo} 2027-02-09T14:00:00.000Z`,
      `${SEED.lead} 2027-02-09T14:00:00.000Z`,
      `${SEED.lead} 2027-02-19T09:00:00.000Z`,
      `${TEAM_LEAD} 2027-02-09T14:00:00.000Z`,
      `${TEAM_LEAD} 2027-02-19T09:00:00.000Z`,
    ]);
    const messageDays = (email: string) => outbox.filter((r) => r.recipient === email).map((r) => wall(r.createdAt, ZONE[email] ?? LONDON).date);
    expect(messageDays(bo)).toEqual(['2027-01-11', '2027-02-08', '2027-02-09', '2027-02-16', '2027-02-19', '2027-02-22', '2027-02-24', '2027-03-01', '2027-03-02', '2027-03-04', '2027-04-23', '2027-05-03']);
    expect(messageDays(SEED.lead)).toEqual(['2027-02-09', '2027-02-19']);
    expect(messageDays(TEAM_LEAD)).toEqual(['2027-02-09', '2027-02-19']);
    expect(messageDays(dee)).toEqual(['2027-01-11', '2027-01-27', ...overdueDays('2027-02-03', END)]);

    // Bundled: on 8 February Bo gets one message about both of his actions due soon, with buttons for each.
    const feb8 = outbox.filter((r) => r.recipient === bo && wall(r.createdAt, LONDON).date === '2027-02-08');
    expect(feb8).toHaveLength(1);
    const feb8Text = JSON.stringify(feb8[0]?.message);
    expect(feb8Text).toContain('CA-2027-0002');
    expect(feb8Text).toContain('CA-2027-0003');
    expect(feb8[0]?.message.blocks.filter((b) => b.type === 'buttons').map((b) => (b.type === 'buttons' ? b.buttons.map((a) => `${a.id} ${a.value}`) : []))).toEqual([
      ['action.plan CA-2027-0002', 'action.implemented CA-2027-0002', 'action.extend CA-2027-0002'],
      ['action.plan CA-2027-0003', 'action.implemented CA-2027-0003', 'action.extend CA-2027-0003'],
    ]);
    // Escalations state facts for the manager and the leads; Lena is told once as both.
    const lenaFeb19 = outbox.find((r) => r.recipient === SEED.lead && wall(r.createdAt, LONDON).date === '2027-02-19');
    expect(lenaFeb19?.message.summary).toBe('For your information: 1 corrective action is overdue.');
    expect(JSON.stringify(lenaFeb19?.message)).toContain('as manager of the owners or audit lead');
    expect(JSON.stringify(lenaFeb19?.message)).toContain('CA-2027-0003 (finding F-2027-0003), owner Bo Berg (bo@acme.example): open, waiting for a plan, due Monday 15 February 2027, 4 working days overdue after 3 reminders.');

    // Nothing about the closed action after it closed.
    const afterClosure = outbox.filter((r) => r.createdAt > closedAt && JSON.stringify(r.message).includes('CA-2027-0002'));
    expect(afterClosure).toEqual([]);
    // One trail event per stage, from the scheduler.
    const trail = t.core.store.transaction((tx) => tx.trail.list()).filter((e) => e.action === 'action.chased' || e.action === 'action.escalated');
    expect(trail).toHaveLength(stages.length);
    expect(new Set(trail.map((e) => `${e.actor} ${e.channel}`))).toEqual(new Set(['system scheduler']));
  });

  it('queues nothing more when run twice at the same moment; an implemented action chases its verifier, not its owner; nothing once closed', () => {
    const t = setupActions('2027-01-04T10:00:00Z');
    const open = recordNonconformity(t, { requirement: 'A.5.15', dueDate: '2027-01-08' });
    expect(open.due).toBe('2027-01-08');
    // Opening already said when it is due, so "due soon" is not repeated minutes later.
    expect(runChase(t.core)).toEqual({ messages: 0, chased: 0, escalated: 0, open: 1 });
    // Five working days later it is both unplanned and overdue: two stages, one message, one line.
    t.clock.set('2027-01-11T09:30:00Z');
    expect(runChase(t.core)).toMatchObject({ messages: 1, chased: 2 });
    const [row] = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('chase:action:'));
    expect(row?.message.blocks.filter((b) => b.type === 'text').map((b) => (b.type === 'text' ? b.text : ''))).toEqual([
      'A friendly reminder, Bo Berg: 1 corrective action of yours is past the due date. A short update helps: plan it, mark it implemented, or request an extension with the reason.',
      'CA-2027-0001 (finding F-2027-0001), open, waiting for a plan: was due Friday 8 January 2027, 1 working day ago; opened 5 working days ago and not planned yet.',
    ]);
    expect(runChase(t.core)).toMatchObject({ messages: 0, chased: 0 });
    planAction(t.core, as(SEED.iamOwner), { actionId: open.id, ...PLAN, due: open.due });
    markImplemented(t.core, as(SEED.iamOwner), { actionId: open.id, links: 'https://tickets.example/IAM-7' });
    t.clock.set('2027-01-20T09:30:00Z');
    // Implemented on 11 January: 7 working days later the verifier (Ana, who raised it) is reminded (issue 14.6).
    expect(runChase(t.core)).toEqual({ messages: 1, chased: 1, escalated: 0, open: 1 });
    expect(t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('chase:action:')).map((r) => r.recipient)).toEqual([SEED.iamOwner, SEED.auditor]);
    verifyAction(t.core, as(SEED.auditor), { actionId: open.id, effective: true, reason: 'Sampled 10 leavers: all disabled within a day.' });
    t.clock.set('2027-02-20T09:30:00Z');
    expect(runChase(t.core)).toEqual({ messages: 0, chased: 0, escalated: 0, open: 0 });
  });
});
