// The reminder engine on its own, with a made-up policy: chores with a deadline, reminded the
// working day before, on the day and every working day after; the second overdue reminder
// escalates to the owner's buddy and to the house captain. What the engine guarantees (working
// hours in each person's zone, the latest stage only, never twice, one bundle per person) must
// hold whatever the policy.
import { describe, expect, it } from 'vitest';
import { planReminders, reminderBundleKey } from '../../../src/core/reminders/plan-reminders.js';
import { currentStageName, type ReminderPerson, type ReminderPolicy, type ReminderTrack } from '../../../src/core/reminders/policy.js';
import { countWorkingDays, dayNumber } from '../../../src/core/shared/working-time.js';

interface Chore {
  id: string;
  owner: string;
  /** YYYY-MM-DD */
  deadline: string;
  done: boolean;
}
type Kind = 'soon' | 'today' | 'late' | 'hello';
type Role = 'buddy' | 'captain';

const CAPTAIN = 'cap@house.example';
const person = (email: string, timezone: string | null, manager: string | null = null, active = true): ReminderPerson => ({ email, timezone, manager, active });
const PEOPLE = new Map(
  [
    person('ann@house.example', 'Europe/London', 'ben@house.example'),
    person('ben@house.example', 'Asia/Tokyo'),
    person(CAPTAIN, null),
    person('gone@house.example', null, null, false),
    person('cat@house.example', null, CAPTAIN),
  ].map((p) => [p.email, p]),
);

const deadlineTrack: ReminderTrack<Chore, Kind> = {
  cycle: (c) => `${c.owner}/${c.deadline}/`,
  stageOn(c, day) {
    const due = dayNumber(c.deadline);
    if (day.today < due) return countWorkingDays(day.today, due, day.mask) <= 1 ? { kind: 'soon', overdueCount: 0, workingDays: 1 } : null;
    if (day.today === due) return { kind: 'today', overdueCount: 0, workingDays: 0 };
    const late = countWorkingDays(due + 1, day.today + 1, day.mask);
    return late === 0 ? null : { kind: 'late', overdueCount: late, workingDays: late };
  },
  escalateAfter: 2,
};

/** A non-escalating track: one hello per owner, ever. */
const helloTrack: ReminderTrack<Chore, Kind> = { cycle: (c) => `${c.owner}/`, stageOn: () => ({ kind: 'hello', overdueCount: 0, workingDays: 0 }) };

const policy = (tracks: ReminderTrack<Chore, Kind>[] = [deadlineTrack]): ReminderPolicy<Chore, Kind, Role> => ({
  awaiting: (c) => !c.done,
  owner: (c) => c.owner,
  tracks,
  escalateTo: (_c, owner) => [...(owner.manager ? [{ email: owner.manager, as: 'buddy' as const }] : []), { email: CAPTAIN, as: 'captain' as const }],
  compare: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
});

const chore = (id: string, patch: Partial<Chore> = {}): Chore => ({ id, owner: 'ann@house.example', deadline: '2027-11-03', done: false, ...patch });

const plan = (now: string, items: Chore[], sent: Record<string, string[]> = {}, tracks?: ReminderTrack<Chore, Kind>[]) =>
  planReminders({ now: new Date(now), timezone: 'Europe/London', items, people: PEOPLE, policy: policy(tracks), sentFor: (c) => (sent[c.id] ? new Set(sent[c.id]) : undefined) });

/** `recipient: item stage-without-cycle` lines, in bundle order. */
const lines = (bundles: ReturnType<typeof plan>) => bundles.flatMap((b) => b.items.map((p) => `${b.recipient}: ${p.item.id} ${p.stage.split('/').slice(-1)[0]}`));

