// Acceptance 2 of issue 6: running the nudges job twice in the same minute, or a crash between
// queueing and delivery, never sends anyone the same stage twice.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../db/connection.js';
import { createStore } from '../../../db/store.js';
import { loadConfig } from '../../../src/config.js';
import { fixedClock } from '../../../src/core/shared/clock.js';
import type { Core } from '../../../src/core/context.js';
import { runNudges } from '../../../src/core/evidence/run-nudges.js';
import type { OutboxRow, Tx } from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logger.js';
import type { Deliverer, DeliveryResult } from '../../../src/outbox/deliverer.js';
import { createDispatcher } from '../../../src/outbox/dispatcher.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import type { Job } from '../../../src/scheduler/job.js';
import { tempDir } from '../../helpers/cli.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { ORG, seedEvidenceOrg, startAudit } from './evidence-org.js';

const AUDIT_START = '2027-10-18T12:00:00.000Z';
/** Thursday 28 October, 08:00 UTC = 09:00 BST: Liam's and Lucy's "due in 2 working days" reminders. */
const REMINDER_TIME = '2027-10-28T08:00:00.000Z';

const nudgesJob = (): Job => {
  const job = buildJobs(loadConfig({})).find((j) => j.name === 'nudges');
  if (!job) throw new Error('no nudges job');
  return job;
};

const runJob = async (core: Core) => nudgesJob().run({ core, now: core.clock.now(), trigger: 'manual', scheduledFor: core.clock.now() });

const nudgeRows = (core: Core): OutboxRow[] => core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('nudge:evidence:'));

/** (recipient, stage) pairs recorded as reminded, in order. */
const remindedStages = (core: Core): string[] =>
  core.store
    .transaction((tx) => tx.trail.list())
    .filter((e) => e.action === 'evidence.reminded' || e.action === 'evidence.escalated')
    .map((e) => {
      const after = JSON.parse(e.after ?? '{}') as { to: string; stage: string };
      return `${after.to} ${e.subject} ${after.stage}`;
    });

class RecordingDeliverer implements Deliverer {
  readonly platform = 'console' as const;
  /**
   * Deliveries that carry a nudge; the other messages (the audit start, the requests) are
   * delivered unrecorded. A nudge due with the morning's requests arrives bundled with them.
   */
  readonly delivered: OutboxRow[] = [];
  deliver(row: OutboxRow): Promise<DeliveryResult> {
    if ((row.parts ?? [row.key]).some((k) => k.startsWith('nudge:evidence:'))) this.delivered.push(row);
    return Promise.resolve({ ok: true });
  }
}

const dispatch = async (core: Core, deliverer: Deliverer) =>
  createDispatcher({ store: core.store, clock: core.clock, deliverers: [deliverer], maxAttempts: 3, logger: createLogger('silent') }).runOnce();

let open: TestCore[] = [];
afterEach(() => {
  for (const t of open) t.db.$client.close();
  open = [];
});

function seeded(file?: string): TestCore {
  const t = makeTestCore(AUDIT_START, { timezone: 'Europe/London', ...(file ? { file } : {}) });
  open.push(t);
  seedEvidenceOrg(t);
  startAudit(t);
  return t;
}

describe('the nudges job never queues the same stage twice', () => {
  it('running twice in the same minute queues the reminders once', async () => {
    const t = seeded();
    t.clock.set(REMINDER_TIME);
    const first = await runJob(t.core);
    t.clock.set('2027-10-28T08:00:40.000Z');
    const second = await runJob(t.core);
    expect(first).toEqual({ messages: 2, reminded: 3, escalated: 0, open: 6 });
    expect(second).toEqual({ messages: 0, reminded: 0, escalated: 0, open: 6 });
    expect(nudgeRows(t.core).map((r) => r.recipient).sort()).toEqual([ORG.london, ORG.london2].sort());
    expect(remindedStages(t.core)).toHaveLength(3);
  });

  it('after a crash between queueing and delivery, the pending message is delivered once and the stage is not queued again', async () => {
    const file = join(tempDir('auditbot-nudges-'), 'crash.db');
    const before = seeded(file);
    before.clock.set(REMINDER_TIME);
    await runJob(before.core);
    const queued = nudgeRows(before.core);
    expect(queued.map((r) => r.status)).toEqual(['pending', 'pending']);
    // The process dies before the dispatcher delivers anything.
    before.db.$client.close();
    open = open.filter((x) => x !== before);

    const clock = fixedClock('2027-10-28T08:15:00.000Z');
    const db = openDatabase(file);
    const core: Core = { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: ['console'] } };
    open.push({ db, core, clock });
    // The scheduler catches up and runs again: the stages are recorded, nothing new is queued.
    expect(await runJob(core)).toEqual({ messages: 0, reminded: 0, escalated: 0, open: 6 });
    const deliverer = new RecordingDeliverer();
    await dispatch(core, deliverer);
    expect(deliverer.delivered).toHaveLength(2);
    // Later runs the same day, and another dispatch, send nothing more.
    for (const at of ['2027-10-28T09:00:00.000Z', '2027-10-28T12:30:00.000Z', '2027-10-28T16:45:00.000Z']) {
      clock.set(at);
      await runJob(core);
    }
    await dispatch(core, deliverer);
    // Liam and Lucy got the messages queued before the crash, once each; Nora (New York) had
    // her own reminder at 09:00 EDT, also once.
    const londoners = deliverer.delivered.filter((r) => r.recipient !== ORG.newYork);
    expect(londoners.flatMap((r) => (r.parts ?? [r.key]).filter((k) => k.startsWith('nudge:evidence:'))).sort()).toEqual(queued.map((r) => r.key).sort());
    expect(deliverer.delivered.map((r) => r.recipient).sort()).toEqual([ORG.london, ORG.london2, ORG.newYork].sort());
    const stages = remindedStages(core);
    expect(new Set(stages).size).toBe(stages.length);
  });

  it('a crash inside the run (after queueing, before the stage is recorded) leaves nothing behind, so the next run queues it once', async () => {
    const t = seeded();
    t.clock.set(REMINDER_TIME);
    const store = t.core.store;
    // The store as it would behave if the process died between the outbox insert and the reminder rows.
    const crashing: Core = {
      ...t.core,
      store: {
        transaction: <T>(fn: (tx: Tx) => T): T =>
          store.transaction((tx) =>
            fn({
              ...tx,
              reminders: {
                ...tx.reminders,
                record: () => {
                  throw new Error('simulated crash');
                },
              },
            }),
          ),
      },
    };
    expect(() => runNudges(crashing)).toThrow('simulated crash');
    expect(nudgeRows(t.core)).toEqual([]);
    expect(runNudges(t.core)).toEqual({ messages: 2, reminded: 3, escalated: 0, open: 6 });
    expect(runNudges(t.core)).toEqual({ messages: 0, reminded: 0, escalated: 0, open: 6 });
    const deliverer = new RecordingDeliverer();
    await dispatch(t.core, deliverer);
    expect(deliverer.delivered).toHaveLength(2);
  });

  it('the idempotency key names the person and the exact set of stages', async () => {
    const t = seeded();
    t.clock.set(REMINDER_TIME);
    await runJob(t.core);
    for (const row of nudgeRows(t.core)) expect(row.key).toMatch(new RegExp(`^nudge:evidence:${row.recipient.replace('.', '\\.')}:[0-9a-f]{16}$`));
  });
});
