// Where the current cycle stands, for the digest and the review pack: audits by status, and how
// much of the standard (clauses 4–10 and the applicable Annex A controls) has been audited so
// far against what the plan covers. An audit counts as done once its fieldwork is over
// (reporting or closed).
import { addMonths, localDateOf, parseLocalDate, formatLocalDate } from '../programme/programme-calendar.js';
import { coverageOf, requiredRequirements } from '../programme/programme-coverage.js';
import type { AuditRecord, AuditStatus, ProgrammeRecord } from '../programme/types.js';
import type { Tx } from '../ports.js';
import { addDays } from './reporting-periods.js';
import { coverageAchieved, type CoverageAchieved } from '../conduct/coverage-achieved.js';

export interface CoverageCount {
  required: number;
  /** Covered by audits already done. */
  audited: number;
  /** Covered by any audit of the plan. */
  planned: number;
}

export interface IndependenceExceptionItem {
  auditId: string;
  status: AuditStatus;
  kind: 'exception' | 'needs_external';
  auditor: string | null;
  justification: string | null;
  by: string | null;
  at: string | null;
}

export interface ProgrammeProgress {
  cycle: string;
  /** First and last local date of the cycle. */
  from: string;
  to: string;
  audits: number;
  byStatus: Record<AuditStatus, number>;
  /** Planned audits whose window has already opened. */
  notStartedYet: number;
  clauses: CoverageCount;
  controls: CoverageCount;
  gaps: string[];
  /** Independence exceptions and audits waiting for an external auditor, by audit start. */
  exceptions: IndependenceExceptionItem[];
  /** What the checklists show was assessed, of the requirements the cycle's audits plan (issue 13). */
  achieved: CoverageAchieved;
  /** Audits still in progress after their window ended. */
  overrun: string[];
}

export const DONE: readonly AuditStatus[] = ['reporting', 'closed'];

/** The cycle running on `today`; else the next one to start; null when nothing is planned. */
export function currentProgramme(tx: Tx, today: string): ProgrammeRecord | null {
  const all = tx.programme.listProgrammes();
  return all.find((p) => p.start <= today) ?? all.at(-1) ?? null;
}

export function cycleDates(p: ProgrammeRecord): { from: string; to: string } {
  const start = parseLocalDate(p.start);
  if (!start) return { from: p.start, to: p.start };
  return { from: p.start, to: addDays(formatLocalDate(addMonths(start, p.months)), -1) };
}

export function exceptionsOf(audits: readonly AuditRecord[]): IndependenceExceptionItem[] {
  const out: IndependenceExceptionItem[] = [];
  for (const a of audits) {
    if (a.exception) {
      out.push({ auditId: a.id, status: a.status, kind: 'exception', auditor: a.exception.auditor ?? null, justification: a.exception.justification, by: a.exception.by, at: a.exception.at });
    }
    if (a.needsExternalAuditor && a.status !== 'closed') {
      out.push({ auditId: a.id, status: a.status, kind: 'needs_external', auditor: null, justification: null, by: null, at: null });
    }
  }
  return out;
}

export function programmeProgress(tx: Tx, programme: ProgrammeRecord, now: Date, timezone: string): ProgrammeProgress {
  const audits = tx.programme.listAudits({ cycle: programme.cycle });
  const byStatus: Record<AuditStatus, number> = { planned: 0, in_progress: 0, reporting: 0, closed: 0 };
  for (const a of audits) byStatus[a.status]++;
  const today = localDateOf(now.toISOString(), timezone);
  const notApplicable = new Set(tx.organisation.listApplicability().filter((s) => !s.applicable).map((s) => s.control));
  const required = requiredRequirements(notApplicable);
  const holders = (list: readonly AuditRecord[]) => list.map((a) => ({ id: a.id, requirements: [...a.clauses, ...a.controls] }));
  const audited = coverageOf(required, holders(audits.filter((a) => DONE.includes(a.status))));
  const planned = coverageOf(required, holders(audits));
  const count = (kind: 'clause' | 'control'): CoverageCount => {
    const mine = required.filter((r) => r.startsWith('A.') === (kind === 'control'));
    return {
      required: mine.length,
      audited: mine.filter((r) => (audited.get(r) ?? []).length > 0).length,
      planned: mine.filter((r) => (planned.get(r) ?? []).length > 0).length,
    };
  };
  const dates = cycleDates(programme);
  return {
    cycle: programme.cycle,
    from: dates.from,
    to: dates.to,
    audits: audits.length,
    byStatus,
    notStartedYet: audits.filter((a) => a.status === 'planned' && localDateOf(a.start, timezone) <= today).length,
    clauses: count('clause'),
    controls: count('control'),
    gaps: required.filter((r) => (planned.get(r) ?? []).length === 0),
    exceptions: exceptionsOf(audits),
    achieved: coverageAchieved(tx, programme.cycle).coverage,
    overrun: audits.filter((a) => a.status === 'in_progress' && a.end < now.toISOString()).map((a) => a.id),
  };
}