describe('the reminder engine', () => {
  it('plans nothing before a stage has come, then the stage, in the owner\'s working hours only', () => {
    expect(plan('2027-11-01T10:00:00Z', [chore('a')])).toEqual([]); // Monday: two working days ahead
    expect(plan('2027-11-02T08:59:00Z', [chore('a')])).toEqual([]); // 08:59 in London
    expect(lines(plan('2027-11-02T09:00:00Z', [chore('a')]))).toEqual(['ann@house.example: a soon']);
    expect(plan('2027-11-02T17:00:00Z', [chore('a')])).toEqual([]);
    expect(plan('2027-11-06T10:00:00Z', [chore('a')])).toEqual([]); // Saturday
  });

  it('after downtime plans only the latest stage, and never one already queued', () => {
    // Monday 8 November: three working days late; the second overdue reminder never went, this one escalates.
    expect(lines(plan('2027-11-08T10:00:00Z', [chore('a')]))).toEqual(['ann@house.example: a overdue-3', `${CAPTAIN}: a escalate:${CAPTAIN}`]);
    expect(plan('2027-11-08T10:00:00Z', [chore('a')], { a: ['ann@house.example/2027-11-03/overdue-3', `ann@house.example/2027-11-03/escalate:${CAPTAIN}`] })).toEqual([]);
  });

  it('escalates once the threshold reminder is queued, to each target in their own working hours, once per cycle', () => {
    // Thursday 4 November, 10:00 in London: the first overdue reminder, no escalation yet.
    expect(lines(plan('2027-11-04T10:00:00Z', [chore('a')]))).toEqual(['ann@house.example: a overdue-1']);
    // Friday 5 November, 10:00 London = 19:00 Tokyo: the captain (London) now, the buddy (Tokyo) not.
    const friday = plan('2027-11-05T10:00:00Z', [chore('a')], { a: ['ann@house.example/2027-11-03/overdue-1'] });
    expect(lines(friday)).toEqual(['ann@house.example: a overdue-2', `${CAPTAIN}: a escalate:${CAPTAIN}`]);
    expect(friday[1]?.items[0]).toMatchObject({ type: 'escalation', as: ['captain'], workingDaysLate: 2, remindersSent: 2 });
    // Monday 8 November, 09:00 Tokyo (00:00 London): the owner is asleep, the buddy is told.
    const sent = { a: ['ann@house.example/2027-11-03/overdue-1', 'ann@house.example/2027-11-03/overdue-2', `ann@house.example/2027-11-03/escalate:${CAPTAIN}`] };
    const monday = plan('2027-11-08T00:00:00Z', [chore('a')], sent);
    expect(lines(monday)).toEqual(['ben@house.example: a escalate:ben@house.example']);
    expect(monday[0]?.items[0]).toMatchObject({ as: ['buddy'], remindersSent: 2 });
    // A new deadline is a new cycle: the cadence starts afresh, and so would escalation.
    expect(lines(plan('2027-11-08T10:00:00Z', [chore('a', { deadline: '2027-11-09' })], sent))).toEqual(['ann@house.example: a soon']);
  });

  it('never escalates to the owner or to someone inactive, and tells someone named twice once, in both capacities', () => {
    const sent = { c: ['cat@house.example/2027-11-03/overdue-1'] };
    // Cat's buddy is the captain: one escalation, as both.
    const bundles = plan('2027-11-05T10:00:00Z', [chore('c', { owner: 'cat@house.example' })], sent);
    expect(lines(bundles)).toEqual([`${CAPTAIN}: c escalate:${CAPTAIN}`, 'cat@house.example: c overdue-2']);
    expect(bundles[0]?.items[0]).toMatchObject({ as: ['buddy', 'captain'] });
    // The captain's own chore escalates to nobody; an inactive owner is not reminded at all.
    expect(lines(plan('2027-11-05T10:00:00Z', [chore('k', { owner: CAPTAIN })], { k: [`${CAPTAIN}/2027-11-03/overdue-1`] }))).toEqual([`${CAPTAIN}: k overdue-2`]);
    expect(plan('2027-11-05T10:00:00Z', [chore('g', { owner: 'gone@house.example' })])).toEqual([]);
    expect(plan('2027-11-05T10:00:00Z', [chore('d', { done: true })])).toEqual([]);
  });

  it('bundles one person\'s items in the policy\'s order and the tracks\' order, and people by e-mail', () => {
    const bundles = plan('2027-11-05T10:00:00Z', [chore('b'), chore('a', { deadline: '2027-11-08' })], { b: ['ann@house.example/2027-11-03/overdue-1'] }, [helloTrack, deadlineTrack]);
    expect(lines(bundles)).toEqual([
      'ann@house.example: a hello',
      'ann@house.example: a soon',
      'ann@house.example: b hello',
      'ann@house.example: b overdue-2',
      `${CAPTAIN}: b escalate:${CAPTAIN}`,
    ]);
    // The captain's own reminder comes before the escalation, whatever the items' order.
    const captain = plan('2027-11-05T10:00:00Z', [chore('b'), chore('k', { owner: CAPTAIN })], { b: ['ann@house.example/2027-11-03/overdue-1'], k: [`${CAPTAIN}/2027-11-03/overdue-1`] });
    expect(lines(captain).filter((l) => l.startsWith(CAPTAIN))).toEqual([`${CAPTAIN}: k overdue-2`, `${CAPTAIN}: b escalate:${CAPTAIN}`]);
    // The hello stage is one per owner (its cycle is the owner): once queued for one chore, it is queued for all.
    expect(lines(plan('2027-11-05T10:00:00Z', [chore('a', { deadline: '2027-11-08' })], { a: ['ann@house.example/hello'] }, [helloTrack, deadlineTrack]))).toEqual(['ann@house.example: a soon']);
  });

  it('asks a track that never escalates nothing outside the owner\'s working hours', () => {
    let asked = 0;
    const counting: ReminderTrack<Chore, Kind> = { ...helloTrack, stageOn: (c, day) => (asked++, helloTrack.stageOn(c, day)) };
    expect(plan('2027-11-05T20:00:00Z', [chore('a'), chore('b')], {}, [counting])).toEqual([]);
    expect(asked).toBe(0);
    expect(plan('2027-11-05T10:00:00Z', [chore('a'), chore('b')], {}, [counting])).toHaveLength(1);
    expect(asked).toBe(2);
  });

  it('names the stage a track has come to, for a use case that covers it with its own message', () => {
    const day = { today: dayNumber('2027-11-05'), mask: 0b111110, timezone: 'Europe/London' };
    expect(currentStageName(deadlineTrack, chore('a'), day)).toBe('ann@house.example/2027-11-03/overdue-2');
    expect(currentStageName(deadlineTrack, chore('a', { deadline: '2027-11-30' }), day)).toBeNull();
  });

  it('keys a bundle by its recipient and exactly its stages, in any order', () => {
    const [bundle] = plan('2027-11-02T09:00:00Z', [chore('a'), chore('b')]);
    if (!bundle) throw new Error('no bundle');
    const key = reminderBundleKey('chores', bundle, (c) => c.id);
    expect(key).toMatch(/^chores:ann@house\.example:[0-9a-f]{16}$/);
    expect(reminderBundleKey('chores', { ...bundle, items: [...bundle.items].reverse() }, (c) => c.id)).toBe(key);
    expect(reminderBundleKey('chores', { ...bundle, items: bundle.items.slice(1) }, (c) => c.id)).not.toBe(key);
  });
});
