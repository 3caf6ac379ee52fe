// One audit's report as a Markdown document, for the audit file and the certification auditor.
import { localDateOf } from '../../core/programme/programme-calendar.js';
import type { AuditReport } from '../../core/reporting/build-audit-report.js';
import { longDate } from '../../core/reporting/reporting-periods.js';
import { markdownText as mdText, toMarkdownTable } from '../format.js';
import { CLASSIFICATION_LABELS } from '../../core/shared/classification.js';

export function auditReportMarkdown(r: AuditReport): string {
  const date = (iso: string | null) => (iso ? localDateOf(iso, r.timezone) : '');
  const out: string[] = [
    `# Internal audit report ${r.id}`,
    '',
    `Cycle ${mdText(r.cycle)}. Status: ${r.status}. Window ${longDate(r.window.start)} to ${longDate(r.window.end)}${r.window.closedAt ? `; closed ${longDate(date(r.window.closedAt))}` : ''}. Generated ${r.generatedAt} (dates in ${r.timezone}).`,
    '',
    '## Scope',
    '',
    toMarkdownTable(['area', 'name', 'owning team', 'owner'], r.scope.areas.map((a) => [a.key, a.name, a.team, a.owner])),
    '',
    `Clauses: ${r.scope.clauses.length === 0 ? 'none' : r.scope.clauses.map((c) => `${c.id} ${c.title ?? ''}`.trim()).join('; ')}.`,
    '',
    `Annex A controls: ${r.scope.controls.length === 0 ? 'none' : r.scope.controls.map((c) => `${c.id} ${c.title ?? ''}`.trim()).join('; ')}.`,
    '',
    '## Criteria',
    '',
    ...(r.criteria.length === 0 ? ['ISO/IEC 27001:2022'] : r.criteria.map((c) => `- ${mdText(c)}`)),
    '',
    '## Auditors and their independence',
    '',
  ];
  if (r.auditors.length === 0) out.push('No auditor is assigned.');
  for (const a of r.auditors) {
    out.push(`### ${mdText(a.name)} (${mdText(a.email)}), ${a.role === 'lead' ? 'lead auditor' : 'second auditor'}${a.external ? ', external' : ''}`, '');
    out.push(`Assigned ${date(a.assignedAt)}${a.source === 'manual' ? ' by a lead' : a.source === 'auto' ? ' by the assignment rules' : ''}.`);
    if (a.exception) {
      out.push('', `**Independence exception.** Not independent: ${a.exception.rulesNotMet.length > 0 ? a.exception.rulesNotMet.map(mdText).join('; ') : 'see the justification'}. Justification: "${mdText(a.exception.justification)}" (${mdText(a.exception.by)}, ${date(a.exception.at)}).`);
    } else if (a.independence.length > 0) {
      out.push('', 'Independent because:', ...a.independence.map((i) => `- ${mdText(i)}`));
    } else {
      out.push('', 'No independence rationale was recorded for this assignment.');
    }
    if (a.chosenBecause.length > 0) out.push('', 'Chosen because:', ...a.chosenBecause.map((c) => `- ${mdText(c)}`));
    out.push('');
  }
  if (r.needsExternalAuditor) out.push('No internal auditor is independent of this audit: an external auditor is needed.', '');

  const e = r.evidence;
  out.push('## Evidence requested and received', '');
  out.push(`${e.requested} requested, ${e.received} received, ${e.accepted} accepted, ${e.outstanding} outstanding, ${e.withdrawn} withdrawn.`);
  if (e.items.length > 0) {
    out.push(
      '',
      toMarkdownTable(
        ['request', 'requirement', 'owner', 'due', 'status', 'links', 'submitted', 'accepted by'],
        e.items.map((i) => [`#${i.id}`, `${i.requirement} ${i.title ?? ''}`.trim(), i.owner, i.due, i.status, i.links.join('\n'), date(i.submittedAt), i.acceptedBy]),
      ),
    );
  }

  out.push('', '## Findings', '');
  if (r.findings.items.length === 0) out.push('No findings were recorded.');
  for (const f of r.findings.items) {
    out.push(`### ${f.id}: ${CLASSIFICATION_LABELS[f.classification]}, ${f.requirement}${f.title ? ` ${f.title}` : ''}`, '');
    out.push(`Area ${mdText(f.area)}; owner ${mdText(f.owner)}; raised by ${mdText(f.raisedBy)} on ${date(f.raisedAt)}${f.outOfScope ? '; outside the audit\'s planned scope' : ''}.`, '');
    out.push(`Statement: ${mdText(f.statement)}`, '', `Objective evidence: ${mdText(f.evidence)}`, '');
    if (f.action) out.push(`Corrective action ${f.action.id}: ${f.action.status}, due ${f.action.due}${f.action.closedAt ? `, closed ${date(f.action.closedAt)}` : ''}.`, '');
  }

  out.push('## Conclusion', '', ...r.conclusion.map(mdText).flatMap((c) => [c, '']));
  return out.join('\n');
}
