// The management review pack as a Markdown document, for the minutes of the 9.3 review.
import { localDateOf } from '../../core/programme/programme-calendar.js';
import { requirementTitle } from '../../core/catalogue/requirement-references.js';
import type { ReviewPack } from '../../core/reporting/build-review-pack.js';
import { programmeLine } from '../../core/reporting/digest-messages.js';
import { longDate } from '../../core/reporting/reporting-periods.js';
import { markdownText, toMarkdownTable, type Cell } from '../format.js';
import { CLASSIFICATIONS } from '../../core/shared/classification.js';
import { ACTION_STATE, AUDIT_STATE, CLASSIFICATION_NAME, count, countOf, EVIDENCE_STATE, was } from '../../core/reporting/review-wording.js';

const more = (total: number, shown: number, command: string): string[] => (total > shown ? ['', `…and ${total - shown} more: ${command}`] : []);

const signed = (n: number | null): string => (n === null ? '–' : n > 0 ? `+${n}` : String(n));

const label = (id: string | null): string => (id ? `${id} ${requirementTitle(id) ?? ''}`.trim() : '');

export function reviewPackMarkdown(p: ReviewPack): string {
  const tz = p.timezone;
  const date = (iso: string | null) => (iso ? localDateOf(iso, tz) : '');
  const out: string[] = [
    `# Management review input: internal audit ${longDate(p.period.from)} to ${longDate(p.period.to)}`,
    '',
    `ISO/IEC 27001:2022 clause 9.3.2 (c) and (f): audit results, nonconformities and corrective actions. Compared with the previous period of the same length, ${longDate(p.previousPeriod.from)} to ${longDate(p.previousPeriod.to)}. Generated ${p.generatedAt} (dates in ${tz}).`,
    '',
    '## What changed since the previous period',
    '',
    toMarkdownTable(['measure', 'previous period', 'this period', 'change'], p.changes.map((c) => [c.measure, c.previous ?? '–', c.current ?? '–', signed(c.change)])),
    '',
    '## Audits done against planned',
    '',
    `${count(p.audits.planned, 'audit')} ${was(p.audits.planned)} planned to start in the period: ${p.audits.done} done (reporting or closed), ${p.audits.inProgress} in progress, ${p.audits.notStarted} not started. ${count(p.audits.closedInPeriod, 'audit')} ${was(p.audits.closedInPeriod)} closed in the period.`,
  ];
  if (p.programme) out.push('', markdownText(programmeLine(p.programme)));
  if (p.audits.items.length > 0) {
    out.push('', toMarkdownTable(['audit', 'status', 'from', 'to', 'areas', 'lead auditor', 'closed on'], p.audits.items.map((a) => [a.id, AUDIT_STATE[a.status], a.start, a.end, a.areas.join(', '), a.lead, date(a.closedAt)])));
  }

  const f = p.findings;
  out.push('', '## Findings by classification and area', '');
  out.push(f.total === 0 ? 'No findings were recorded in the period.' : `${count(f.total, 'finding')}: ${CLASSIFICATIONS.map((c) => countOf(f.byClassification[c], c)).join(', ')}.`);
  if (f.byArea.length > 0) {
    out.push('', toMarkdownTable(['area', 'name', 'major', 'minor', 'OFI', 'observation', 'total'], f.byArea.map((a) => [a.area, a.name, a.major, a.minor, a.ofi, a.observation, a.total])));
  }

  const n = p.nonconformities;
  const a = p.actions;
  out.push('', '## Nonconformities and corrective actions', '');
  out.push(
    `${count(n.openAtStart, 'nonconformity', 'nonconformities')} ${was(n.openAtStart)} open at the start of the period and ${n.openAtEnd} at its end; ${n.raised} ${was(n.raised)} raised and ${n.closed} closed after verification. ` +
      `${count(a.opened, 'corrective action')} ${was(a.opened)} opened and ${a.closed} ${was(a.closed)} closed.`,
  );
  out.push('', toMarkdownTable(['status now', 'all corrective actions', 'opened in the period'], (['open', 'planned', 'implemented', 'closed', 'withdrawn'] as const).map((s) => [ACTION_STATE[s], a.byStatusNow[s], a.openedInPeriodByStatus[s]])));
  out.push('', '### Trend by quarter', '');
  out.push(
    toMarkdownTable(
      ['quarter', 'from', 'to', 'major', 'minor', 'OFI', 'observation', 'actions opened', 'actions closed', 'nonconformities open at end', 'actions overdue at end', 'verified effective', 'not effective'],
      p.quarters.map((q): Cell[] => [
        q.quarter,
        q.from,
        q.to,
        q.majorRaised,
        q.minorRaised,
        q.opportunitiesRaised,
        q.observationsRaised,
        q.actionsOpened,
        q.actionsClosed,
        q.nonconformitiesOpenAtEnd,
        q.actionsOverdueAtEnd,
        q.verificationsEffective,
        q.verificationsNotEffective,
      ]),
    ),
  );

  const v = p.verifications;
  out.push('', '## Verification of corrective actions', '');
  out.push(v.total === 0 ? 'No corrective action was verified in the period.' : `${count(v.total, 'verification')}: ${v.effective} effective, ${v.notEffective} not effective (sent back to planning).`);
  if (v.notEffectiveItems.items.length > 0) {
    out.push('', toMarkdownTable(['action', 'finding', 'verified by', 'on', 'why not effective'], v.notEffectiveItems.items.map((i) => [i.actionId, i.findingId, i.by, date(i.at), i.reason])));
    out.push(...more(v.notEffectiveItems.total, v.notEffectiveItems.items.length, 'auditbot export actions --format csv'));
  }

  const o = p.overdue;
  out.push('', `## Overdue at ${longDate(o.asOf)}`, '');
  out.push(`${count(o.actions.total, 'corrective action')} past ${o.actions.total === 1 ? 'its' : 'their'} due date; ${count(o.evidence.total, 'evidence request')} past ${o.evidence.total === 1 ? 'its' : 'their'} due date.`);
  if (o.actions.items.length > 0) {
    out.push('', toMarkdownTable(['action', 'finding', 'classification', 'requirement', 'owner', 'status', 'due'], o.actions.items.map((i) => [i.id, i.findingId, i.classification ? CLASSIFICATION_NAME[i.classification] : '', label(i.requirement), i.owner, ACTION_STATE[i.status], i.due])));
    out.push(...more(o.actions.total, o.actions.items.length, 'auditbot export actions --format csv'));
  }
  if (o.evidence.items && o.evidence.items.length > 0) {
    out.push('', toMarkdownTable(['request', 'audit', 'requirement', 'owner', 'due', 'status'], o.evidence.items.map((i) => [`#${i.id}`, i.auditId, label(i.requirement), i.owner, i.due, EVIDENCE_STATE[i.status]])));
    out.push(...more(o.evidence.total, o.evidence.items.length, 'auditbot export evidence --status requested --format csv'));
  }

  out.push('', '## Independence exceptions', '');
  out.push(
    p.independenceExceptions.length === 0
      ? 'None: every auditor of the period was independent of what they audited.'
      : toMarkdownTable(
          ['audit', 'status', 'kind', 'auditor', 'justification', 'by', 'on'],
          p.independenceExceptions.map((x) => [x.auditId, AUDIT_STATE[x.status], x.kind === 'exception' ? 'auditor not independent' : 'needs an external auditor', x.auditor, x.justification, x.by, date(x.at)]),
        ),
  );

  const e = p.evidence;
  out.push('', '## Evidence timeliness', '');
  out.push(
    e.due === 0
      ? `No evidence request fell due in the period by ${longDate(o.asOf)}.`
      : `${count(e.due, 'evidence request')} fell due by ${longDate(o.asOf)}: ${e.onTime} answered on time, ${e.late} late (on average ${e.averageDaysLate} days), ${e.outstanding} still outstanding, ${e.withdrawn} withdrawn.` +
          (e.onTimeRate === null ? '' : ` On time: ${e.onTimeRate}%.`),
  );

  const ofi = p.opportunities;
  out.push('', '## Opportunities for improvement', '');
  if (ofi.total === 0) out.push('None were raised in the period.');
  else {
    out.push(toMarkdownTable(['finding', 'audit', 'requirement', 'area', 'owner', 'raised', 'statement'], ofi.items.map((i) => [i.id, i.auditId, label(i.requirement), i.area, i.owner, date(i.raisedAt), i.statement])));
    out.push(...more(ofi.total, ofi.items.length, 'auditbot export findings --format csv'));
  }
  return `${out.join('\n')}\n`;
}
