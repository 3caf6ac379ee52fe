import { and, desc, eq, ne } from 'drizzle-orm';
import type { JobRun, JobRunRepository } from '../../src/core/jobs/ports.js';
import type { Db } from '../connection.js';
import { jobRuns } from '../schema.js';

type Row = typeof jobRuns.$inferSelect;
const toRun = (r: Row): JobRun => ({ ...r, counts: r.counts ?? null });

export function createJobRunRepository(db: Db): JobRunRepository {
  const get = (id: number): JobRun | null => {
    const row = db.select().from(jobRuns).where(eq(jobRuns.id, id)).get();
    return row ? toRun(row) : null;
  };
  const must = (id: number): JobRun => {
    const run = get(id);
    if (!run) throw new Error(`job run ${id} vanished while being recorded`);
    return run;
  };
  return {
    begin(run) {
      const row = db
        .insert(jobRuns)
        .values({ ...run, outcome: 'running', finishedAt: null, counts: null, error: null })
        .returning()
        .get();
      return toRun(row);
    },
    finish(id, result) {
      db.update(jobRuns).set(result).where(eq(jobRuns.id, id)).run();
      return must(id);
    },
    skipped(run) {
      const row = db
        .insert(jobRuns)
        .values({
          job: run.job,
          scheduledFor: run.scheduledFor,
          trigger: run.trigger,
          startedAt: run.at,
          finishedAt: run.at,
          outcome: 'skipped',
          counts: null,
          error: run.reason,
        })
        .returning()
        .get();
      return toRun(row);
    },
    lastServed(job) {
      const row = db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), ne(jobRuns.outcome, 'skipped')))
        .orderBy(desc(jobRuns.scheduledFor), desc(jobRuns.id))
        .limit(1)
        .get();
      return row ? toRun(row) : null;
    },
    list(filter) {
      const q = db.select().from(jobRuns);
      const filtered = filter?.job ? q.where(eq(jobRuns.job, filter.job)) : q;
      const ordered = filtered.orderBy(desc(jobRuns.id));
      return (filter?.limit ? ordered.limit(filter.limit) : ordered).all().map(toRun);
    },
    get,
    markInterrupted(at, reason) {
      return db.update(jobRuns).set({ outcome: 'failed', finishedAt: at, error: reason }).where(eq(jobRuns.outcome, 'running')).run().changes;
    },
  };
}
