// The management review input (ISO/IEC 27001:2022 clause 9.3.2 c and f): what the internal
// audits found over a period and how the corrective actions are going, with quarterly trends
// and what changed since the previous period of the same length. Every figure is counted in
// SQL; lists keep their first items and say how many there are in all.
//
// Figures "at the end" of a period that is already over are rebuilt from the recorded dates
// (opened, implemented, closed, submitted) against the due dates as they stand now.
import { z } from 'zod';
import type { ActionStatus } from '../corrective-actions/types.js';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { localDateOf, parseLocalDate } from '../programme/programme-calendar.js';
import type { AuditRecord, AuditStatus } from '../programme/types.js';
import type { Tx } from '../ports.js';
import { addDays, dateWindow, daysBetween, previousPeriod, quartersOf, startOfDate } from './reporting-periods.js';
import type { ActionItem, BucketCounts, ClassificationCounts, Counted, EvidenceItem, EvidenceTimeliness, FindingItem, InstantWindow, Moment, VerificationItem } from './ports.js';
import { currentProgramme, DONE, exceptionsOf, programmeProgress, type IndependenceExceptionItem, type ProgrammeProgress } from './programme-progress.js';
import { CLASSIFICATIONS, type Classification } from '../shared/classification.js';

/** Items kept per list in the pack. */
export const REVIEW_LIMITS = { overdueActions: 25, overdueEvidence: 25, notEffective: 25, opportunities: 50 } as const;

/** Five years: enough for any review, and the quarterly table stays readable. */
export const MAX_REVIEW_DAYS = 5 * 366;

const localDate = z
  .string({ message: 'a date written YYYY-MM-DD' })
  .trim()
  .refine((v) => parseLocalDate(v) !== null, { message: 'a real date written YYYY-MM-DD, such as 2027-01-01' });

export const buildReviewPackInput = z
  .object({ from: localDate, to: localDate })
  .refine((v) => v.from <= v.to, { message: 'must not be before --from', path: ['to'] })
  .refine((v) => daysBetween(v.from, v.to) < MAX_REVIEW_DAYS, { message: `a period of at most ${MAX_REVIEW_DAYS} days (five years)`, path: ['to'] });

export interface ReviewAudit {
  id: string;
  cycle: string;
  status: AuditStatus;
  /** Local dates of the audit window. */
  start: string;
  end: string;
  areas: string[];
  lead: string | null;
  closedAt: string | null;
}

export interface QuarterFigures {
  quarter: string;
  from: string;
  to: string;
  nonconformitiesRaised: number;
  majorRaised: number;
  minorRaised: number;
  opportunitiesRaised: number;
  observationsRaised: number;
  actionsOpened: number;
  actionsClosed: number;
  nonconformitiesOpenAtEnd: number;
  actionsOverdueAtEnd: number;
  verificationsEffective: number;
  verificationsNotEffective: number;
}

export interface PeriodHeadline {
  auditsClosed: number;
  findings: ClassificationCounts;
  nonconformitiesOpenAtEnd: number;
  actionsOpened: number;
  actionsClosed: number;
  actionsOverdueAtEnd: number;
  verificationsEffective: number;
  verificationsNotEffective: number;
  evidenceOnTimeRate: number | null;
}

export interface Change {
  measure: string;
  previous: number | null;
  current: number | null;
  change: number | null;
}

export interface ReviewPack {
  generatedAt: string;
  timezone: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  audits: {
    /** Audits whose window starts in the period. */
    planned: number;
    /** Of those, fieldwork over (reporting or closed). */
    done: number;
    inProgress: number;
    notStarted: number;
    /** Audits closed in the period, whenever they started. */
    closedInPeriod: number;
    items: ReviewAudit[];
  };
  programme: ProgrammeProgress | null;
  findings: {
    total: number;
    byClassification: ClassificationCounts;
    byArea: ({ area: string; name: string; total: number } & ClassificationCounts)[];
  };
  nonconformities: { raised: number; closed: number; openAtStart: number; openAtEnd: number };
  actions: { opened: number; closed: number; byStatusNow: Record<ActionStatus, number>; openedInPeriodByStatus: Record<ActionStatus, number> };
  quarters: QuarterFigures[];
  verifications: { total: number; effective: number; notEffective: number; notEffectiveItems: Counted<VerificationItem> };
  overdue: { asOf: string; actions: Counted<ActionItem>; evidence: Counted<EvidenceItem> | { total: number; items: null } };
  independenceExceptions: IndependenceExceptionItem[];
  evidence: EvidenceTimeliness & { onTimeRate: number | null };
  opportunities: Counted<FindingItem>;
  previous: PeriodHeadline;
  current: PeriodHeadline;
  changes: Change[];
}

