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
    r.final ? '**Final report**: the audit is closed.' : `**Provisional report**: the audit is ${r.status.replace('_', ' ')}; it becomes final when its lead auditor closes it.`,
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

  out.push(...conductMarkdown(r, date));
  out.push('## Conclusion', '');
  if (r.conclusion) {
    out.push(`**${r.conclusion.label}** (${mdText(r.conclusion.by)}, ${date(r.conclusion.at)}).`, '', mdText(r.conclusion.summary), '');
    if (r.conclusion.strengths) out.push(`Strengths observed: ${mdText(r.conclusion.strengths)}`, '');
  }
  out.push(...r.statements.map(mdText).flatMap((c) => [c, '']));
  return out.join('\n');
}

const VERDICT_TEXT: Record<AuditReport['checklist'][number]['verdict'], string> = {
  unassessed: 'not yet assessed',
  conforming: 'conforming',
  nonconformity: 'nonconformity',
  ofi: 'opportunity for improvement',
  not_audited: 'not audited',
};

/** Plan, checklist, working papers and meetings: the audit as conducted. */
function conductMarkdown(r: AuditReport, date: (iso: string | null) => string): string[] {
  const out: string[] = ['', '## Audit plan', ''];
  if (!r.plan) out.push('No audit plan was recorded.', '');
  else {
    out.push(`Objectives: ${mdText(r.plan.objectives)}`, '', `Method: ${r.plan.method.replace('_', ' ')}.`, '', `Criteria: ${r.plan.criteria.map(mdText).join('; ') || 'ISO/IEC 27001:2022'}.`, '');
    out.push(`Auditees: ${r.plan.auditees.map(mdText).join(', ') || 'none named'}.`, '');
    if (r.plan.schedule.length > 0) out.push(toMarkdownTable(['when', 'what'], r.plan.schedule.map((s) => [s.at, s.what])), '');
    out.push(r.plan.sharedAt ? `Shared with the auditees on ${date(r.plan.sharedAt)}.` : 'Not shared with the auditees yet.', '');
  }
  const assessed = r.checklist.filter((i) => i.verdict !== 'unassessed').length;
  out.push('## Checklist', '', `${assessed} of ${r.checklist.length} requirements assessed.`, '');
  if (r.checklist.length > 0) {
    out.push(
      toMarkdownTable(
        ['requirement', 'verdict', 'reason or notes', 'findings'],
        r.checklist.map((i) => [`${i.requirement} ${i.title ?? ''}`.trim(), VERDICT_TEXT[i.verdict], [i.reason, ...i.notes].filter(Boolean).join('\n'), i.findings.join(', ')]),
      ),
      '',
    );
  }
  const papers = r.checklist.filter((i) => i.documents.length > 0 || i.sample || i.interviews.length > 0);
  out.push('## Working papers', '');
  if (papers.length === 0) out.push('No documents, samples or interviews were recorded.', '');
  for (const i of papers) {
    out.push(`### ${i.requirement}${i.title ? ` ${i.title}` : ''}`, '');
    for (const d of i.documents) out.push(`- Document reviewed: ${mdText(d.title)} <${mdText(d.link)}> (${mdText(d.by)}, ${date(d.at)})`);
    if (i.sample) {
      const s = i.sample;
      const exceptions = s.results.filter((x) => x.result === 'exception');
      out.push(
        `- Sample of ${mdText(s.population)}: ${s.sampleSize} of ${s.populationSize}, ${s.method}${s.seed !== null ? ` (seed ${s.seed})` : ''}; items ${s.items.join(', ')}; ` +
          `${s.results.length} checked, ${exceptions.length} exception${exceptions.length === 1 ? '' : 's'}${exceptions.length > 0 ? `: ${exceptions.map((x) => `item ${x.item} (${mdText(x.note)})`).join('; ')}` : ''}.`,
      );
    }
    for (const v of i.interviews) out.push(`- Interview with ${mdText(v.who)} (${mdText(v.role)}) on ${v.when}, on ${v.requirements.join(', ')}: ${mdText(v.summary)}`);
    out.push('');
  }
  out.push('## Meetings', '');
  for (const [kind, m] of [['Opening', r.meetings.opening], ['Closing', r.meetings.closing]] as const) {
    if (!m) {
      out.push(`${kind} meeting: not recorded.`, '');
      continue;
    }
    out.push(`${kind} meeting on ${date(m.heldAt)} with ${m.attendees.map(mdText).join(', ')}.${m.notes ? ` Notes: ${mdText(m.notes)}` : ''}`, '');
    if (kind === 'Closing') {
      out.push(`Findings presented: ${m.findingsPresented.join(', ') || 'none'}. The auditees ${m.acknowledgement === 'disagreed' ? `disagreed: ${mdText(m.auditeeStatement ?? '')}` : 'acknowledged them'}${m.acknowledgement !== 'disagreed' && m.auditeeStatement ? ` (${mdText(m.auditeeStatement)})` : ''}.`, '');
    }
  }
  return out;
}
