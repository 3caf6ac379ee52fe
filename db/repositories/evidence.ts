import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { EvidenceRepository } from '../../src/core/evidence/ports.js';
import { AWAITING_OWNER, type EvidenceRequestRecord } from '../../src/core/evidence/types.js';
import type { Db } from '../connection.js';
import { audits, evidenceRequests, evidenceSubmissions } from '../schema.js';

type Row = typeof evidenceRequests.$inferSelect;

const toRecord = (r: Row): EvidenceRequestRecord => ({ ...r, links: r.links ?? [] });

export function createEvidenceRepository(db: Db): EvidenceRepository {
  const awaiting = and(inArray(evidenceRequests.status, [...AWAITING_OWNER]), isNull(evidenceRequests.notMineReason), eq(audits.status, 'in_progress'));
  const prepareEvidenceOfAudit = () => db.select().from(evidenceRequests).where(eq(evidenceRequests.auditId, sql.placeholder('auditId'))).orderBy(asc(evidenceRequests.id)).prepare();
  let evidenceOfAudit: ReturnType<typeof prepareEvidenceOfAudit> | undefined;
  const repo: EvidenceRepository = {
    insert(request) {
      return toRecord(db.insert(evidenceRequests).values(request).returning().get());
    },
    get(id) {
      const row = db.select().from(evidenceRequests).where(eq(evidenceRequests.id, id)).get();
      return row ? toRecord(row) : null;
    },
    findByRequirement(auditId, requirement) {
      const row = db
        .select()
        .from(evidenceRequests)
        .where(and(eq(evidenceRequests.auditId, auditId), eq(evidenceRequests.requirement, requirement)))
        .get();
      return row ? toRecord(row) : null;
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(evidenceRequests).set(patch).where(eq(evidenceRequests.id, id)).run();
      const row = repo.get(id);
      if (!row) throw new Error(`evidence request ${id} vanished during an update`);
      return row;
    },
    list(filter = {}) {
      // An audit's requests (its checklist and report) is the common read: prepared once.
      if (filter.auditId !== undefined && filter.owner === undefined && filter.statuses === undefined) {
        evidenceOfAudit ??= prepareEvidenceOfAudit();
        return evidenceOfAudit.all({ auditId: filter.auditId }).map(toRecord);
      }
      const conditions = [];
      if (filter.auditId !== undefined) conditions.push(eq(evidenceRequests.auditId, filter.auditId));
      if (filter.owner !== undefined) conditions.push(eq(evidenceRequests.owner, filter.owner.toLowerCase()));
      if (filter.statuses) conditions.push(inArray(evidenceRequests.status, [...filter.statuses]));
      return db
        .select()
        .from(evidenceRequests)
        .where(and(...conditions))
        .orderBy(asc(evidenceRequests.auditId), asc(evidenceRequests.id))
        .all()
        .map(toRecord);
    },
    addSubmission(requestId, by, at) {
      db.insert(evidenceSubmissions).values({ requestId, submittedBy: by, submittedAt: at }).run();
    },
    everSubmittedBy(requestId, email) {
      return (
        db
          .select({ id: evidenceSubmissions.id })
          .from(evidenceSubmissions)
          .where(and(eq(evidenceSubmissions.requestId, requestId), eq(evidenceSubmissions.submittedBy, email)))
          .get() !== undefined
      );
    },
    listAwaitingOwner() {
      return db
        .select({ r: evidenceRequests })
        .from(evidenceRequests)
        .innerJoin(audits, eq(audits.id, evidenceRequests.auditId))
        .where(awaiting)
        .orderBy(asc(evidenceRequests.id))
        .all()
        .map(({ r }) => toRecord(r));
    },
  };
  return repo;
}
