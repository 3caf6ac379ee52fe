import { FINDING_VIEW_KEYS, listFindings, type FindingView } from '../../core/findings/list-findings.js';
import { FINDING_STATUSES } from '../../core/findings/types.js';
import { choice, type CommandImplementation } from '../framework.js';
import { markdownText, toCsv, toJson, toMarkdownTable } from '../format.js';

/** " (2 open, 1 withdrawn)" when some findings no longer stand; nothing when all are open. */
function statusCounts(findings: FindingView[]): string {
  const counts = FINDING_STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
  return counts.length > 1 || counts[0]?.[0] !== 'open' ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
}

export const exportFindingsCommand: CommandImplementation = {
  database: 'read',
  options: {
    format: { type: 'string', description: 'json, csv or md', default: 'json', placeholder: '<json|csv|md>' },
    audit: { type: 'string', description: 'only the findings of this audit', placeholder: '<audit id>' },
  },
  details: [
    'Columns (and JSON keys): id, auditId, classification (major | minor | ofi | observation), requirement',
    '(9.2 for a clause, A.5.15 for an Annex A control), statement, evidence, area, owner, raisedBy (e-mails),',
    'raisedAt (ISO 8601, UTC), actionId (the corrective action, once opened), status (open | withdrawn |',
    'superseded), statusReason (why it was withdrawn or superseded), supersededBy (the major a superseded',
    'minor was raised to).',
    '',
    'Examples:',
    '  auditbot export findings --format csv > findings.csv',
    '  auditbot export findings --audit IA-2027-03 --format md',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['json', 'csv', 'md'] as const, 'json');
    const audit = typeof values.audit === 'string' && values.audit.trim() !== '' ? values.audit.trim().toUpperCase() : undefined;
    const { core } = app();
    const findings = listFindings(core, audit ? { auditId: audit } : {});
    if (format === 'json') {
      io.stdout(toJson(findings));
      return 0;
    }
    const headers = [...FINDING_VIEW_KEYS];
    const rows = findings.map((f) => FINDING_VIEW_KEYS.map((k) => f[k]));
    if (format === 'csv') {
      io.stdout(toCsv(headers, rows));
      return 0;
    }
    io.stdout(
      findings.length === 0
        ? `No findings recorded${audit ? ` for audit ${markdownText(audit)}` : ''} yet.`
        : `# Findings register${audit ? ` (audit ${markdownText(audit)})` : ''}\n\n${findings.length} finding${findings.length === 1 ? '' : 's'}${statusCounts(findings)}.\n\n${toMarkdownTable(headers, rows)}`,
    );
    return 0;
  },
};
