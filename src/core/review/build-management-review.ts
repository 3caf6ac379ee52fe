// The management review pack (ISO/IEC 27001:2022 clause 9.3): the internal-audit figures of
// build-review-pack.ts, every input of 9.3.2 (a)–(g) marked complete, partial or missing with
// who provided it and when, the meeting it is for, and the figures the pack's charts draw.
// Auditbot provides what it knows itself (audit results and coverage, nonconformity and
// corrective-action trends, evidence timeliness, opportunities raised in audits); the rest has
// no provider in Auditbot yet and is reported as missing, never invented.
import type { z } from 'zod';
import type { Core } from '../context.js';
import type { Tx } from '../ports.js';
import { localDateOf } from '../programme/programme-calendar.js';
import { buildReviewPack, type buildReviewPackInput, type ReviewPack } from '../reporting/build-review-pack.js';
import { currentProgramme } from '../reporting/programme-progress.js';
import { addDays, startOfDate } from '../reporting/reporting-periods.js';
import { count, countOf } from '../reporting/review-wording.js';
import type { ReviewActionRecord, ReviewDecision, ReviewInputRecord, ReviewStatus } from './ports.js';
import { reviewCoverage, type ReviewCoverage } from './review-coverage.js';

export const INPUT_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type InputKey = (typeof INPUT_KEYS)[number];
export type InputStatus = 'complete' | 'partial' | 'missing';

/** The wording of clause 9.3.2. */
export const INPUT_TITLES: Record<InputKey, string> = {
  a: 'Status of actions from previous management reviews',
  b: 'Changes in external and internal issues relevant to the ISMS',
  c: 'Changes in needs and expectations of interested parties relevant to the ISMS',
  d: 'Feedback on information security performance: nonconformities and corrective actions, monitoring and measurement results, audit results, fulfilment of information security objectives',
  e: 'Feedback from interested parties',
  f: 'Results of risk assessment and status of the risk treatment plan',
  g: 'Opportunities for continual improvement',
};

export const AUDITBOT = 'Auditbot';

export interface InputItem {
  label: string;
  text: string;
}

export interface ReviewInput {
  title: string;
  status: InputStatus;
  provider: string | null;
  providedAt: string | null;
  items: InputItem[];
  /** What the input still lacks, in words. */
  missing: string[];
}

export interface ReviewMeeting {
  id: string;
  date: string;
  chair: string;
  status: ReviewStatus;
}

export interface ReviewCharts {
  nonconformitiesPerMonth: { month: string; classification: 'major' | 'minor'; count: number }[];
  actionAgeing: { asOf: string; bands: { band: string; count: number }[] };
  evidenceOnTime: { month: string; due: number; onTimeRate: number | null }[];
  coverage: ReviewCoverage;
}

export interface PackAction {
  id: string;
  reviewId: string;
  text: string;
  owner: string;
  due: string;
  /** Open and past its due date. */
  overdue: boolean;
  status: 'open' | 'done';
  doneAt: string | null;
}

export type ManagementReviewPack = ReviewPack & {
  meeting: ReviewMeeting | null;
  /** Of the meeting, once its outcome is recorded (clause 9.3.3); empty before. */
  attendees: string[];
  decisions: ReviewDecision[];
  /** The meeting's actions. Named apart from `actions`, the corrective-action figures the JSON contract already holds. */
  reviewActions: PackAction[];
  inputs: Record<InputKey, ReviewInput>;
  charts: ReviewCharts;
};

const AGE_BANDS = ['0–30 days', '31–60 days', '61–90 days', 'over 90 days'];

/** `YYYY-MM` months from `from` to `to` (local dates), both included. */
function monthsOf(from: string, to: string): { month: string; first: string; last: string }[] {
  const out: { month: string; first: string; last: string }[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const first = `${month}-01`;
    if (first > to) break;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    out.push({ month, first: first < from ? from : first, last: addDays(next, -1) > to ? to : addDays(next, -1) });
    if (m === 12) {
      m = 1;
      y++;
    } else m++;
  }
  return out;
}

