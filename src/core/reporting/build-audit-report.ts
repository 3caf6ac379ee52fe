// The report of one internal audit (ISO/IEC 27001:2022 clause 9.2.2: results reported, records
// kept): scope, criteria, the auditors and why they are independent (as recorded when they were
// assigned, or the exception a lead wrote), the evidence asked for and received, the findings
// with their corrective actions, and a conclusion drawn only from those facts.
import { z } from 'zod';
import type { ActionStatus } from '../corrective-actions/types.js';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { EvidenceStatus } from '../evidence/types.js';
import { localDateOf } from '../programme/programme-calendar.js';
import type { AuditRecord, AuditStatus, AuditorRole } from '../programme/types.js';
import type { Tx } from '../ports.js';
import { compareRequirements, requirementTitle } from '../catalogue/requirement-references.js';
import { longDate } from './reporting-periods.js';
import { CLASSIFICATIONS, isNonconformity, type Classification } from '../shared/classification.js';
import { checklistOf, type ChecklistRows } from '../conduct/checklist.js';
import { CONCLUSION_LABEL, type AuditMethod, type Conclusion, type DocumentPaper, type InterviewPaper, type MeetingRecord, type SamplePaper, type Verdict } from '../conduct/types.js';

export const buildAuditReportInput = z.object({
  auditId: z.string({ message: 'an audit id such as IA-2027-07' }).trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
});

export interface ReportAuditor {
  email: string;
  name: string;
  role: AuditorRole;
  assignedAt: string;
  /** `auto`: chosen by the assignment rules; `manual`: a lead's choice; `unknown`: no rationale was recorded. */
  source: 'auto' | 'manual' | 'unknown';
  external: boolean;
  /** Why they count as independent of this audit, as recorded at assignment. */
  independence: string[];
  chosenBecause: string[];
  /** Set when a lead assigned them although they are not independent. */
  exception: null | { justification: string; by: string; at: string; rulesNotMet: string[] };
}

