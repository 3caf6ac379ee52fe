// The programme of a cycle as the lead, the auditors and the certification auditor read it:
// audits with their windows, scope and auditors, month by month, the coverage of every
// clause and applicable control, exceptions and gaps.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import { cycleMonth, parseLocalDate } from './programme-calendar.js';
import { coverageOf, requiredRequirements } from './programme-coverage.js';
import type { AuditStatus } from './types.js';
import { auditViews, type AuditView } from './programme-views.js';

export const showProgrammeInput = z.object({
  /** The latest programme when left out. */
  cycle: z.string().trim().min(1, 'a cycle name such as 2027').optional(),
});

export interface ProgrammeView {
  cycle: string;
  start: string;
  months: number;
  maxPerMonth: number | null;
  plannedAt: string;
  plannedBy: string;
  incomplete: boolean;
  gaps: string[];
  audits: AuditView[];
  calendar: { month: number; firstDay: string; lastDay: string; audits: string[] }[];
  /** Audits whose start falls outside the cycle's months (kept from an earlier plan). */
  outsideMonths: string[];
  coverage: { requirement: string; title: string; audits: string[] }[];
  exceptions: { auditId: string; auditor: string | null; justification: string; by: string; at: string }[];
  needsExternal: string[];
  areaNames: Record<string, string>;
  statusCounts: Record<AuditStatus, number>;
}

/** The stable JSON of `programme show --format json` (docs/json-contracts.md); fields may be added, not changed. */
export interface ProgrammeJson {
  cycle: string;
  start: string;
  months: number;
  maxPerMonth: number | null;
  incomplete: boolean;
  audits: {
    id: string;
    status: AuditStatus;
    start: string;
    end: string;
    areas: string[];
    clauses: string[];
    controls: string[];
    criteria: string[];
    auditors: { email: string; role: 'lead' | 'second' }[];
    needsExternalAuditor: boolean;
    exception: null | { justification: string; by: string; at: string; auditor: string | null };
  }[];
  gaps: string[];
}

export function showProgramme(core: Core, input: z.input<typeof showProgrammeInput> = {}): ProgrammeView {
  const parsed = showProgrammeInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'cycle'), i.message])));
  const tz = core.settings.timezone;
  return core.store.transaction((tx) => {
    const programme = parsed.data.cycle ? tx.programme.getProgramme(parsed.data.cycle) : (tx.programme.listProgrammes()[0] ?? null);
    if (!programme) {
      const known = tx.programme.listProgrammes().map((p) => p.cycle);
      throw new AuditbotError(
        'not_found',
        parsed.data.cycle
          ? `There is no programme for cycle ${parsed.data.cycle}.${known.length > 0 ? ` Cycles: ${known.join(', ')}.` : ''} Plan one with: auditbot programme plan --cycle ${parsed.data.cycle} --start <YYYY-MM-DD>`
          : 'No audit programme has been planned yet. Plan one with: auditbot programme plan --cycle 2027 --start 2027-01-01',
      );
    }
    const audits = auditViews(tx, programme.cycle);
    const startDate = parseLocalDate(programme.start);
    const windows = startDate ? Array.from({ length: programme.months }, (_, i) => cycleMonth(startDate, i, tz)) : [];
    const calendar = windows.map((w) => ({ month: w.index + 1, firstDay: w.firstDay, lastDay: w.lastDay, audits: [] as string[] }));
    const outsideMonths: string[] = [];
    for (const a of audits) {
      const m = windows.findIndex((w) => a.start >= w.start && a.start <= w.end);
      if (m >= 0) calendar[m]?.audits.push(a.id);
      else outsideMonths.push(a.id);
    }
    const notApplicable = new Set(tx.organisation.listApplicability().filter((s) => !s.applicable).map((s) => s.control));
    const covered = coverageOf(
      requiredRequirements(notApplicable),
      audits.map((a) => ({ id: a.id, requirements: [...a.clauses, ...a.controls] })),
    );
    const statusCounts: Record<AuditStatus, number> = { planned: 0, in_progress: 0, reporting: 0, closed: 0 };
    for (const a of audits) statusCounts[a.status]++;
    const areaNames: Record<string, string> = {};
    for (const area of tx.organisation.listAreas()) areaNames[area.key] = area.name;
    return {
      cycle: programme.cycle,
      start: programme.start,
      months: programme.months,
      maxPerMonth: programme.maxPerMonth,
      plannedAt: programme.plannedAt,
      plannedBy: programme.plannedBy,
      incomplete: programme.gaps.length > 0,
      gaps: programme.gaps,
      audits,
      calendar,
      outsideMonths,
      coverage: [...covered].map(([requirement, ids]) => ({ requirement, title: requirementTitle(requirement) ?? '', audits: ids })),
      exceptions: audits
        .filter((a) => a.exception)
        .map((a) => ({ auditId: a.id, auditor: a.exception?.auditor ?? null, justification: a.exception?.justification ?? '', by: a.exception?.by ?? '', at: a.exception?.at ?? '' })),
      needsExternal: audits.filter((a) => a.needsExternalAuditor).map((a) => a.id),
      areaNames,
      statusCounts,
    };
  });
}

export function programmeJson(view: ProgrammeView): ProgrammeJson {
  return {
    cycle: view.cycle,
    start: view.start,
    months: view.months,
    maxPerMonth: view.maxPerMonth,
    incomplete: view.incomplete,
    audits: view.audits.map((a) => ({
      id: a.id,
      status: a.status,
      start: a.start,
      end: a.end,
      areas: a.areas,
      clauses: a.clauses,
      controls: a.controls,
      criteria: a.criteria,
      auditors: a.auditors,
      needsExternalAuditor: a.needsExternalAuditor,
      exception: a.exception,
    })),
    gaps: view.gaps,
  };
}
