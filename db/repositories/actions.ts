import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ActionRepository } from '../../src/core/corrective-actions/ports.js';
import type { CorrectiveActionRecord } from '../../src/core/corrective-actions/types.js';
import type { Db } from '../connection.js';
import { actionExtensions, correctiveActions, findings, verifications, actionExtensionRequests } from '../schema.js';

type Row = typeof correctiveActions.$inferSelect;

const toRecord = (r: Row): CorrectiveActionRecord => ({ ...r, implementationLinks: r.implementationLinks ?? [] });

/** The columns as the record names them, for the hand-written statements the chase reads 100,000 rows with. */
const COLUMNS =
  'a.id, a.finding_id AS findingId, a.owner, a.status, a.due, a.target, a.correction, a.root_cause AS rootCause, a.plan, a.implementation_links AS implementationLinks, a.opened_at AS openedAt, a.planned_at AS plannedAt, a.implemented_at AS implementedAt, a.closed_at AS closedAt';
type RawRow = Omit<CorrectiveActionRecord, 'implementationLinks'> & { implementationLinks: string | null };
const fromRaw = (r: RawRow): CorrectiveActionRecord => ({ ...r, implementationLinks: r.implementationLinks ? (JSON.parse(r.implementationLinks) as string[]) : [] });

export function createActionRepository(db: Db): ActionRepository {
  const awaitingStmt = db.$client.prepare(
    `SELECT ${COLUMNS}, f.raised_by AS raisedBy FROM corrective_actions a JOIN findings f ON f.id = a.finding_id WHERE a.status = 'implemented' ORDER BY a.opened_at, a.id`,
  );
  const byStatusStmt = db.$client.prepare(`SELECT ${COLUMNS} FROM corrective_actions a WHERE a.status IN (SELECT value FROM json_each(?)) ORDER BY a.opened_at, a.id`);
  const repo: ActionRepository = {
    insert(action) {
      db.insert(correctiveActions).values(action).run();
      db.update(findings).set({ actionId: action.id }).where(eq(findings.id, action.findingId)).run();
    },
    get(id) {
      const row = db.select().from(correctiveActions).where(eq(correctiveActions.id, id)).get();
      return row ? toRecord(row) : null;
    },
    getByFinding(findingId) {
      const row = db.select().from(correctiveActions).where(eq(correctiveActions.findingId, findingId)).get();
      return row ? toRecord(row) : null;
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(correctiveActions).set(patch).where(eq(correctiveActions.id, id)).run();
      const row = repo.get(id);
      if (!row) throw new Error(`corrective action ${id} vanished during an update`);
      return row;
    },
    list(filter = {}) {
      // The chase reads every open action by status on each run: a prepared statement, no query building.
      if (filter.owner === undefined && filter.statuses) return (byStatusStmt.all(JSON.stringify(filter.statuses)) as RawRow[]).map(fromRaw);
      const conditions: SQL[] = [];
      if (filter.owner !== undefined) conditions.push(eq(correctiveActions.owner, filter.owner.toLowerCase()));
      if (filter.statuses) conditions.push(inArray(correctiveActions.status, [...filter.statuses]));
      if (filter.findingIds) {
        if (filter.findingIds.length === 0) return [];
        conditions.push(inArray(correctiveActions.findingId, [...filter.findingIds]));
      }
      return db
        .select()
        .from(correctiveActions)
        .where(and(...conditions))
        .orderBy(asc(correctiveActions.openedAt), asc(correctiveActions.id))
        .all()
        .map(toRecord);
    },
    listAwaitingVerification() {
      return (awaitingStmt.all() as (RawRow & { raisedBy: string })[]).map((r) => ({ ...fromRaw(r), raisedBy: r.raisedBy }));
    },
    addExtension(e) {
      db.insert(actionExtensions).values({ actionId: e.actionId, by: e.by, at: e.at, fromDue: e.from, toDue: e.to, reason: e.reason }).run();
    },
    addExtensionRequest(r) {
      const row = db.insert(actionExtensionRequests).values({ ...r, status: 'pending' }).returning().get();
      return row;
    },
    pendingExtensionRequest(actionId) {
      return db.select().from(actionExtensionRequests).where(and(eq(actionExtensionRequests.actionId, actionId), eq(actionExtensionRequests.status, 'pending'))).get() ?? null;
    },
    decideExtensionRequest(id, decision) {
      db.update(actionExtensionRequests).set(decision).where(eq(actionExtensionRequests.id, id)).run();
    },
    listExtensions(actionId) {
      return db
        .select({ actionId: actionExtensions.actionId, by: actionExtensions.by, at: actionExtensions.at, from: actionExtensions.fromDue, to: actionExtensions.toDue, reason: actionExtensions.reason })
        .from(actionExtensions)
        .where(eq(actionExtensions.actionId, actionId))
        .orderBy(asc(actionExtensions.at), asc(actionExtensions.id))
        .all();
    },
    addVerification(v) {
      db.insert(verifications).values(v).run();
    },
    listVerifications(actionId) {
      return db
        .select({ actionId: verifications.actionId, by: verifications.by, at: verifications.at, effective: verifications.effective, reason: verifications.reason })
        .from(verifications)
        .where(eq(verifications.actionId, actionId))
        .orderBy(asc(verifications.at), asc(verifications.id))
        .all();
    },
  };
  return repo;
}
