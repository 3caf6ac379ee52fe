import { requirementTitle } from '../../core/catalogue/requirement-references.js';
import { planProgramme } from '../../core/programme/plan-programme.js';
import { achievedLines, programmeAchievedJson, showProgrammeAchieved, type ProgrammeAchievedView } from '../../core/conduct/programme-achieved.js';
import { STATUS_LABEL } from '../../core/programme/transition-audit.js';
import { localDateOf } from '../../core/programme/programme-calendar.js';
import { DEFAULT_FREQUENCY, type Frequency } from '../../core/programme/types.js';
import { cliActor } from '../acting-person.js';
import { choice, requiredString, UsageError, type CommandImplementation } from '../framework.js';
import { markdownText, toJson, toMarkdownTable, toTable, type Cell } from '../format.js';

const wholeNumber = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a whole number; got ${JSON.stringify(value)}`);
  return n;
};

function parseFrequency(value: unknown): Frequency {
  if (value === undefined) return DEFAULT_FREQUENCY;
  const text = String(value);
  const out: Frequency = { ...DEFAULT_FREQUENCY };
  for (const part of text.split(',')) {
    const m = /^\s*(high|medium|low)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--frequency must look like high=2,medium=1,low=1 (audits per 12 months by risk); got ${JSON.stringify(text)}`);
    out[m[1] as keyof Frequency] = Number(m[2]);
  }
  return out;
}

export const programmePlanCommand: CommandImplementation = {
  options: {
    cycle: { type: 'string', description: 'the cycle name, e.g. 2027', placeholder: '<name>' },
    start: { type: 'string', description: 'first day of the cycle, in the organisation time zone', placeholder: '<YYYY-MM-DD>' },
    months: { type: 'string', description: 'length of the cycle in months', default: '12', placeholder: '<n>' },
    'max-per-month': { type: 'string', description: 'no month holds more audits than this', placeholder: '<n>' },
    frequency: { type: 'string', description: 'audits per 12 months by risk', default: 'high=2,medium=1,low=1', placeholder: '<high=2,medium=1,low=1>' },
    as: { type: 'string', description: 'the audit lead acting (default: the only lead)', placeholder: '<email>' },
    format: { type: 'string', description: 'text or json', default: 'text', placeholder: '<text|json>' },
  },
  details: [
    'Every clause 4.1–10.2 and every applicable Annex A control is put in at least one audit through the',
    'areas of the organisation file; anything in no area is listed as a gap and the plan is marked incomplete.',
    'High-risk areas are audited twice per 12 months, medium and low once (see --frequency); areas with open',
    'nonconformities from an earlier cycle come in the first quarter. The same input gives the same plan.',
    'Re-planning a cycle moves only audits still planned; started and closed audits stay. Then each planned',
    'audit gets a lead auditor (and a second for high-risk areas) who is independent of it.',
    '',
    'Example: auditbot programme plan --cycle 2027 --start 2027-01-01 --max-per-month 4',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['text', 'json'] as const, 'text');
    const cycle = requiredString(values.cycle, 'cycle');
    const start = requiredString(values.start, 'start');
    const months = wholeNumber(values.months, 'months') ?? 12;
    const maxPerMonth = wholeNumber(values['max-per-month'], 'max-per-month') ?? null;
    const frequency = parseFrequency(values.frequency);
    const { core } = app();
    const result = planProgramme(core, { cycle, start, months, maxPerMonth, frequency }, cliActor(core, values.as));
    if (format === 'json') {
      io.stdout(toJson(result));
      return 0;
    }
    io.stdout(
      `Programme ${result.cycle} planned from ${result.start} over ${result.months} months: ${result.audits} audits ` +
        `(${result.added.length} new, ${result.moved.length} moved, ${result.cancelled.length} cancelled, ${result.kept.length} started or closed kept).`,
    );
    if (result.prioritised.length > 0) io.stdout(`In the first quarter because of open nonconformities: ${result.prioritised.join(', ')}.`);
    io.stdout(`Auditors: ${result.assignment.changed} assignment${result.assignment.changed === 1 ? '' : 's'} made or changed.`);
    if (result.assignment.needsExternal.length > 0) {
      io.stdout(`Need an external auditor (nobody internal is independent; the leads have been told): ${result.assignment.needsExternal.join(', ')}.`);
    }
    if (result.incomplete) {
      io.stdout(`INCOMPLETE: ${result.gaps.length} requirement${result.gaps.length === 1 ? ' is' : 's are'} in no area, so in no audit: ${result.gaps.join(', ')}.`);
      io.stdout('Add them to an area in the organisation file (or exclude controls in the Statement of Applicability), import it and plan again.');
    } else {
      io.stdout('Complete: every clause and applicable Annex A control is in at least one audit.');
    }
    io.stdout(`See it with: auditbot programme show --cycle ${result.cycle}`);
    return 0;
  },
};

const AUDIT_HEADERS = ['month', 'id', 'status', 'checklist', 'window', 'areas', 'clauses', 'controls', 'lead', 'second', 'note'];

