import { programmeAchievedJson, showProgrammeAchieved } from '../../core/conduct/programme-achieved.js';
import type { ProgrammeJson } from '../../core/programme/show-programme.js';
import { choice, type CommandImplementation } from '../framework.js';
import { markdownText, toCsv, toJson, toMarkdownTable, type Cell } from '../format.js';

type AuditRow = ProgrammeJson['audits'][number];

/** The register's columns, in order; documented in `--help` and the README. */
export const PROGRAMME_COLUMNS = [
  'cycle',
  'id',
  'status',
  'start',
  'end',
  'areas',
  'clauses',
  'controls',
  'criteria',
  'lead',
  'second',
  'needsExternalAuditor',
  'exception',
  'exceptionAuditor',
  'exceptionBy',
  'exceptionAt',
] as const;

function row(cycle: string, a: AuditRow): Cell[] {
  const auditor = (role: 'lead' | 'second') => a.auditors.find((x) => x.role === role)?.email ?? '';
  return [
    cycle,
    a.id,
    a.status,
    a.start,
    a.end,
    a.areas.join(' '),
    a.clauses.join(' '),
    a.controls.join(' '),
    a.criteria.join('; '),
    auditor('lead'),
    auditor('second'),
    a.needsExternalAuditor,
    a.exception?.justification ?? '',
    a.exception?.auditor ?? '',
    a.exception?.by ?? '',
    a.exception?.at ?? '',
  ];
}

export const exportProgrammeCommand: CommandImplementation = {
  database: 'read',
  options: {
    cycle: { type: 'string', description: 'the cycle (default: the latest)', placeholder: '<name>' },
    format: { type: 'string', description: 'json, csv or md', default: 'json', placeholder: '<json|csv|md>' },
  },
  details: [
    'JSON: the shape of `programme show --format json` (a stable contract): { cycle, start, months, maxPerMonth,',
    'incomplete, audits: [{ id, status, start, end, areas, clauses, controls, criteria, auditors: [{ email, role }],',
    'needsExternalAuditor, exception }], gaps }.',
    `CSV and Markdown, one row per audit: ${PROGRAMME_COLUMNS.join(', ')}.`,
    'start and end are ISO 8601 UTC instants; areas, clauses and controls are separated by spaces, criteria by "; ";',
    'exception* columns are set when a lead assigned an auditor who is not independent.',
    '',
    'Examples:',
    '  auditbot export programme --format csv > programme.csv',
    '  auditbot export programme --cycle 2027 --format md',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['json', 'csv', 'md'] as const, 'json');
    const { core } = app();
    const json = programmeAchievedJson(showProgrammeAchieved(core, typeof values.cycle === 'string' ? { cycle: values.cycle } : {}));
    if (format === 'json') {
      io.stdout(toJson(json));
      return 0;
    }
    const rows = json.audits.map((a) => row(json.cycle, a));
    if (format === 'csv') {
      io.stdout(toCsv([...PROGRAMME_COLUMNS], rows));
      return 0;
    }
    io.stdout(
      [
        `# Audit programme ${markdownText(json.cycle)}`,
        '',
        `Starts ${json.start}, ${json.months} months, ${json.audits.length} audits.${json.gaps.length > 0 ? ` Gaps (in no audit): ${markdownText(json.gaps.join(', '))}.` : ' Every clause and applicable Annex A control is in at least one audit.'}`,
        '',
        toMarkdownTable([...PROGRAMME_COLUMNS], rows),
      ].join('\n'),
    );
    return 0;
  },
};
