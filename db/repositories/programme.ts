import { and, asc, desc, eq, inArray, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { ProgrammeRepository } from '../../src/core/programme/ports.js';
import type { AssignmentRationale, AssignmentRecord, AuditRecord, NeedsExternalRecord } from '../../src/core/programme/types.js';
import type { Db } from '../connection.js';
import { auditAuditors, audits, correctiveActions, findings, programmes, sequences } from '../schema.js';

type AuditRow = typeof audits.$inferSelect;

const toAudit = ({ needsExternalRecord: _record, ...r }: AuditRow): AuditRecord => ({ ...r, exception: r.exception ?? null });

export function createProgrammeRepository(db: Db): ProgrammeRepository {
  const assignmentColumns = {
    auditId: auditAuditors.auditId,
    email: auditAuditors.email,
    role: auditAuditors.role,
    rationale: auditAuditors.rationale,
    assignedAt: auditAuditors.assignedAt,
  };
  // IA-2027-9 < IA-2027-10: ids of one year share their prefix, so shorter means smaller.
  const byId = [asc(sql`length(${audits.id})`), asc(audits.id)];
  // Planning writes hundreds of audits and assignments in one go; statements prepared once keep
  // that close to the cost of SQLite itself (placeholder values still go through the columns'
  // JSON and boolean mapping).
  const p = sql.placeholder;
  let insertAuditStmt: { run(values: Record<string, unknown>): unknown } | null = null;
  // Read on every chat command and report: prepared once, on first use.
  const prepareAuditById = () => db.select().from(audits).where(eq(audits.id, sql.placeholder('id'))).prepare();
  let auditById: ReturnType<typeof prepareAuditById> | undefined;
  const prepareAssignmentsOfAudit = () =>
    db
      .select(assignmentColumns)
      .from(auditAuditors)
      .innerJoin(audits, eq(audits.id, auditAuditors.auditId))
      .where(eq(auditAuditors.auditId, sql.placeholder('auditId')))
      .orderBy(asc(audits.start), ...byId, asc(auditAuditors.role))
      .prepare();
  let assignmentsOfAudit: ReturnType<typeof prepareAssignmentsOfAudit> | undefined;
  let upsertAssignmentStmt: { run(values: Record<string, unknown>): unknown } | null = null;
  const prepareInsertAudit = () =>
    db
      .insert(audits)
      .values({
        id: p('id'),
        cycle: p('cycle'),
        status: p('status'),
        start: p('start'),
        end: p('end'),
        areas: p('areas'),
        clauses: p('clauses'),
        controls: p('controls'),
        criteria: p('criteria'),
        needsExternalAuditor: p('needsExternalAuditor'),
        exception: p('exception'),
        evidenceDueDays: p('evidenceDueDays'),
        startedAt: p('startedAt'),
        closedAt: p('closedAt'),
      })
      .prepare();
  const prepareUpsertAssignment = () =>
    db
      .insert(auditAuditors)
      .values({ auditId: p('auditId'), email: p('email'), role: p('role'), rationale: p('rationale'), assignedAt: p('assignedAt') })
      .onConflictDoUpdate({
        target: [auditAuditors.auditId, auditAuditors.role],
        set: { email: sql`excluded.email`, rationale: sql`excluded.rationale`, assignedAt: sql`excluded.assigned_at` },
      })
      .prepare();

  return {
    getProgramme(cycle) {
      return db.select().from(programmes).where(eq(programmes.cycle, cycle)).get() ?? null;
    },
    listProgrammes() {
      return db.select().from(programmes).orderBy(desc(programmes.start), desc(programmes.plannedAt), asc(programmes.cycle)).all();
    },
    saveProgramme(p) {
      db.insert(programmes)
        .values(p)
        .onConflictDoUpdate({
          target: programmes.cycle,
          set: { start: p.start, months: p.months, maxPerMonth: p.maxPerMonth, gaps: p.gaps, plannedAt: p.plannedAt, plannedBy: p.plannedBy },
        })
        .run();
    },
    listAudits(filter = {}) {
      const conditions = [];
      if (filter.cycle !== undefined) conditions.push(eq(audits.cycle, filter.cycle));
      if (filter.statuses) conditions.push(inArray(audits.status, [...filter.statuses]));
      return db
        .select()
        .from(audits)
        .where(and(...conditions))
        .orderBy(asc(audits.start), ...byId)
        .all()
        .map(toAudit);
    },
    getAudit(id) {
      auditById ??= prepareAuditById();
      const row = auditById.get({ id });
      return row ? toAudit(row) : null;
    },
    insertAudit(a) {
      insertAuditStmt ??= prepareInsertAudit();
      insertAuditStmt.run({ ...a });
    },
    updateAudit(id, patch) {
      if (Object.keys(patch).length === 0) return;
      db.update(audits).set(patch).where(eq(audits.id, id)).run();
    },
    recordNeedsExternal(auditId, record) {
      db.update(audits).set({ needsExternalRecord: record }).where(eq(audits.id, auditId)).run();
    },
    needsExternalRecord(auditId) {
      return (db.select({ record: audits.needsExternalRecord }).from(audits).where(eq(audits.id, auditId)).get()?.record as NeedsExternalRecord | null | undefined) ?? null;
    },
    deleteAudit(id) {
      db.delete(auditAuditors).where(eq(auditAuditors.auditId, id)).run();
      db.delete(audits).where(eq(audits.id, id)).run();
    },
    listAssignments(filter = {}) {
      // One audit's auditors (every report and permission check) is the common read: prepared once.
      if (filter.auditId !== undefined && filter.cycle === undefined && filter.email === undefined) {
        assignmentsOfAudit ??= prepareAssignmentsOfAudit();
        return assignmentsOfAudit.all({ auditId: filter.auditId }).map((r): AssignmentRecord => ({ ...r, rationale: r.rationale as AssignmentRationale }));
      }
      const conditions = [];
      if (filter.cycle !== undefined) conditions.push(eq(audits.cycle, filter.cycle));
      if (filter.auditId !== undefined) conditions.push(eq(auditAuditors.auditId, filter.auditId));
      if (filter.email !== undefined) conditions.push(eq(auditAuditors.email, filter.email.toLowerCase()));
      return db
        .select(assignmentColumns)
        .from(auditAuditors)
        .innerJoin(audits, eq(audits.id, auditAuditors.auditId))
        .where(and(...conditions))
        .orderBy(asc(audits.start), ...byId, asc(auditAuditors.role))
        .all()
        .map((r): AssignmentRecord => ({ ...r, rationale: r.rationale as AssignmentRationale }));
    },
    setAssignment(a) {
      upsertAssignmentStmt ??= prepareUpsertAssignment();
      upsertAssignmentStmt.run({ ...a, email: a.email.toLowerCase() });
    },
    reserveAuditNumbers(year, count) {
      const row = db
        .insert(sequences)
        .values({ name: `audit:${year}`, value: count })
        .onConflictDoUpdate({ target: sequences.name, set: { value: sql`${sequences.value} + ${count}` } })
        .returning({ value: sequences.value })
        .get();
      return row.value - count + 1;
    },
    removeAssignment(auditId, role) {
      db.delete(auditAuditors)
        .where(and(eq(auditAuditors.auditId, auditId), eq(auditAuditors.role, role)))
        .run();
    },
    listLeadHistory() {
      return db
        .select({ auditId: audits.id, areas: audits.areas, start: audits.start, email: auditAuditors.email })
        .from(auditAuditors)
        .innerJoin(audits, eq(audits.id, auditAuditors.auditId))
        .where(eq(auditAuditors.role, 'lead'))
        .orderBy(asc(audits.start), ...byId)
        .all();
    },
    areasWithOpenNonconformities(cycle, before) {
      // A nonconformity stays open until its corrective action is verified effective (closed);
      // one recorded before actions were opened automatically has none and counts as open.
      return db
        .selectDistinct({ area: findings.area })
        .from(findings)
        .innerJoin(audits, eq(audits.id, findings.auditId))
        .innerJoin(programmes, eq(programmes.cycle, audits.cycle))
        .leftJoin(correctiveActions, eq(correctiveActions.id, findings.actionId))
        .where(
          and(
            inArray(findings.classification, ['major', 'minor']),
            ne(audits.cycle, cycle),
            lt(programmes.start, before),
            or(isNull(correctiveActions.id), notInArray(correctiveActions.status, ['closed', 'withdrawn'])),
          ),
        )
        .orderBy(asc(findings.area))
        .all()
        .map((r) => r.area);
    },
  };
}
