// The reminder engine's runner with a made-up job on a real database: whatever the job, the
// messages, the `reminders` rows and the trail events of a run commit together or not at all,
// and a second run queues nothing already queued.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/message.js';
import { reminderBundleKey } from '../../../src/core/reminders/plan-reminders.js';
import type { ReminderTrack } from '../../../src/core/reminders/policy.js';
import { runReminderJob, type ReminderJob } from '../../../src/core/reminders/run-reminders.js';
import { countWorkingDays, dayNumber } from '../../../src/core/shared/working-time.js';
import { reminders } from '../../../db/schema.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

interface Chore {
  id: number;
  owner: string;
  deadline: string;
}

const track: ReminderTrack<Chore, 'soon' | 'late'> = {
  cycle: (c) => `${c.owner}/${c.deadline}/`,
  stageOn(c, day) {
    const due = dayNumber(c.deadline);
    if (day.today <= due) return countWorkingDays(day.today, due, day.mask) <= 1 ? { kind: 'soon', overdueCount: 0, workingDays: 1 } : null;
    const late = countWorkingDays(due + 1, day.today + 1, day.mask);
    return { kind: 'late', overdueCount: late, workingDays: late };
  },
  escalateAfter: 1,
};

const job = (chores: Chore[], message: (recipient: string) => Message = (r) => ({ summary: `Chores for ${r}`, title: 'Chores', blocks: [] })): ReminderJob<Chore, 'soon' | 'late', 'manager'> => ({
  items: () => chores,
  subject: (c) => `evidence:${c.id}`,
  policy: () => ({
    awaiting: () => true,
    owner: (c) => c.owner,
    tracks: [track],
    escalateTo: (_c, owner) => (owner.manager ? [{ email: owner.manager, as: 'manager' }] : []),
    compare: (a, b) => a.id - b.id,
  }),
  key: (bundle) => reminderBundleKey('chores', bundle, (c) => c.id),
  message: (bundle) => message(bundle.recipient),
  trailEvent: (p, to) => (p.type === 'escalation' ? { action: 'evidence.escalated', after: { stage: p.stage, to, as: p.as } } : { action: 'evidence.reminded', after: { stage: p.stage, to } }),
});

// Monday 4 January 2027, 10:00 in London: Bo's chore was due on Friday, Dee's is due tomorrow.
const CHORES: Chore[] = [
  { id: 1, owner: SEED.iamOwner, deadline: '2027-01-01' },
  { id: 2, owner: SEED.authOwner, deadline: '2027-01-05' },
];

function setup(): TestCore {
  const t = makeTestCore('2027-01-04T10:00:00Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  return t;
}

const state = (t: TestCore) => ({
  outbox: t.core.store.transaction((tx) => tx.outbox.list()).map((r) => `${r.recipient} ${r.message.summary}`).sort(),
  reminders: t.db.select().from(reminders).all().map((r) => `${r.subject} ${r.stage}`).sort(),
  trail: t.core.store.transaction((tx) => tx.trail.list()).map((e) => `${e.action} ${e.subject} ${e.actor} ${e.channel}`).sort(),
});

describe('the reminder runner', () => {
  it('queues one message per person with a reminders row and a trail event per stage, and nothing on a second run', () => {
    const t = setup();
    const actor = { email: 'system', channel: 'scheduler' } as const;
    expect(runReminderJob(t.core, job(CHORES), actor)).toEqual({ messages: 3, reminded: 2, escalated: 1, open: 2 });
    expect(state(t)).toEqual({
      outbox: [`${SEED.lead} Chores for ${SEED.lead}`, `${SEED.iamOwner} Chores for ${SEED.iamOwner}`, `${SEED.authOwner} Chores for ${SEED.authOwner}`].sort(),
      reminders: [`evidence:1 ${SEED.iamOwner}/2027-01-01/overdue-1`, `evidence:1 ${SEED.iamOwner}/2027-01-01/escalate:${SEED.lead}`, `evidence:2 ${SEED.authOwner}/2027-01-05/soon`].sort(),
      trail: ['evidence.escalated evidence:1 system scheduler', 'evidence.reminded evidence:1 system scheduler', 'evidence.reminded evidence:2 system scheduler'].sort(),
    });
    const before = state(t);
    expect(runReminderJob(t.core, job(CHORES), actor)).toEqual({ messages: 0, reminded: 0, escalated: 0, open: 2 });
    expect(state(t)).toEqual(before);
  });

  it('writes nothing at all when building a message fails half-way through a run', () => {
    const t = setup();
    const failing = job(CHORES, (recipient) => {
      if (recipient === SEED.authOwner) throw new Error('message builder failed');
      return { summary: 'ok', title: 'ok', blocks: [] };
    });
    expect(() => runReminderJob(t.core, failing, { email: 'system', channel: 'scheduler' })).toThrow('message builder failed');
    expect(state(t)).toEqual({ outbox: [], reminders: [], trail: [] });
    // The next run, with a working builder, queues everything once.
    expect(runReminderJob(t.core, job(CHORES), { email: 'system', channel: 'scheduler' })).toMatchObject({ messages: 3, reminded: 2, escalated: 1 });
  });

  it('writes nothing when there is nothing to remind', () => {
    const t = setup();
    expect(runReminderJob(t.core, job([]), { email: 'system', channel: 'scheduler' })).toEqual({ messages: 0, reminded: 0, escalated: 0, open: 0 });
    expect(state(t)).toEqual({ outbox: [], reminders: [], trail: [] });
  });
});
