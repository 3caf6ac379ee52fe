import { EVIDENCE_STATUSES } from '../../core/evidence/types.js';
import { listEvidence, type EvidenceRegisterEntry } from '../../core/evidence/list-evidence.js';
import { choice, type CommandImplementation } from '../framework.js';
import { markdownText, toCsv, toJson, toMarkdownTable, type Cell } from '../format.js';

const COLUMNS: (keyof EvidenceRegisterEntry)[] = ['id', 'auditId', 'requirement', 'title', 'owner', 'due', 'status', 'links', 'submittedAt', 'acceptedBy', 'acceptedAt', 'requestedAt', 'note', 'comment', 'snoozeCount'];

const cell = (e: EvidenceRegisterEntry, k: keyof EvidenceRegisterEntry, separator: string): Cell => {
  const v = e[k];
  return Array.isArray(v) ? v.join(separator) : v;
};

export const exportEvidenceCommand: CommandImplementation = {
  database: 'read',
  options: {
    format: { type: 'string', description: 'json, csv or md', default: 'json', placeholder: '<json|csv|md>' },
    audit: { type: 'string', description: 'only the requests of this audit', placeholder: '<audit id>' },
    status: { type: 'string', description: `only requests in this status (${EVIDENCE_STATUSES.join(', ')})`, placeholder: '<status>' },
  },
  details: [
    'JSON keys (a stable contract): id, auditId, requirement (9.2 for a clause, A.5.15 for an Annex A',
    'control), owner (e-mail), due (YYYY-MM-DD in the owner\'s time zone), status (requested | submitted |',
    'accepted | more_requested | withdrawn), links, submittedAt, acceptedBy; added beside them: title,',
    'acceptedAt, requestedAt, note, comment, snoozeCount. Times are ISO 8601 UTC.',
    'CSV and Markdown have the same columns; links are separated by spaces (CSV) or line breaks (Markdown).',
    '',
    'Examples:',
    '  auditbot export evidence --format csv > evidence.csv',
    '  auditbot export evidence --audit IA-2027-03 --status submitted --format md',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['json', 'csv', 'md'] as const, 'json');
    const status = values.status === undefined ? undefined : choice(values.status, 'status', EVIDENCE_STATUSES, 'requested');
    const audit = typeof values.audit === 'string' && values.audit.trim() !== '' ? values.audit.trim().toUpperCase() : undefined;
    const { core } = app();
    const entries = listEvidence(core, { ...(audit ? { auditId: audit } : {}), ...(status ? { status } : {}) });
    if (format === 'json') {
      io.stdout(toJson(entries));
      return 0;
    }
    const headers = COLUMNS.map(String);
    if (format === 'csv') {
      io.stdout(toCsv(headers, entries.map((e) => COLUMNS.map((k) => cell(e, k, ' ')))));
      return 0;
    }
    const scope = [audit ? `audit ${audit}` : '', status ? `status ${status}` : ''].filter(Boolean).map(markdownText).join(', ');
    io.stdout(
      entries.length === 0
        ? `No evidence requests${scope ? ` (${scope})` : ''} yet.`
        : `# Evidence register${scope ? ` (${scope})` : ''}\n\n${entries.length} request${entries.length === 1 ? '' : 's'}.\n\n${toMarkdownTable(headers, entries.map((e) => COLUMNS.map((k) => cell(e, k, '\n'))))}`,
    );
    return 0;
  },
};