const sumTo = (b: BucketCounts, n: number): number => b.before + b.buckets.slice(0, n).reduce((s, v) => s + v, 0);
const at = (b: BucketCounts, i: number): number => b.buckets[i] ?? 0;
const sumRange = (b: BucketCounts, from: number, to: number): number => b.buckets.slice(from, to).reduce((s, v) => s + v, 0);

const rate = (t: EvidenceTimeliness): number | null => {
  const answered = t.onTime + t.late + t.outstanding;
  return answered === 0 ? null : Math.round((t.onTime / answered) * 1000) / 10;
};

function reviewAudit(a: AuditRecord, lead: string | null, tz: string): ReviewAudit {
  return { id: a.id, cycle: a.cycle, status: a.status, start: localDateOf(a.start, tz), end: localDateOf(a.end, tz), areas: a.areas, lead, closedAt: a.closedAt };
}

export function buildReviewPack(core: Core, input: z.input<typeof buildReviewPackInput>): ReviewPack {
  const parsed = buildReviewPackInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'from'), i.message])));
  const { from, to } = parsed.data;
  const now = core.clock.now();
  return core.store.transaction((tx) => readReviewPack(tx, core, now, from, to));
}

function readReviewPack(tx: Tx, core: Core, now: Date, from: string, to: string): ReviewPack {
  const tz = core.settings.timezone;
  const nowIso = now.toISOString();
  const today = localDateOf(nowIso, tz);
  const prev = previousPeriod(from, to);
  // Nothing after the moment of generation counts: a period that runs into the future is read up to now.
  const upToNow = (iso: string): string => (iso > nowIso ? nowIso : iso);
  const asked = dateWindow(from, to, tz);
  const window: InstantWindow = { from: upToNow(asked.from), to: upToNow(asked.to) };
  const prevWindow: InstantWindow = { from: upToNow(startOfDate(prev.from, tz)), to: window.from };
  const quarters = quartersOf(from, to);

  /** The end of local day `date`, or now if that is still to come. */
  const endOf = (date: string): Moment => {
    const next = startOfDate(addDays(date, 1), tz);
    return next > nowIso ? { at: nowIso, date: today } : { at: next, date: addDays(date, 1) };
  };

  // Buckets: 0 is the previous period, 1… the quarters of this one.
  const boundaries = [prevWindow.from, ...quarters.map((q) => upToNow(startOfDate(q.from, tz))), window.to];
  const trend = tx.reporting.trend(boundaries);
  const k = quarters.length;
  const ncRaisedTo = (n: number) => sumTo(trend.raised.major, n) + sumTo(trend.raised.minor, n);
  const ncOpenAt = (n: number) => ncRaisedTo(n) - sumTo(trend.nonconformitiesClosed, n);
  const moments = [endOf(addDays(from, -1)), ...quarters.map((q) => endOf(q.to))];
  const overdueAt = tx.reporting.overdueActionsAt(moments);

  const quarterFigures: QuarterFigures[] = quarters.map((q, i) => {
    const b = i + 1;
    return {
      quarter: q.label,
      from: q.from,
      to: q.to,
      nonconformitiesRaised: at(trend.raised.major, b) + at(trend.raised.minor, b),
      majorRaised: at(trend.raised.major, b),
      minorRaised: at(trend.raised.minor, b),
      opportunitiesRaised: at(trend.raised.ofi, b),
      observationsRaised: at(trend.raised.observation, b),
      actionsOpened: at(trend.actionsOpened, b),
      actionsClosed: at(trend.actionsClosed, b),
      nonconformitiesOpenAtEnd: ncOpenAt(b + 1),
      actionsOverdueAtEnd: overdueAt[b] ?? 0,
      verificationsEffective: at(trend.verificationsEffective, b),
      verificationsNotEffective: at(trend.verificationsNotEffective, b),
    };
  });

  const classesIn = (fromBucket: number, toBucket: number): ClassificationCounts =>
    Object.fromEntries(CLASSIFICATIONS.map((c) => [c, sumRange(trend.raised[c], fromBucket, toBucket)])) as ClassificationCounts;
  const findingsNow = classesIn(1, k + 1);
  const findingsBefore = classesIn(0, 1);

  // Audits are few (a programme holds tens to hundreds): read and sorted here.
  const allAudits = tx.programme.listAudits();
  const leads = new Map(tx.programme.listAssignments().filter((r) => r.role === 'lead').map((r) => [r.auditId, r.email]));
  const inPeriod = (date: string, p: { from: string; to: string }) => date >= p.from && date <= p.to;
  const planned = allAudits.filter((a) => inPeriod(localDateOf(a.start, tz), { from, to }));
  const closedIn = (w: InstantWindow) => allAudits.filter((a) => a.closedAt !== null && a.closedAt >= w.from && a.closedAt < w.to).length;
  const exceptionAudits = allAudits.filter((a) => planned.includes(a) || (a.exception !== null && a.exception.at >= window.from && a.exception.at < window.to));

  // Requests "fall due" on their due date: those due after today have not fallen due yet.
  const timeliness = tx.reporting.evidenceTimeliness({ from, to: to < today ? to : today });
  const previousTimeliness = tx.reporting.evidenceTimeliness({ from: prev.from, to: prev.to < today ? prev.to : today });

  const end = endOf(to);
  const endIsNow = end.at === nowIso;
  const overdueActions = endIsNow
    ? tx.reporting.currentOverdueActions({ today, limit: REVIEW_LIMITS.overdueActions })
    : { total: overdueAt[k] ?? 0, items: tx.reporting.overdueActionItemsAt({ at: end, limit: REVIEW_LIMITS.overdueActions }) };
  const overdueEvidence = endIsNow
    ? tx.reporting.overdueEvidence({ today, limit: REVIEW_LIMITS.overdueEvidence })
    : { total: tx.reporting.overdueEvidenceAt([end])[0] ?? 0, items: null };

  const areaNames = new Map(tx.organisation.listAreas().map((a) => [a.key, a.name]));
  const byArea = new Map<string, { area: string; name: string; total: number } & ClassificationCounts>();
  for (const r of tx.reporting.findingsByArea(window)) {
    let row = byArea.get(r.area);
    if (!row) byArea.set(r.area, (row = { area: r.area, name: areaNames.get(r.area) ?? r.area, total: 0, major: 0, minor: 0, ofi: 0, observation: 0 }));
    row[r.classification] += r.count;
    row.total += r.count;
  }

  const notEffectiveItems = tx.reporting.notEffectiveVerifications({ window, limit: REVIEW_LIMITS.notEffective });
  const effective = sumRange(trend.verificationsEffective, 1, k + 1);
  const notEffective = sumRange(trend.verificationsNotEffective, 1, k + 1);

  const current: PeriodHeadline = {
    auditsClosed: closedIn(window),
    findings: findingsNow,
    nonconformitiesOpenAtEnd: ncOpenAt(k + 1),
    actionsOpened: sumRange(trend.actionsOpened, 1, k + 1),
    actionsClosed: sumRange(trend.actionsClosed, 1, k + 1),
    actionsOverdueAtEnd: overdueActions.total,
    verificationsEffective: effective,
    verificationsNotEffective: notEffective,
    evidenceOnTimeRate: rate(timeliness),
  };
  const previous: PeriodHeadline = {
    auditsClosed: closedIn(prevWindow),
    findings: findingsBefore,
    nonconformitiesOpenAtEnd: ncOpenAt(1),
    actionsOpened: at(trend.actionsOpened, 0),
    actionsClosed: at(trend.actionsClosed, 0),
    actionsOverdueAtEnd: overdueAt[0] ?? 0,
    verificationsEffective: at(trend.verificationsEffective, 0),
    verificationsNotEffective: at(trend.verificationsNotEffective, 0),
    evidenceOnTimeRate: rate(previousTimeliness),
  };

  const programmeRecord = currentProgramme(tx, to < today ? to : today);
  return {
    generatedAt: nowIso,
    timezone: tz,
    period: { from, to },
    previousPeriod: prev,
    audits: {
      planned: planned.length,
      done: planned.filter((a) => DONE.includes(a.status)).length,
      inProgress: planned.filter((a) => a.status === 'in_progress').length,
      notStarted: planned.filter((a) => a.status === 'planned').length,
      closedInPeriod: current.auditsClosed,
      items: planned.map((a) => reviewAudit(a, leads.get(a.id) ?? null, tz)),
    },
    programme: programmeRecord ? programmeProgress(tx, programmeRecord, now, tz) : null,
    findings: {
      total: CLASSIFICATIONS.reduce((n, c) => n + findingsNow[c], 0),
      byClassification: findingsNow,
      byArea: [...byArea.values()].sort((a, b) => b.major - a.major || b.minor - a.minor || b.total - a.total || a.area.localeCompare(b.area)),
    },
    nonconformities: {
      raised: findingsNow.major + findingsNow.minor,
      closed: sumRange(trend.nonconformitiesClosed, 1, k + 1),
      openAtStart: ncOpenAt(1),
      openAtEnd: ncOpenAt(k + 1),
    },
    actions: {
      opened: current.actionsOpened,
      closed: current.actionsClosed,
      byStatusNow: tx.reporting.actionStatusCounts(),
      openedInPeriodByStatus: tx.reporting.actionStatusCounts(window),
    },
    quarters: quarterFigures,
    verifications: { total: effective + notEffective, effective, notEffective, notEffectiveItems },
    overdue: { asOf: endIsNow ? today : to, actions: overdueActions, evidence: overdueEvidence },
    independenceExceptions: exceptionsOf(exceptionAudits),
    evidence: { ...timeliness, onTimeRate: current.evidenceOnTimeRate },
    opportunities: tx.reporting.findingsRaised({ window, limit: REVIEW_LIMITS.opportunities, classifications: ['ofi'] }),
    previous,
    current,
    changes: changesBetween(previous, current),
  };
}

