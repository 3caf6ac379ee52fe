import { and, eq, inArray } from 'drizzle-orm';
import type { ConductRepository } from '../../src/core/conduct/ports.js';
import type { PaperBody } from '../../src/core/conduct/types.js';
import type { Db } from '../connection.js';
import { auditConclusions, auditMeetings, auditPlans, audits, checklistVerdicts, workingPapers } from '../schema.js';

export function createConductRepository(db: Db): ConductRepository {
  const paperOf = (row: typeof workingPapers.$inferSelect) => ({ id: row.id, auditId: row.auditId, requirement: row.requirement, body: row.body as PaperBody, recordedBy: row.recordedBy, recordedAt: row.recordedAt });
  return {
    listVerdicts(auditId) {
      return db.select().from(checklistVerdicts).where(eq(checklistVerdicts.auditId, auditId)).all();
    },
    listCycleVerdicts(cycle) {
      const ids = db.select({ id: audits.id }).from(audits).where(eq(audits.cycle, cycle));
      return db.select().from(checklistVerdicts).where(inArray(checklistVerdicts.auditId, ids)).all();
    },
    getVerdict(auditId, requirement) {
      return db.select().from(checklistVerdicts).where(and(eq(checklistVerdicts.auditId, auditId), eq(checklistVerdicts.requirement, requirement))).get() ?? null;
    },
    saveVerdict(record) {
      db.insert(checklistVerdicts)
        .values(record)
        .onConflictDoUpdate({ target: [checklistVerdicts.auditId, checklistVerdicts.requirement], set: { verdict: record.verdict, reason: record.reason, notes: record.notes, updatedBy: record.updatedBy, updatedAt: record.updatedAt } })
        .run();
    },
    listPapers(auditId) {
      return db.select().from(workingPapers).where(eq(workingPapers.auditId, auditId)).orderBy(workingPapers.id).all().map(paperOf);
    },
    getPaper(id) {
      const row = db.select().from(workingPapers).where(eq(workingPapers.id, id)).get();
      return row ? paperOf(row) : null;
    },
    insertPaper(paper) {
      const row = db.insert(workingPapers).values({ ...paper, kind: paper.body.kind }).returning({ id: workingPapers.id }).get();
      return row.id;
    },
    updatePaper(id, body) {
      db.update(workingPapers).set({ body }).where(eq(workingPapers.id, id)).run();
    },
    listMeetings(auditId) {
      return db.select().from(auditMeetings).where(eq(auditMeetings.auditId, auditId)).all();
    },
    getMeeting(auditId, kind) {
      return db.select().from(auditMeetings).where(and(eq(auditMeetings.auditId, auditId), eq(auditMeetings.kind, kind))).get() ?? null;
    },
    saveMeeting(meeting) {
      const { auditId: _a, kind: _k, ...rest } = meeting;
      db.insert(auditMeetings).values(meeting).onConflictDoUpdate({ target: [auditMeetings.auditId, auditMeetings.kind], set: rest }).run();
    },
    getConclusion(auditId) {
      return db.select().from(auditConclusions).where(eq(auditConclusions.auditId, auditId)).get() ?? null;
    },
    saveConclusion(conclusion) {
      const { auditId: _a, ...rest } = conclusion;
      db.insert(auditConclusions).values(conclusion).onConflictDoUpdate({ target: auditConclusions.auditId, set: rest }).run();
    },
    getPlan(auditId) {
      return db.select().from(auditPlans).where(eq(auditPlans.auditId, auditId)).get() ?? null;
    },
    savePlan(plan) {
      const { auditId: _a, ...rest } = plan;
      db.insert(auditPlans).values(plan).onConflictDoUpdate({ target: auditPlans.auditId, set: rest }).run();
    },
  };
}