const input = (key: InputKey, items: InputItem[], missing: string[], at: string): ReviewInput => ({
  title: INPUT_TITLES[key],
  status: items.length === 0 ? 'missing' : missing.length === 0 ? 'complete' : 'partial',
  provider: items.length === 0 ? null : AUDITBOT,
  providedAt: items.length === 0 ? null : at,
  items,
  missing,
});

/** `reviewId` names the meeting the pack is for; without it, the next one (else the latest). */
export function buildManagementReview(core: Core, period: z.input<typeof buildReviewPackInput>, reviewId?: string): ManagementReviewPack {
  const pack = buildReviewPack(core, period);
  return core.store.transaction((tx) => withReviewInputs(tx, core, pack, reviewId));
}

function withReviewInputs(tx: Tx, core: Core, pack: ReviewPack, reviewId: string | undefined): ManagementReviewPack {
  const tz = pack.timezone;
  const now = pack.generatedAt;
  const today = localDateOf(now, tz);
  const end = pack.period.to < today ? pack.period.to : today;
  const upToNow = (iso: string): string => (iso > now ? now : iso);

  const months = pack.period.from <= end ? monthsOf(pack.period.from, end) : [];
  const boundaries = [...months.map((m) => upToNow(startOfDate(m.first, tz))), upToNow(startOfDate(addDays(end, 1), tz))];
  const trend = months.length > 0 ? tx.reporting.trend(boundaries) : null;
  const nonconformitiesPerMonth = months.flatMap((m, i) =>
    (['major', 'minor'] as const).map((classification) => ({ month: m.month, classification, count: trend?.raised[classification].buckets[i] ?? 0 })),
  );
  const ageAt = upToNow(startOfDate(addDays(end, 1), tz));
  const ages = tx.reporting.openActionAges(ageAt);
  const evidenceOnTime = months.map((m) => {
    const t = tx.reporting.evidenceTimeliness({ from: m.first, to: m.last });
    const answered = t.onTime + t.late + t.outstanding;
    return { month: m.month, due: t.due, onTimeRate: answered === 0 ? null : Math.round((t.onTime / answered) * 1000) / 10 };
  });
  const programme = currentProgramme(tx, end);
  const coverage = reviewCoverage(tx, programme);

  const reviews = tx.reviews.list();
  const next = (reviewId ? reviews.find((r) => r.id === reviewId) : undefined) ?? reviews.find((r) => r.meetingDate >= today) ?? reviews.at(-1) ?? null;
  const meeting = next ? { id: next.id, date: next.meetingDate, chair: next.chair, status: next.status } : null;
  const earlier = reviews.filter((r) => r.status === 'held' && r !== next && (!next || r.meetingDate < next.meetingDate));
  const packAction = (x: ReviewActionRecord): PackAction => ({ id: x.id, reviewId: x.reviewId, text: x.text, owner: x.owner, due: x.due, overdue: x.status === 'open' && x.due < today, status: x.status, doneAt: x.doneAt });
  const previousActions = tx.reviews.actionsOf(earlier.map((r) => r.id)).map(packAction);
  const stateOf = (x: PackAction): string => (x.status === 'done' ? `done on ${(x.doneAt ?? '').slice(0, 10)}` : x.overdue ? `overdue since ${x.due}` : `open, due ${x.due}`);
  const inputA: InputItem[] = previousActions.map((x) => ({ label: `${x.id} from ${x.reviewId}, owner ${x.owner}`, text: `${stateOf(x)}: ${x.text}` }));

  const f = pack.findings.byClassification;
  const n = pack.nonconformities;
  const a = pack.audits;
  const e = pack.evidence;
  const covered = coverage.rows.reduce((s, r) => s + r.covered, 0);
  const plannedCoverage = coverage.rows.reduce((s, r) => s + r.planned, 0);
  const required = coverage.rows.reduce((s, r) => s + r.required, 0);
  const d: InputItem[] = [
    {
      label: 'Nonconformities and corrective actions',
      text: `${countOf(f.major, 'major')} and ${countOf(f.minor, 'minor')} raised; ${n.openAtEnd} open at the end of the period; ${count(pack.actions.opened, 'corrective action')} opened, ${pack.actions.closed} closed, ${pack.overdue.actions.total} overdue.`,
    },
    {
      label: 'Audit results',
      text: `${count(a.planned, 'audit')} planned to start in the period, ${a.done} done, ${a.inProgress} in progress, ${a.notStarted} not started; ${count(pack.findings.total, 'finding')}.` +
        (required > 0 ? ` Of the ${required} required clauses and controls, programme ${coverage.cycle ?? ''} plans to audit ${plannedCoverage} and its audits have assessed ${covered} so far (coverage achieved).`.replace('  ', ' ') : ''),
    },
    { label: 'Evidence timeliness', text: e.due === 0 ? 'No evidence request fell due in the period.' : `${count(e.due, 'evidence request')} fell due; ${e.onTimeRate ?? 0}% answered on time.` },
  ];
  const g: InputItem[] =
    pack.opportunities.total === 0 ? [] : [{ label: 'Raised in internal audits', text: `${countOf(pack.opportunities.total, 'ofi')}: ${pack.opportunities.items.slice(0, 5).map((o) => o.id).join(', ')}${pack.opportunities.total > 5 ? ', …' : ''}.` }];

  const inputs: Record<InputKey, ReviewInput> = {
    a:
      earlier.length === 0
        ? input('a', [], ['no earlier management review is recorded in Auditbot'], now)
        : { ...input('a', inputA, [], now), status: 'complete', provider: AUDITBOT, providedAt: now },
    b: input('b', [], ['no one has provided it'], now),
    c: input('c', [], ['no one has provided it'], now),
    d: input('d', d, ['monitoring and measurement results', 'fulfilment of information security objectives'], now),
    e: input('e', [], ['no one has provided it'], now),
    f: input('f', [], ['no one has provided it'], now),
    g: input('g', g, g.length === 0 ? ['no one has provided it'] : ['opportunities from outside the internal audits'], now),
  };

  if (next) {
    const providers = tx.organisation.getOrganisation()?.managementReview?.inputs ?? {};
    const given = new Map(tx.reviews.inputsOf(next.id).map((i) => [i.letter, i]));
    for (const key of INPUT_KEYS) inputs[key] = withGiven(key, inputs[key], given.get(key), providers[key] ?? null);
  }

  return {
    ...pack,
    meeting,
    attendees: next?.attendees ?? [],
    decisions: next?.decisions ?? [],
    reviewActions: next ? tx.reviews.actionsOf([next.id]).map(packAction) : [],
    inputs,
    charts: { nonconformitiesPerMonth, actionAgeing: { asOf: end, bands: AGE_BANDS.map((band, i) => ({ band, count: ages[i] ?? 0 })) }, evidenceOnTime, coverage },
  };
}

/** What a person gave for an input, added to what Auditbot filled in; a provider named but silent is said. */
function withGiven(key: InputKey, auto: ReviewInput, given: ReviewInputRecord | undefined, provider: string | null): ReviewInput {
  if (!given) {
    if (!provider) return auto;
    const missing = [...auto.missing.filter((m) => m !== 'no one has provided it'), `not yet given by ${provider}`];
    return { ...auto, status: auto.items.length === 0 ? 'missing' : 'partial', missing };
  }
  const items: InputItem[] = [
    ...auto.items,
    ...(given.text ? [{ label: `From ${given.providedBy}`, text: given.text }] : []),
    ...given.links.map((link) => ({ label: 'Link', text: link })),
    ...given.objectives.map((o) => ({ label: `Objective: ${o.objective}`, text: o.status })),
  ];
  // Auditbot's own parts (figures, earlier actions) stand; what people provide replaces the gaps.
  const missing =
    key === 'd' ? (given.objectives.length > 0 ? [] : ['fulfilment of information security objectives (no status per objective given)']) : [];
  return { title: auto.title, status: missing.length === 0 ? 'complete' : 'partial', provider: given.providedBy, providedAt: given.providedAt, items, missing };
}