export interface ReportEvidence {
  id: number;
  requirement: string;
  title: string | null;
  owner: string;
  due: string;
  status: EvidenceStatus;
  links: string[];
  submittedAt: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface ReportFinding {
  id: string;
  classification: Classification;
  requirement: string;
  title: string | null;
  outOfScope: boolean;
  statement: string;
  evidence: string;
  area: string;
  owner: string;
  raisedBy: string;
  raisedAt: string;
  action: null | { id: string; status: ActionStatus; due: string; closedAt: string | null };
}

export interface AuditReport {
  generatedAt: string;
  timezone: string;
  id: string;
  cycle: string;
  status: AuditStatus;
  /** Local dates of the audit window; instants of its start and close. */
  window: { start: string; end: string; startedAt: string | null; closedAt: string | null };
  scope: {
    areas: { key: string; name: string; team: string | null; owner: string | null }[];
    clauses: { id: string; title: string | null }[];
    controls: { id: string; title: string | null }[];
  };
  criteria: string[];
  auditors: ReportAuditor[];
  needsExternalAuditor: boolean;
  exception: null | { justification: string; by: string; at: string; auditor: string | null };
  evidence: {
    requested: number;
    /** Submitted at least once (including those accepted or sent back for more). */
    received: number;
    accepted: number;
    outstanding: number;
    withdrawn: number;
    items: ReportEvidence[];
  };
  findings: { byClassification: Record<Classification, number>; items: ReportFinding[] };
  /** The audit plan as recorded; null when none was. */
  plan: null | { objectives: string; method: AuditMethod; criteria: string[]; auditees: string[]; schedule: { what: string; at: string }[]; sharedAt: string | null };
  /** One item per requirement in scope; `unassessed` is reported as not yet assessed, never as conforming. */
  checklist: ReportChecklistItem[];
  meetings: { opening: ReportMeeting | null; closing: ReportMeeting | null };
  /** The lead auditor's conclusion; null until recorded. */
  conclusion: null | { conclusion: Conclusion; label: string; summary: string; strengths: string; by: string; at: string };
  /** True once the audit is closed: the report is final. */
  final: boolean;
  /** What the facts above say, in sentences (provisional until the audit closes). */
  statements: string[];
}

export interface ReportChecklistItem {
  requirement: string;
  title: string | null;
  verdict: Verdict;
  reason: string | null;
  notes: string[];
  documents: (Omit<DocumentPaper, 'kind'> & { by: string; at: string })[];
  sample: null | (Omit<SamplePaper, 'kind'> & { by: string; at: string });
  interviews: (Omit<InterviewPaper, 'kind'> & { by: string; at: string })[];
  findings: string[];
}

export type ReportMeeting = Omit<MeetingRecord, 'auditId' | 'kind'>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The recorded rationale is JSON written by the assignment rules; read it without trusting its shape. */
function auditorOf(tx: Tx, row: { email: string; role: AuditorRole; assignedAt: string; rationale: unknown }): ReportAuditor {
  const r = record(row.rationale);
  const exception = record(r.exception);
  const violations = Array.isArray(r.violations) ? r.violations.map((v) => text(record(v).detail)).filter(Boolean) : [];
  return {
    email: row.email,
    name: tx.organisation.getPerson(row.email)?.name ?? row.email,
    role: row.role,
    assignedAt: row.assignedAt,
    source: r.source === 'auto' || r.source === 'manual' ? r.source : 'unknown',
    external: r.external === true,
    independence: strings(r.independence),
    chosenBecause: strings(r.chosenBecause),
    exception: text(exception.justification) ? { justification: text(exception.justification), by: text(exception.by), at: text(exception.at), rulesNotMet: violations } : null,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const STATUS_TEXT: Record<AuditStatus, string> = { planned: 'planned and not started', in_progress: 'in progress', reporting: 'reporting', closed: 'closed' };

function statementsOf(r: Omit<AuditReport, 'statements'>, areaNames: string): string[] {
  const out: string[] = [];
  const criteria = r.criteria.length > 0 ? r.criteria.join('; ') : 'ISO/IEC 27001:2022';
  out.push(
    `Audit ${r.id} of ${areaNames || 'the ISMS'} against ${criteria}, from ${longDate(r.window.start)} to ${longDate(r.window.end)}, covered ` +
      `${plural(r.scope.clauses.length, 'clause')} and ${plural(r.scope.controls.length, 'Annex A control')}.`,
  );
  if (r.status !== 'closed') out.push(`This report is provisional: the audit is ${STATUS_TEXT[r.status]}.`);
  const e = r.evidence;
  out.push(
    e.requested === 0
      ? 'No evidence was requested through Auditbot.'
      : `Evidence: ${e.received} of ${plural(e.requested, 'request')} answered, ${e.accepted} accepted${e.outstanding > 0 ? `, ${e.outstanding} still outstanding` : ''}${e.withdrawn > 0 ? `, ${e.withdrawn} withdrawn` : ''}.`,
  );
  const c = r.findings.byClassification;
  const ncs = c.major + c.minor;
  out.push(
    r.findings.items.length === 0
      ? 'No findings were recorded.'
      : `Findings: ${plural(c.major, 'major nonconformity', 'major nonconformities')}, ${plural(c.minor, 'minor nonconformity', 'minor nonconformities')}, ` +
          `${plural(c.ofi, 'opportunity for improvement', 'opportunities for improvement')} and ${plural(c.observation, 'observation')}.`,
  );
  const count = (v: Verdict) => r.checklist.filter((i) => i.verdict === v).length;
  const unassessed = count('unassessed');
  if (r.checklist.length > 0) {
    out.push(
      `Checklist: ${r.checklist.length - unassessed} of ${plural(r.checklist.length, 'requirement')} assessed: ${count('conforming')} conforming, ${count('nonconformity')} with a nonconformity, ` +
        `${count('ofi')} with an opportunity for improvement, ${count('not_audited')} not audited${unassessed > 0 ? `; ${unassessed} not yet assessed` : ''}.`,
    );
  }
  if (unassessed > 0) out.push(`${plural(unassessed, 'requirement is', 'requirements are')} not yet assessed, so nothing is concluded about ${unassessed === 1 ? 'it' : 'them'}.`);
  if (ncs === 0 && count('conforming') > 0) {
    out.push(`No nonconformity was found against the ${plural(count('conforming'), 'requirement')} assessed as conforming, on the evidence seen.`);
  } else if (ncs > 0) {
    const actions = r.findings.items.filter((f) => isNonconformity(f.classification));
    const closed = actions.filter((f) => f.action?.status === 'closed').length;
    const without = actions.filter((f) => f.action === null).length;
    out.push(
      `Corrective actions: ${closed} of ${ncs} closed after verification${without > 0 ? `, ${without} not opened yet` : ''}${ncs - closed - without > 0 ? `, ${ncs - closed - without} under way` : ''}.`,
    );
  }
  const exceptions = r.auditors.filter((a) => a.exception);
  if (exceptions.length > 0) {
    out.push(`Independence exception: ${exceptions.map((a) => `${a.email} audited without full independence (justification: "${a.exception?.justification ?? ''}", by ${a.exception?.by ?? ''})`).join('; ')}.`);
  } else if (r.auditors.length > 0) {
    out.push('Every auditor was independent of the areas and controls audited.');
  }
  if (r.needsExternalAuditor) out.push('No internal auditor is independent of this audit: an external auditor is needed.');
  if (r.conclusion) out.push(`The lead auditor's conclusion: ${r.conclusion.label}. ${r.conclusion.summary}`);
  else out.push('The lead auditor has not recorded a conclusion yet.');
  return out;
}

export function buildAuditReport(core: Core, input: z.input<typeof buildAuditReportInput>): AuditReport {
  const parsed = buildAuditReportInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'auditId'), i.message])));
  const tz = core.settings.timezone;
  const generatedAt = core.clock.now().toISOString();
  return core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(parsed.data.auditId);
    if (!audit) throw new AuditbotError('not_found', `There is no audit ${parsed.data.auditId}. See the ids with: auditbot programme show`);
    const areas = audit.areas.map((key) => {
      const area = tx.organisation.getArea(key);
      return { key, name: area?.name ?? key, team: area?.team ?? null, owner: area?.owner ?? null };
    });
    const evidenceRows = tx.evidence.list({ auditId: audit.id });
    const evidenceItems: ReportEvidence[] = evidenceRows
      .map((e) => ({
        id: e.id,
        requirement: e.requirement,
        title: requirementTitle(e.requirement) ?? null,
        owner: e.owner,
        due: e.due,
        status: e.status,
        links: e.links,
        submittedAt: e.submittedAt,
        acceptedBy: e.acceptedBy,
        acceptedAt: e.acceptedAt,
      }))
      .sort((a, b) => compareRequirements(a.requirement, b.requirement));
    const byClassification = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<Classification, number>;
    const findingRows = tx.findings.list({ auditId: audit.id, status: 'open' });
    // One read for the actions of all the audit's findings, not one per finding.
    const actions = new Map<string, ReturnType<Tx['actions']['list']>[number]>();
    for (const a of tx.actions.list({ findingIds: findingRows.map((f) => f.id) })) if (!actions.has(a.findingId)) actions.set(a.findingId, a);
    const findingItems: ReportFinding[] = findingRows.map((f) => {
      byClassification[f.classification]++;
      const action = actions.get(f.id);
      return {
        id: f.id,
        classification: f.classification,
        requirement: f.requirement,
        title: requirementTitle(f.requirement) ?? null,
        outOfScope: f.outOfScope,
        statement: f.statement,
        evidence: f.evidence,
        area: f.area,
        owner: f.owner,
        raisedBy: f.raisedBy,
        raisedAt: f.raisedAt,
        action: action ? { id: action.id, status: action.status, due: action.due, closedAt: action.closedAt } : null,
      };
    });
    const severity = (c: Classification) => CLASSIFICATIONS.indexOf(c);
    findingItems.sort((a, b) => severity(a.classification) - severity(b.classification) || a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
    const report: Omit<AuditReport, 'statements' | 'plan' | 'checklist' | 'meetings' | 'conclusion' | 'final'> = {
      generatedAt,
      timezone: tz,
      id: audit.id,
      cycle: audit.cycle,
      status: audit.status,
      window: { start: localDateOf(audit.start, tz), end: localDateOf(audit.end, tz), startedAt: audit.startedAt, closedAt: audit.closedAt },
      scope: {
        areas,
        clauses: [...audit.clauses].sort(compareRequirements).map((id) => ({ id, title: requirementTitle(id) ?? null })),
        controls: [...audit.controls].sort(compareRequirements).map((id) => ({ id, title: requirementTitle(id) ?? null })),
      },
      criteria: audit.criteria,
      auditors: tx.programme
        .listAssignments({ auditId: audit.id })
        .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
        .map((row) => auditorOf(tx, row)),
      needsExternalAuditor: audit.needsExternalAuditor,
      exception: audit.exception ? { justification: audit.exception.justification, by: audit.exception.by, at: audit.exception.at, auditor: audit.exception.auditor ?? null } : null,
      evidence: {
        requested: evidenceRows.length,
        received: evidenceRows.filter((e) => e.submittedAt !== null && e.status !== 'withdrawn').length,
        accepted: evidenceRows.filter((e) => e.status === 'accepted').length,
        outstanding: evidenceRows.filter((e) => e.status === 'requested' || e.status === 'more_requested').length,
        withdrawn: evidenceRows.filter((e) => e.status === 'withdrawn').length,
        items: evidenceItems,
      },
      findings: { byClassification, items: findingItems },
    };
    const areaNames = areas.map((a) => `${a.name} (${a.key})`).join(', ');
    const full: Omit<AuditReport, 'statements'> = { ...report, ...conductOf(tx, audit, { evidence: evidenceRows, findings: findingRows }) };
    return { ...full, statements: statementsOf(full, areaNames) };
  });
}

