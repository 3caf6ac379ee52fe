import type { ReminderRepository } from '../../src/core/reminders/ports.js';
import type { Db } from '../connection.js';

export function createReminderRepository(db: Db): ReminderRepository {
  // Prepared once: the nudges and chase jobs record a stage per item and person on every run.
  const insertStmt = db.$client.prepare('INSERT INTO reminders (subject, stage, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const hasStmt = db.$client.prepare('SELECT 1 FROM reminders WHERE subject = ? AND stage = ?');
  // One statement for any number of subjects (a JSON array, so no limit on bound parameters);
  // each is looked up through the primary key.
  const sentStmt = db.$client.prepare('SELECT subject, stage FROM reminders WHERE subject IN (SELECT value FROM json_each(?))');
  return {
    record(subject, stage, at) {
      return insertStmt.run(subject, stage, at).changes === 1;
    },
    has(subject, stage) {
      return hasStmt.get(subject, stage) !== undefined;
    },
    sent(subjects) {
      const map = new Map<string, Set<string>>();
      if (subjects.length === 0) return map;
      for (const { subject, stage } of sentStmt.iterate(JSON.stringify(subjects)) as Iterable<{ subject: string; stage: string }>) {
        let set = map.get(subject);
        if (!set) map.set(subject, (set = new Set()));
        set.add(stage);
      }
      return map;
    },
  };
}
