// The cadence as a pure function: state and clock in, due nudges out.
import { describe, expect, it } from 'vitest';
import { bundleKey, planNudges, type NudgePerson, type NudgeRequest, type PlanNudgesInput } from '../../../src/core/evidence/plan-nudges.js';

const person = (email: string, timezone: string | null, manager: string | null = null, active = true): NudgePerson => ({ email, timezone, manager, active });

const PEOPLE = new Map<string, NudgePerson>(
  [person('owner@x.example', 'Europe/London', 'boss@x.example'), person('boss@x.example', 'America/New_York'), person('lead@x.example', null), person('gone@x.example', 'Europe/London', null, false)].map((p) => [p.email, p]),
);

const request = (id: number, patch: Partial<NudgeRequest> = {}): NudgeRequest => ({
  id,
  auditId: 'IA-2027-10',
  requirement: 'A.5.15',
  owner: 'owner@x.example',
  due: '2027-11-01',
  status: 'requested',
  notMineReason: null,
  ...patch,
});

const plan = (now: string, requests: NudgeRequest[], sent: Record<number, string[]> = {}, extra: Partial<PlanNudgesInput> = {}) =>
  planNudges({
    now: new Date(now),
    timezone: 'Europe/London',
    requests,
    people: PEOPLE,
    leads: new Map([['IA-2027-10', 'lead@x.example']]),
    sent: new Map(Object.entries(sent).map(([id, stages]) => [Number(id), new Set(stages)])),
    ...extra,
  });

const summary = (bundles: ReturnType<typeof planNudges>) => bundles.map((b) => [b.recipient, b.nudges.map((n) => `${n.request.id} ${n.stage.split('/').slice(2).join('/')}`)]);

describe('planNudges', () => {
  it('sends nothing before 2 working days ahead, then the before-stage in working hours only', () => {
    expect(plan('2027-10-27T10:00:00Z', [request(1)])).toEqual([]); // Wednesday: 3 working days ahead
    expect(plan('2027-10-28T07:59:00Z', [request(1)])).toEqual([]); // 08:59 BST
    expect(summary(plan('2027-10-28T08:00:00Z', [request(1)]))).toEqual([['owner@x.example', ['1 before']]]);
  });

  it('after downtime sends only the latest stage that has come, not a pile of stale ones', () => {
    // Tuesday 9 November: overdue-3 only; the escalation missed on Friday goes with it.
    expect(summary(plan('2027-11-09T09:00:00Z', [request(1)]))).toEqual([
      ['lead@x.example', ['1 escalate:lead@x.example']],
      ['owner@x.example', ['1 overdue-3']],
    ]);
  });

  it('never plans a stage already queued', () => {
    expect(plan('2027-11-03T10:00:00Z', [request(1)], { 1: ['owner@x.example/2027-11-01/overdue-1'] })).toEqual([]);
  });

  it('stops for submitted, accepted and withdrawn requests, for "not mine", and for an owner who left', () => {
    const now = '2027-11-01T10:00:00Z';
    for (const status of ['submitted', 'accepted', 'withdrawn'] as const) expect(plan(now, [request(1, { status })])).toEqual([]);
    expect(plan(now, [request(1, { notMineReason: 'not mine' })])).toEqual([]);
    expect(plan(now, [request(1, { owner: 'gone@x.example' })])).toEqual([]);
    expect(summary(plan(now, [request(1, { status: 'more_requested' })]))).toEqual([['owner@x.example', ['1 due']]]);
  });

  it('restarts the cadence for a new owner: the old owner\'s stages do not count, and the old owner is not messaged', () => {
    const reassigned = request(1, { owner: 'lead@x.example' });
    const bundles = plan('2027-11-01T10:00:00Z', [reassigned], { 1: ['owner@x.example/2027-11-01/due'] });
    expect(summary(bundles)).toEqual([['lead@x.example', ['1 due']]]);
  });

  it('escalates only once the second overdue reminder is queued, to each recipient in their own working hours', () => {
    const fri = '2027-11-05T10:00:00Z'; // 10:00 London, 06:00 New York
    expect(summary(plan('2027-11-03T10:00:00Z', [request(1)]))).toEqual([['owner@x.example', ['1 overdue-1']]]);
    // With the second overdue reminder: the lead (London) now, the manager (New York) not yet.
    expect(summary(plan(fri, [request(1)]))).toEqual([
      ['lead@x.example', ['1 escalate:lead@x.example']],
      ['owner@x.example', ['1 overdue-2']],
    ]);
    const sent = { 1: ['owner@x.example/2027-11-01/overdue-2', 'owner@x.example/2027-11-01/escalate:lead@x.example'] };
    expect(plan(fri, [request(1)], sent)).toEqual([]);
    const bundles = plan('2027-11-05T13:00:00Z', [request(1)], sent); // 09:00 in New York
    expect(summary(bundles)).toEqual([['boss@x.example', ['1 escalate:boss@x.example']]]);
    expect(bundles[0]?.nudges[0]).toMatchObject({ type: 'escalation', as: ['manager'], workingDaysLate: 4, remindersSent: 1 });
  });

  it('bundles everything due for one person in one run, and keys the bundle by exactly its stages', () => {
    const bundles = plan('2027-11-01T10:00:00Z', [request(2, { requirement: 'A.8.13' }), request(1)]);
    expect(summary(bundles)).toEqual([['owner@x.example', ['1 due', '2 due']]]);
    const [b] = bundles;
    if (!b) throw new Error('no bundle');
    expect(bundleKey(b)).toBe(bundleKey({ ...b, nudges: [...b.nudges].reverse() }));
    expect(bundleKey(b)).not.toBe(bundleKey({ ...b, nudges: b.nudges.slice(1) }));
  });

  it('follows configured working hours', () => {
    const early = { start: 7 * 60, end: 15 * 60, days: [1, 2, 3, 4, 5] };
    expect(summary(plan('2027-11-01T07:30:00Z', [request(1)], {}, { workingHours: early }))).toEqual([['owner@x.example', ['1 due']]]);
    expect(plan('2027-11-01T15:30:00Z', [request(1)], {}, { workingHours: early })).toEqual([]);
  });
});
