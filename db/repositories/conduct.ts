import { and, eq, sql } from 'drizzle-orm';
import type { ConductRepository } from '../../src/core/conduct/ports.js';
import type { ChecklistVerdictRecord, PaperBody, WorkingPaperRecord } from '../../src/core/conduct/types.js';
import type { Db } from '../connection.js';
import { auditConclusions, auditMeetings, auditPlans, checklistVerdicts, workingPapers } from '../schema.js';

export function createConductRepository(db: Db): ConductRepository {
  const paperOf = (row: typeof workingPapers.$inferSelect) => ({ id: row.id, auditId: row.auditId, requirement: row.requirement, body: row.body as PaperBody, recordedBy: row.recordedBy, recordedAt: row.recordedAt });
  // The reads behind programme show and export audit are prepared once and read raw: a cycle
  // holds tens of thousands of verdicts and an audit hundreds of working papers.
  const verdictColumns = 'audit_id as auditId, requirement, verdict, reason, notes, updated_by as updatedBy, updated_at as updatedAt';
  const verdictsOfAudit = db.$client.prepare(`select ${verdictColumns} from checklist_verdicts where audit_id = ?`);
  const verdictsOfCycle = db.$client.prepare('select v.audit_id as auditId, v.requirement, v.verdict from audits a join checklist_verdicts v on v.audit_id = a.id where a.cycle = ?');
  const papersOfAudit = db.$client.prepare('select id, audit_id as auditId, requirement, body, recorded_by as recordedBy, recorded_at as recordedAt from working_papers where audit_id = ? order by id');
  // The report's other reads, prepared once too (the query builder maps their JSON columns).
  const byAudit = sql.placeholder('auditId');
  const planOfAudit = db.select().from(auditPlans).where(eq(auditPlans.auditId, byAudit)).prepare();
  const meetingsOfAudit = db.select().from(auditMeetings).where(eq(auditMeetings.auditId, byAudit)).prepare();
  const conclusionOfAudit = db.select().from(auditConclusions).where(eq(auditConclusions.auditId, byAudit)).prepare();
  return {
    listVerdicts(auditId) {
      return verdictsOfAudit.all(auditId) as ChecklistVerdictRecord[];
    },
    listCycleVerdicts(cycle) {
      return verdictsOfCycle.all(cycle) as Pick<ChecklistVerdictRecord, 'auditId' | 'requirement' | 'verdict'>[];
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
      // Parsed in place: an audit holds hundreds of papers, and no row is shared.
      const rows = papersOfAudit.all(auditId) as (Omit<WorkingPaperRecord, 'body'> & { body: unknown })[];
      for (const r of rows) r.body = JSON.parse(r.body as string) as PaperBody;
      return rows as WorkingPaperRecord[];
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
      return meetingsOfAudit.all({ auditId });
    },
    getMeeting(auditId, kind) {
      return db.select().from(auditMeetings).where(and(eq(auditMeetings.auditId, auditId), eq(auditMeetings.kind, kind))).get() ?? null;
    },
    saveMeeting(meeting) {
      const { auditId: _a, kind: _k, ...rest } = meeting;
      db.insert(auditMeetings).values(meeting).onConflictDoUpdate({ target: [auditMeetings.auditId, auditMeetings.kind], set: rest }).run();
    },
    getConclusion(auditId) {
      return conclusionOfAudit.get({ auditId }) ?? null;
    },
    saveConclusion(conclusion) {
      const { auditId: _a, ...rest } = conclusion;
      db.insert(auditConclusions).values(conclusion).onConflictDoUpdate({ target: auditConclusions.auditId, set: rest }).run();
    },
    getPlan(auditId) {
      return planOfAudit.get({ auditId }) ?? null;
    },
    savePlan(plan) {
      const { auditId: _a, ...rest } = plan;
      db.insert(auditPlans).values(plan).onConflictDoUpdate({ target: auditPlans.auditId, set: rest }).run();
    },
  };
}