/** The audit as conducted: plan, checklist with working papers, meetings, conclusion. */
function conductOf(tx: Tx, audit: AuditRecord, read: ChecklistRows): Pick<AuditReport, 'plan' | 'checklist' | 'meetings' | 'conclusion' | 'final'> {
  const plan = tx.conduct.getPlan(audit.id);
  const meetings = tx.conduct.listMeetings(audit.id);
  const meeting = (kind: 'opening' | 'closing'): ReportMeeting | null => {
    const m = meetings.find((x) => x.kind === kind);
    if (!m) return null;
    const { auditId: _a, kind: _k, ...rest } = m;
    return rest;
  };
  const conclusion = tx.conduct.getConclusion(audit.id);
  // Each paper becomes one object with its known fields: no rest/spread copies, which show up
  // in `export audit` over hundreds of papers, and nothing stored beyond the paper's fields leaks.
  const checklist = checklistOf(tx, audit, read).items.map((i): ReportChecklistItem => {
    const documents: ReportChecklistItem['documents'] = [];
    const interviews: ReportChecklistItem['interviews'] = [];
    const notes: string[] = i.notes ? [i.notes] : [];
    let sample: ReportChecklistItem['sample'] = null;
    for (const p of i.papers) {
      const b = p.body;
      const by = p.recordedBy;
      const at = p.recordedAt;
      if (b.kind === 'document') documents.push({ link: b.link, title: b.title, by, at });
      else if (b.kind === 'interview') interviews.push({ who: b.who, role: b.role, when: b.when, requirements: b.requirements, summary: b.summary, by, at });
      else if (b.kind === 'sample') sample = { population: b.population, populationSize: b.populationSize, sampleSize: b.sampleSize, method: b.method, seed: b.seed, items: b.items, results: b.results, by, at };
      else notes.push(b.text);
    }
    return { requirement: i.requirement, title: i.title, verdict: i.verdict, reason: i.reason, notes, documents, sample, interviews, findings: i.findings.map((f) => f.id) };
  });
  return {
    plan: plan ? { objectives: plan.objectives, method: plan.method, criteria: plan.criteria, auditees: plan.auditees, schedule: plan.schedule, sharedAt: plan.sharedAt } : null,
    checklist,
    meetings: { opening: meeting('opening'), closing: meeting('closing') },
    conclusion: conclusion ? { conclusion: conclusion.conclusion, label: CONCLUSION_LABEL[conclusion.conclusion], summary: conclusion.summary, strengths: conclusion.strengths, by: conclusion.recordedBy, at: conclusion.recordedAt } : null,
    final: audit.status === 'closed',
  };
}
