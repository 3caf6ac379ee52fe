import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ActionRepository } from '../../src/core/corrective-actions/ports.js';
import type { CorrectiveActionRecord } from '../../src/core/corrective-actions/types.js';
import type { Db } from '../connection.js';
import { actionExtensions, correctiveActions, findings, verifications, actionExtensionRequests } from '../schema.js';

type Row = typeof correctiveActions.$inferSelect;

const toRecord = (r: Row): CorrectiveActionRecord => ({ ...r, implementationLinks: r.implementationLinks ?? [] });

export function createActionRepository(db: Db): ActionRepository {
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
