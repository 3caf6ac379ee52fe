import { ACTION_LOG_KEYS, listActionLog, type ActionLogEntry } from '../../core/corrective-actions/list-actions.js';
import { ACTION_STATUSES } from '../../core/corrective-actions/types.js';
import { choice, type CommandImplementation } from '../framework.js';
import { markdownText, toCsv, toJson, toMarkdownTable, type Cell } from '../format.js';

/**
 * One cell per key. Links cannot contain spaces, so they are joined by spaces (line breaks in
 * Markdown); verifications and extensions are lists of records, kept exact as JSON in CSV and
 * written out as lines in Markdown.
 */
function cell(e: ActionLogEntry, k: (typeof ACTION_LOG_KEYS)[number], format: 'csv' | 'md'): Cell {
  switch (k) {
    case 'implementationLinks':
      return e.implementationLinks.join(format === 'csv' ? ' ' : '\n');
    case 'verifications':
      return format === 'csv'
        ? JSON.stringify(e.verifications)
        : e.verifications.map((v) => `${v.at} ${v.by}: ${v.effective ? 'effective' : 'not effective'}: ${v.reason}`).join('\n');
    case 'extensions':
      return format === 'csv' ? JSON.stringify(e.extensions) : e.extensions.map((x) => `${x.at} ${x.by}: ${x.from} → ${x.to}: ${x.reason}`).join('\n');
    default:
      return e[k];
  }
}

export const exportActionsCommand: CommandImplementation = {
  database: 'read',
  options: {
    format: { type: 'string', description: 'json, csv or md', default: 'json', placeholder: '<json|csv|md>' },
    status: { type: 'string', description: `only actions in this status (${ACTION_STATUSES.join(', ')})`, placeholder: '<status>' },
    owner: { type: 'string', description: 'only the actions of this owner', placeholder: '<e-mail>' },
  },
  details: [
    'JSON keys (a stable contract): id (CA-2027-0031), findingId, owner (e-mail), status (open | planned |',
    'implemented | closed | withdrawn: closed is verified effective, withdrawn went with its finding),',
    'due (YYYY-MM-DD), correction, rootCause, plan, verifications ([{ by, at, effective, reason }], oldest',
    'first); added beside them: classification, requirement (9.2 for a clause, A.5.15 for an',
    'Annex A control), area, auditId, raisedBy, implementationLinks, openedAt, plannedAt, implementedAt, closedAt',
    'and extensions ([{ by, at, from, to, reason }]). Times are ISO 8601 UTC.',
    'CSV and Markdown have the same columns. In CSV, links are separated by spaces and verifications and',
    'extensions are JSON; in Markdown each is one line.',
    '',
    'Examples:',
    '  auditbot export actions --format csv > corrective-actions.csv',
    '  auditbot export actions --status implemented --format md',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['json', 'csv', 'md'] as const, 'json');
    const status = values.status === undefined ? undefined : choice(values.status, 'status', ACTION_STATUSES, 'open');
    const owner = typeof values.owner === 'string' && values.owner.trim() !== '' ? values.owner.trim().toLowerCase() : undefined;
    const { core } = app();
    const entries = listActionLog(core, { ...(owner ? { owner } : {}), ...(status ? { status } : {}) });
    if (format === 'json') {
      io.stdout(toJson(entries));
      return 0;
    }
    const headers = [...ACTION_LOG_KEYS];
    if (format === 'csv') {
      io.stdout(toCsv(headers, entries.map((e) => ACTION_LOG_KEYS.map((k) => cell(e, k, 'csv')))));
      return 0;
    }
    const scope = [owner ? `owner ${owner}` : '', status ? `status ${status}` : ''].filter(Boolean).map(markdownText).join(', ');
    io.stdout(
      entries.length === 0
        ? `No corrective actions${scope ? ` (${scope})` : ''} yet.`
        : `# Corrective-action log${scope ? ` (${scope})` : ''}\n\n${entries.length} action${entries.length === 1 ? '' : 's'}.\n\n${toMarkdownTable(headers, entries.map((e) => ACTION_LOG_KEYS.map((k) => cell(e, k, 'md'))))}`,
    );
    return 0;
  },
};
