import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { FindingRepository } from '../../src/core/findings/ports.js';
import type { AuditForFindings, FindingRecord } from '../../src/core/findings/types.js';
import type { Db } from '../connection.js';
import { auditAuditors, audits, findingDueProposals, findings } from '../schema.js';

type AuditRow = typeof audits.$inferSelect;

export function createFindingRepository(db: Db): FindingRepository {
  const prepareFindingsOfAudit = () =>
    db
      .select()
      .from(findings)
      .where(and(eq(findings.auditId, sql.placeholder('auditId')), eq(findings.status, sql.placeholder('status'))))
      .orderBy(asc(findings.raisedAt), asc(findings.id))
      .prepare();
  let findingsOfAudit: ReturnType<typeof prepareFindingsOfAudit> | undefined;
  /** Loads the auditors of the given audits in one query and attaches them. */
  const withAuditors = (rows: AuditRow[]): AuditForFindings[] => {
    if (rows.length === 0) return [];
    const assigned = db
      .select({ auditId: auditAuditors.auditId, email: auditAuditors.email, role: auditAuditors.role })
      .from(auditAuditors)
      .where(inArray(auditAuditors.auditId, rows.map((r) => r.id)))
      .orderBy(asc(auditAuditors.role))
      .all();
    return rows.map((r) => ({
      id: r.id,
      cycle: r.cycle,
      status: r.status,
      start: r.start,
      end: r.end,
      areas: r.areas,
      clauses: r.clauses,
      controls: r.controls,
      auditors: assigned.filter((a) => a.auditId === r.id).map((a) => ({ email: a.email, role: a.role })),
    }));
  };

  return {
    insert(finding, proposedDue) {
      db.insert(findings).values(finding).run();
      if (proposedDue !== null) db.insert(findingDueProposals).values({ findingId: finding.id, due: proposedDue }).run();
    },
    get(id) {
      return db.select().from(findings).where(eq(findings.id, id)).get() ?? null;
    },
    update(id, patch) {
      if (Object.keys(patch).length > 0) db.update(findings).set(patch).where(eq(findings.id, id)).run();
      const row = db.select().from(findings).where(eq(findings.id, id)).get();
      if (!row) throw new Error(`finding ${id} vanished during an update`);
      return row;
    },
    proposedDue(id) {
      return db.select({ due: findingDueProposals.due }).from(findingDueProposals).where(eq(findingDueProposals.findingId, id)).get()?.due ?? null;
    },
    list(filter) {
      // An audit's open findings (its checklist and report) is the common read: prepared once.
      if (filter?.auditId && filter.status && !filter.owner && !filter.raisedBy && !filter.area && !filter.response) {
        findingsOfAudit ??= prepareFindingsOfAudit();
        return findingsOfAudit.all({ auditId: filter.auditId, status: filter.status }) satisfies FindingRecord[];
      }
      const conditions: SQL[] = [];
      if (filter?.auditId) conditions.push(eq(findings.auditId, filter.auditId));
      if (filter?.owner) conditions.push(eq(findings.owner, filter.owner.toLowerCase()));
      if (filter?.raisedBy) conditions.push(eq(findings.raisedBy, filter.raisedBy.toLowerCase()));
      if (filter?.area) conditions.push(eq(findings.area, filter.area));
      if (filter?.status) conditions.push(eq(findings.status, filter.status));
      if (filter?.response) conditions.push(eq(findings.response, filter.response));
      return db
        .select()
        .from(findings)
        .where(and(...conditions))
        .orderBy(asc(findings.raisedAt), asc(findings.id))
        .all() satisfies FindingRecord[];
    },
    getAudit(id) {
      const row = db.select().from(audits).where(eq(audits.id, id)).get();
      return row ? (withAuditors([row])[0] ?? null) : null;
    },
    listAuditsInProgress() {
      return withAuditors(db.select().from(audits).where(eq(audits.status, 'in_progress')).orderBy(asc(audits.start), asc(audits.id)).all());
    },
    listAuditsInProgressFor(email) {
      const rows = db
        .selectDistinct({ audit: audits })
        .from(audits)
        .innerJoin(auditAuditors, eq(auditAuditors.auditId, audits.id))
        .where(and(eq(audits.status, 'in_progress'), eq(auditAuditors.email, email.toLowerCase())))
        .orderBy(asc(audits.start), asc(audits.id))
        .all();
      return withAuditors(rows.map((r) => r.audit));
    },
  };
}