const CLASS_MEASURE: Record<Classification, string> = {
  major: 'Major nonconformities raised',
  minor: 'Minor nonconformities raised',
  ofi: 'Opportunities for improvement raised',
  observation: 'Observations raised',
};

function changesBetween(p: PeriodHeadline, c: PeriodHeadline): Change[] {
  const row = (measure: string, previous: number | null, current: number | null): Change => ({
    measure,
    previous,
    current,
    change: previous === null || current === null ? null : Math.round((current - previous) * 10) / 10,
  });
  return [
    row('Audits closed', p.auditsClosed, c.auditsClosed),
    ...CLASSIFICATIONS.map((cl) => row(CLASS_MEASURE[cl], p.findings[cl], c.findings[cl])),
    row('Nonconformities open at the end', p.nonconformitiesOpenAtEnd, c.nonconformitiesOpenAtEnd),
    row('Corrective actions opened', p.actionsOpened, c.actionsOpened),
    row('Corrective actions closed', p.actionsClosed, c.actionsClosed),
    row('Corrective actions overdue at the end', p.actionsOverdueAtEnd, c.actionsOverdueAtEnd),
    row('Verifications: effective', p.verificationsEffective, c.verificationsEffective),
    row('Verifications: not effective', p.verificationsNotEffective, c.verificationsNotEffective),
    row('Evidence answered on time (%)', p.evidenceOnTimeRate, c.evidenceOnTimeRate),
  ];
}
