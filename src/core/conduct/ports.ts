import type { ChecklistVerdictRecord, ConclusionRecord, MeetingKind, MeetingRecord, PaperBody, PlanRecord, WorkingPaperRecord } from './types.js';

export interface ConductRepository {
  /** Verdicts recorded for an audit (requirements without one are unassessed). */
  listVerdicts(auditId: string): ChecklistVerdictRecord[];
  /** The verdicts of every audit of a cycle, for coverage: only what coverage needs. */
  listCycleVerdicts(cycle: string): Pick<ChecklistVerdictRecord, 'auditId' | 'requirement' | 'verdict'>[];
  getVerdict(auditId: string, requirement: string): ChecklistVerdictRecord | null;
  saveVerdict(record: ChecklistVerdictRecord): void;
  listPapers(auditId: string): WorkingPaperRecord[];
  getPaper(id: number): WorkingPaperRecord | null;
  insertPaper(paper: Omit<WorkingPaperRecord, 'id'>): number;
  updatePaper(id: number, body: PaperBody): void;
  listMeetings(auditId: string): MeetingRecord[];
  getMeeting(auditId: string, kind: MeetingKind): MeetingRecord | null;
  saveMeeting(meeting: MeetingRecord): void;
  getConclusion(auditId: string): ConclusionRecord | null;
  saveConclusion(conclusion: ConclusionRecord): void;
  getPlan(auditId: string): PlanRecord | null;
  savePlan(plan: PlanRecord): void;
}
