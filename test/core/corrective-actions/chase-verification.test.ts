// Issue 14.6: an implemented action waiting for verification is chased through the one reminder
// engine: the verifier is reminded 5 working days after it was marked implemented and every 5
// working days after that, in the verifier's working hours; after the second reminder the audit
// leads (other than the verifiers) are told, once per implementation. A verdict stops it; "not
// effective" and a new implementation start a fresh cycle.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import { runChase } from '../../../src/core/corrective-actions/run-chase.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { eq } from 'drizzle-orm';
import { people, reminders } from '../../../db/schema.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import { SEED } from '../../helpers/seed.js';
import { as, PLAN, recordNonconformity, setupActions, TEAM_LEAD } from './fixture.js';

const DAY = 86_400_000;
const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const isWeekday = (d: string): boolean => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
function workingDay(d: string, n: number): string {
  let x = d;
  for (let left = n; left > 0; ) {
    x = addDays(x, 1);
    if (isWeekday(x)) left--;
  }
  return x;
}
/** London wall clock of an instant (everyone here works in London). */
function london(iso: string): { date: string; hour: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return { date: `${p('year')}-${p('month')}-${p('day')}`, hour: Number(p('hour')), weekday: p('weekday') };
}

describe('chasing verification', () => {
  it('reminds the verifier every 5 working days, tells the leads after the second reminder, and stops at the verdict', () => {
    const t = setupActions('2027-01-04T10:00:00Z');
    const a = recordNonconformity(t, { requirement: 'A.5.15' });
    const events: Record<string, () => void> = {
      '2027-01-05T10:00:00.000Z': () => planAction(t.core, as(SEED.iamOwner), { actionId: a.id, ...PLAN, due: a.due }),
      // Implemented on Monday 11 January; Ana, who raised the finding, is asked to verify it.
      '2027-01-11T10:00:00.000Z': () => markImplemented(t.core, as(SEED.iamOwner), { actionId: a.id, links: 'https://tickets.example/IAM-7' }),
      '2027-02-03T11:00:00.000Z': () => verifyAction(t.core, as(SEED.auditor), { actionId: a.id, effective: false, reason: 'Two leavers from January are still active.', due: '2027-03-19' }),
      '2027-02-10T10:00:00.000Z': () => markImplemented(t.core, as(SEED.iamOwner), { actionId: a.id, links: 'https://tickets.example/IAM-9' }),
      '2027-02-18T11:00:00.000Z': () => verifyAction(t.core, as(SEED.auditor), { actionId: a.id, effective: true, reason: 'No leaver active for more than a day since February.' }),
    };
    const chase = buildJobs(loadConfig({})).find((j) => j.name === 'chase');
    if (!chase) throw new Error('the chase job is not registered');
    for (let at = Date.parse('2027-01-04T11:00:00Z'); at <= Date.parse('2027-03-05T23:00:00Z'); at += 3_600_000) {
      const now = new Date(at);
      t.clock.set(now);
      events[now.toISOString()]?.();
      void chase.run({ core: t.core, now, trigger: 'cron', scheduledFor: now });
    }

    const ana = SEED.auditor;
    const stages = t.db
      .select()
      .from(reminders)
      .all()
      .filter((r) => r.subject === `action:${a.id}`)
      .map((r) => `${r.stage} ${london(r.at).date}`)
      .sort();
    expect(stages).toEqual(
      [
        // First implementation: 5, 10, 15 working days after 11 January; the leads told with the second.
        `verify:${ana}/2027-01-11/overdue-1 ${workingDay('2027-01-11', 5)}`,
        `verify:${ana}/2027-01-11/overdue-2 ${workingDay('2027-01-11', 10)}`,
        `verify:${ana}/2027-01-11/overdue-3 ${workingDay('2027-01-11', 15)}`,
        `verify:${ana}/2027-01-11/escalate:${SEED.lead} ${workingDay('2027-01-11', 10)}`,
        `verify:${ana}/2027-01-11/escalate:${TEAM_LEAD} ${workingDay('2027-01-11', 10)}`,
        // Not effective on 3 February, implemented again on 10 February: a fresh cycle, verified on the 18th.
        `verify:${ana}/2027-02-10/overdue-1 ${workingDay('2027-02-10', 5)}`,
      ].sort(),
    );
    expect(stages).toContain(`verify:${ana}/2027-01-11/overdue-2 2027-01-25`);

    // Every message in the recipient's working hours; reminders at the start of the working day.
    const outbox = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('chase:action:'));
    for (const row of outbox) {
      const local = london(row.createdAt);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(local.weekday);
      expect(local.hour).toBe(9);
    }
    // The owner is not chased while the action waits for verification.
    expect(outbox.filter((r) => r.recipient === SEED.iamOwner)).toEqual([]);
    expect(outbox.filter((r) => r.recipient === ana).map((r) => london(r.createdAt).date)).toEqual(['2027-01-18', '2027-01-25', '2027-02-01', '2027-02-17']);
    const first = outbox.find((r) => r.recipient === ana);
    expect(first?.message.summary).toBe('Reminder: 1 implemented corrective action waiting for your verification.');
    expect(first?.message.blocks.filter((b) => b.type === 'text').map((b) => (b.type === 'text' ? b.text : ''))).toEqual([
      'A friendly reminder, Ana Ruiz: 1 implemented corrective action waits for your verification. An action closes only once someone independent of its owner confirms it worked (ISO/IEC 27001 clause 10.2).',
      `${a.id} (finding F-2027-0001), owner Bo Berg: implemented Monday 11 January 2027, 5 working days ago, waiting for your verification.`,
    ]);
    expect(first?.message.blocks.filter((b) => b.type === 'buttons').map((b) => (b.type === 'buttons' ? b.buttons.map((x) => `${x.id} ${x.value}`) : []))).toEqual([[`action.verify ${a.id}`]]);

    // The leads: once, on 25 January, with facts.
    const leadRows = outbox.filter((r) => r.recipient === SEED.lead || r.recipient === TEAM_LEAD);
    expect(leadRows.map((r) => `${r.recipient} ${london(r.createdAt).date}`).sort()).toEqual([`${SEED.lead} 2027-01-25`, `${TEAM_LEAD} 2027-01-25`]);
    expect(leadRows[0]?.message.title).toBe('Corrective actions waiting for verification');
    expect(leadRows[0]?.message.summary).toBe('For your information: 1 implemented corrective action is still waiting for verification.');
    expect(JSON.stringify(leadRows[0]?.message)).toContain(`${a.id} (finding F-2027-0001), owner Bo Berg (bo@acme.example): implemented Monday 11 January 2027, waiting for verification by Ana Ruiz for 10 working days after 2 reminders.`);

    const trail = t.core.store.transaction((tx) => tx.trail.list({ subject: `action:${a.id}` }));
    expect(trail.filter((e) => e.action === 'action.chased').map((e) => (JSON.parse(e.after ?? 'null') as { kind: string }).kind)).toEqual(['verify', 'verify', 'verify', 'verify']);
    expect(trail.filter((e) => e.action === 'action.escalated')).toHaveLength(2);
  });

  it('asks every independent lead when the raiser has left, and escalates to the leads who are not asked; nothing twice, nothing once closed', () => {
    const t = setupActions('2027-01-04T10:00:00Z');
    const a = recordNonconformity(t, { requirement: 'A.5.15' });
    planAction(t.core, as(SEED.iamOwner), { actionId: a.id, ...PLAN, due: a.due });
    // Ana, who raised the finding, leaves; then the action is implemented.
    t.db.update(people).set({ active: false }).where(eq(people.email, SEED.auditor)).run();
    markImplemented(t.core, as(SEED.iamOwner), { actionId: a.id, links: 'https://tickets.example/IAM-7' });
    t.clock.set('2027-01-11T09:30:00Z');
    expect(runChase(t.core)).toEqual({ messages: 1, chased: 1, escalated: 0, open: 1 });
    t.clock.set('2027-01-18T09:30:00Z');
    // Lena (independent lead) is the verifier; Pat, a lead in the owner's team, is told.
    expect(runChase(t.core)).toEqual({ messages: 2, chased: 1, escalated: 1, open: 1 });
    expect(runChase(t.core)).toEqual({ messages: 0, chased: 0, escalated: 0, open: 1 });
    const rows = t.core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('chase:action:'));
    expect(rows.map((r) => r.recipient).sort()).toEqual([SEED.lead, SEED.lead, TEAM_LEAD]);
    verifyAction(t.core, as(SEED.lead), { actionId: a.id, effective: true, reason: 'Sampled 10 leavers: all disabled within a day.' });
    t.clock.set('2027-02-15T09:30:00Z');
    expect(runChase(t.core)).toEqual({ messages: 0, chased: 0, escalated: 0, open: 0 });
  });
});