/** Long scopes are cut in the text table; JSON and Markdown carry them whole. */
const refs = (ids: string[], full: boolean): string => (full || ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')} +${ids.length - 8} more`);

function auditRows(view: ProgrammeAchievedView, tz: string, full: boolean): Cell[][] {
  const monthOf = new Map<string, number>();
  for (const m of view.calendar) for (const id of m.audits) monthOf.set(id, m.month);
  return view.audits.map((a) => {
    const note = [
      a.needsExternalAuditor ? 'needs an external auditor' : '',
      a.exception ? `EXCEPTION (${a.exception.auditor ?? 'auditor'}): ${a.exception.justification} (by ${a.exception.by})` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return [
      monthOf.get(a.id) ?? '-',
      a.id,
      STATUS_LABEL[a.status],
      `${view.checklists[a.id]?.assessed ?? 0} of ${view.checklists[a.id]?.total ?? 0} assessed`,
      `${localDateOf(a.start, tz)} to ${localDateOf(a.end, tz)}`,
      a.areas.join(', '),
      refs(a.clauses, full),
      refs(a.controls, full),
      a.auditors.find((x) => x.role === 'lead')?.email ?? '',
      a.auditors.find((x) => x.role === 'second')?.email ?? '',
      note,
    ];
  });
}

function render(view: ProgrammeAchievedView, tz: string, md: boolean): string {
  const table = md ? toMarkdownTable : toTable;
  const heading = (t: string) => (md ? `## ${t}` : t);
  // Outside the tables too, stored text is escaped in Markdown (the tables escape their cells).
  const text = md ? markdownText : (t: string) => t;
  const c = view.statusCounts;
  const out: string[] = [
    md ? `# Audit programme ${text(view.cycle)}` : `Audit programme ${view.cycle}`,
    '',
    `Starts ${view.start}, ${view.months} months${view.maxPerMonth ? `, at most ${view.maxPerMonth} audits a month` : ''}; planned ${localDateOf(view.plannedAt, tz)} by ${text(view.plannedBy)}.`,
    `${view.audits.length} audits: ${c.planned} planned, ${c.in_progress} in progress, ${c.reporting} reporting, ${c.closed} closed.`,
    view.incomplete
      ? `INCOMPLETE: ${view.gaps.length} requirement${view.gaps.length === 1 ? ' is' : 's are'} in no area: ${view.gaps.join(', ')}.`
      : 'Complete: every clause 4.1–10.2 and every applicable Annex A control is in at least one audit.',
    '',
    heading('Month by month'),
    table(
      ['month', 'from', 'to', 'audits', 'ids'],
      view.calendar.map((m) => [m.month, m.firstDay, m.lastDay, m.audits.length, m.audits.join(', ')]),
    ),
  ];
  if (view.outsideMonths.length > 0) out.push(`Outside the cycle's months (kept from an earlier plan): ${text(view.outsideMonths.join(', '))}`);
  out.push('', heading('Audits'), table(AUDIT_HEADERS, auditRows(view, tz, md)));
  out.push('', heading('Independence exceptions'));
  out.push(
    view.exceptions.length > 0
      ? table(['audit', 'auditor', 'justification', 'by', 'at'], view.exceptions.map((e) => [e.auditId, e.auditor, e.justification, e.by, e.at]))
      : 'None: every assigned auditor is independent of their audit.',
  );
  if (view.needsExternal.length > 0) out.push('', `Need an external auditor: ${text(view.needsExternal.join(', '))}`);
  out.push('', heading('Coverage'), table(['requirement', 'title', 'audits'], view.coverage.map((r) => [r.requirement, r.title || requirementTitle(r.requirement), r.audits.length > 0 ? r.audits.join(', ') : 'GAP'])));
  out.push('', heading('Gaps'), view.gaps.length > 0 ? view.gaps.join(', ') : 'None.');
  out.push('', heading('Coverage achieved'), ...achievedLines(view.achieved).map(text));
  return out.join('\n');
}

export const programmeShowCommand: CommandImplementation = {
  options: {
    cycle: { type: 'string', description: 'the cycle (default: the latest)', placeholder: '<name>' },
    format: { type: 'string', description: 'table, json or md', default: 'table', placeholder: '<table|json|md>' },
  },
  details: 'JSON: { cycle, audits: [{ id, status, start, end, areas, clauses, controls, auditors: [{ email, role }], needsExternalAuditor, exception, checklist: { total, assessed } }], gaps, coverage: { planned, assessed, notAudited, unassessed } } plus start, months, maxPerMonth, incomplete and each audit\'s criteria.',
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['table', 'json', 'md'] as const, 'table');
    const { core } = app();
    const view = showProgrammeAchieved(core, typeof values.cycle === 'string' ? { cycle: values.cycle } : {});
    io.stdout(format === 'json' ? toJson(programmeAchievedJson(view)) : render(view, core.settings.timezone, format === 'md'));
    return 0;
  },
};
