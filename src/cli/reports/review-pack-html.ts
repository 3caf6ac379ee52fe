// The management review pack as one self-contained, print-ready HTML page (A4): every input of
// clause 9.3.2 with its state, the charts as inline SVG, and the tables of the Markdown pack.
// No script, no external asset. Everything that comes from the database is escaped, so nothing
// a person typed can become markup.
import { localDateOf } from '../../core/programme/programme-calendar.js';
import { requirementTitle } from '../../core/catalogue/requirement-references.js';
import { INPUT_KEYS, type InputStatus, type ManagementReviewPack } from '../../core/review/build-management-review.js';
import { longDate } from '../../core/reporting/reporting-periods.js';
import { ACTION_STATE, AUDIT_STATE, CLASSIFICATION_NAME, count, countOf, was } from '../../core/reporting/review-wording.js';
import { CLASSIFICATIONS } from '../../core/shared/classification.js';
import { renderCharts, type ChartSvgs } from './review-charts.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: never markup. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const STATUS_WORD: Record<InputStatus, string> = { complete: 'Complete', partial: 'Partial', missing: 'Missing' };

const CSS = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
p, li { line-height: 1.35; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4pt 0 8pt; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 3pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
tr { break-inside: avoid; }
figure { margin: 8pt 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: #444; }
.status { font-weight: bold; }
.complete { color: #1b7837; } .partial { color: #a65e00; } .missing { color: #b2182b; }
.meta { color: #444; }
`;

const cell = (v: unknown): string => `<td>${escapeHtml(v)}</td>`;

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

const p = (text: string): string => `<p>${escapeHtml(text)}</p>`;

const label = (id: string | null): string => (id ? `${id} ${requirementTitle(id) ?? ''}`.trim() : '');

const figure = (id: string, svg: string, caption: string): string => `<figure id="${id}" class="chart">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;

export async function reviewPackHtml(pack: ManagementReviewPack): Promise<string> {
  return reviewPackHtmlWith(pack, await renderCharts(pack.charts));
}

export function reviewPackHtmlWith(pk: ManagementReviewPack, charts: ChartSvgs): string {
  const tz = pk.timezone;
  const date = (iso: string | null) => (iso ? localDateOf(iso, tz) : '');
  const title = `Management review ${longDate(pk.period.from)} to ${longDate(pk.period.to)}`;
  const out: string[] = [];
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  out.push(
    `<p class="meta">${escapeHtml(
      `ISO/IEC 27001:2022 clause 9.3. Generated ${pk.generatedAt} (dates in ${tz}); figures count only what happened in the period and before this moment.` +
        (pk.meeting ? ` Meeting ${pk.meeting.id} on ${longDate(pk.meeting.date)}, chaired by ${pk.meeting.chair}.` : ' No meeting is scheduled yet ("review schedule <date>").'),
    )}</p>`,
  );

  out.push('<h2>Inputs to the review (clause 9.3.2)</h2>');
  out.push(
    `<table class="inputs"><thead><tr><th style="width:8%">Input</th><th style="width:38%">What</th><th style="width:12%">State</th><th style="width:14%">Provided by</th><th style="width:12%">When</th><th>Still missing</th></tr></thead><tbody>${INPUT_KEYS.map((k) => {
      const i = pk.inputs[k];
      return `<tr id="input-${k}"><td>(${k})</td>${cell(i.title)}<td class="status ${i.status}">${STATUS_WORD[i.status]}</td>${cell(i.provider ?? '')}${cell(date(i.providedAt))}${cell(i.missing.join('; '))}</tr>`;
    }).join('')}</tbody></table>`,
  );
  for (const k of INPUT_KEYS) {
    const i = pk.inputs[k];
    if (i.items.length === 0) continue;
    out.push(`<h3>(${k}) ${escapeHtml(i.title)}</h3><ul>${i.items.map((it) => `<li><strong>${escapeHtml(it.label)}:</strong> ${escapeHtml(it.text)}</li>`).join('')}</ul>`);
  }

  out.push('<h2>Decisions and actions (clause 9.3.3)</h2>');
  if (pk.meeting?.status !== 'held') out.push(p('Not recorded yet: during or after the meeting, the chair or an audit lead types "review record".'));
  else {
    out.push(p(`Attendees: ${pk.attendees.join(', ')}.`));
    const kinds = { improvement: 'continual improvement', change: 'change to the ISMS', resources: 'resource need' } as const;
    out.push(pk.decisions.length === 0 ? p('No decisions were recorded.') : table(['decision', 'kind'], pk.decisions.map((d) => [d.text, kinds[d.kind]])));
    out.push(pk.reviewActions.length === 0 ? p('No actions were decided.') : table(['action', 'what', 'owner', 'due'], pk.reviewActions.map((x) => [x.id, x.text, x.owner, x.due])));
  }

  out.push('<h2>Charts</h2>');
  out.push(figure('chart-nonconformities', charts.nonconformities, 'Nonconformities raised per month, by classification.'));
  out.push(figure('chart-ageing', charts.ageing, `Corrective actions not closed on ${longDate(pk.charts.actionAgeing.asOf)}, by how long they have been open.`));
  out.push(figure('chart-evidence', charts.evidence, 'Evidence requests answered on time, by month due (months with none due are left out).'));
  out.push(
    figure(
      'chart-coverage',
      charts.coverage,
      pk.charts.coverage.cycle ? `Coverage of programme ${pk.charts.coverage.cycle} by clause and Annex A theme (${pk.charts.coverage.basis} coverage).` : 'No audit programme is planned yet, so there is no coverage to show.',
    ),
  );

  out.push('<h2>What changed since the previous period</h2>');
  out.push(p(`Compared with ${longDate(pk.previousPeriod.from)} to ${longDate(pk.previousPeriod.to)}.`));
  out.push(table(['measure', 'previous period', 'this period', 'change'], pk.changes.map((c) => [c.measure, c.previous ?? '–', c.current ?? '–', c.change === null ? '–' : c.change > 0 ? `+${c.change}` : c.change])));

  const a = pk.audits;
  out.push('<h2>Audits done against planned</h2>');
  out.push(p(`${count(a.planned, 'audit')} ${was(a.planned)} planned to start in the period: ${a.done} done (reporting or closed), ${a.inProgress} in progress, ${a.notStarted} not started. ${count(a.closedInPeriod, 'audit')} ${was(a.closedInPeriod)} closed in the period.`));
  if (a.items.length > 0) out.push(table(['audit', 'status', 'from', 'to', 'areas', 'lead auditor', 'closed on'], a.items.map((x) => [x.id, AUDIT_STATE[x.status], x.start, x.end, x.areas.join(', '), x.lead ?? '', date(x.closedAt)])));

  const f = pk.findings;
  out.push('<h2>Findings</h2>');
  out.push(p(f.total === 0 ? 'No findings were recorded in the period.' : `${count(f.total, 'finding')}: ${CLASSIFICATIONS.map((c) => countOf(f.byClassification[c], c)).join(', ')}.`));
  if (f.byArea.length > 0) out.push(table(['area', 'name', 'major', 'minor', 'OFI', 'observation', 'total'], f.byArea.map((x) => [x.area, x.name, x.major, x.minor, x.ofi, x.observation, x.total])));

  const n = pk.nonconformities;
  out.push('<h2>Nonconformities and corrective actions</h2>');
  out.push(
    p(
      `${count(n.openAtStart, 'nonconformity', 'nonconformities')} ${was(n.openAtStart)} open at the start of the period and ${n.openAtEnd} at its end; ${n.raised} ${was(n.raised)} raised and ${n.closed} closed after verification. ` +
        `${count(pk.actions.opened, 'corrective action')} ${was(pk.actions.opened)} opened and ${pk.actions.closed} ${was(pk.actions.closed)} closed.`,
    ),
  );
  const o = pk.overdue;
  out.push(`<h3>Overdue on ${escapeHtml(longDate(o.asOf))}</h3>`);
  out.push(p(`${count(o.actions.total, 'corrective action')} and ${count(o.evidence.total, 'evidence request')} past their due date.`));
  if (o.actions.items.length > 0) {
    out.push(table(['action', 'finding', 'classification', 'requirement', 'owner', 'status', 'due'], o.actions.items.map((i) => [i.id, i.findingId, i.classification ? CLASSIFICATION_NAME[i.classification] : '', label(i.requirement), i.owner, ACTION_STATE[i.status], i.due])));
    if (o.actions.total > o.actions.items.length) out.push(p(`…and ${o.actions.total - o.actions.items.length} more: auditbot export actions --format csv`));
  }
  const v = pk.verifications;
  if (v.notEffectiveItems.items.length > 0) {
    out.push('<h3>Corrective actions found not effective</h3>');
    out.push(table(['action', 'finding', 'verified by', 'on', 'why not effective'], v.notEffectiveItems.items.map((i) => [i.actionId, i.findingId, i.by, date(i.at), i.reason])));
  }

  out.push('<h2>Independence exceptions</h2>');
  out.push(
    pk.independenceExceptions.length === 0
      ? p('None: every auditor of the period was independent of what they audited.')
      : table(['audit', 'status', 'kind', 'auditor', 'justification', 'by', 'on'], pk.independenceExceptions.map((x) => [x.auditId, AUDIT_STATE[x.status], x.kind === 'exception' ? 'auditor not independent' : 'needs an external auditor', x.auditor ?? '', x.justification ?? '', x.by ?? '', date(x.at)])),
  );

  const ofi = pk.opportunities;
  out.push('<h2>Opportunities for improvement raised in audits</h2>');
  out.push(
    ofi.total === 0
      ? p('None were raised in the period.')
      : table(['finding', 'audit', 'requirement', 'area', 'owner', 'raised', 'statement'], ofi.items.map((i) => [i.id, i.auditId, label(i.requirement), i.area, i.owner, date(i.raisedAt), i.statement])),
  );

  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>\n${out.join('\n')}\n</body></html>\n`;
}
