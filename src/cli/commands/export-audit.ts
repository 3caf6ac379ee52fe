import { buildAuditReport } from '../../core/reporting/build-audit-report.js';
import { choice, UsageError, type CommandImplementation } from '../framework.js';
import { toJson } from '../format.js';
import { auditReportMarkdown } from '../reports/audit-report.js';

export const exportAuditCommand: CommandImplementation = {
  database: 'read',
  args: ['<audit id>'],
  options: { format: { type: 'string', description: 'md or json', default: 'md', placeholder: '<md|json>' } },
  details: [
    'The auditors\' independence is what was recorded when they were assigned (or the exception a lead wrote).',
    'An audit that is not closed yet gets a report marked provisional.',
    '',
    'Examples:',
    '  auditbot export audit IA-2027-03 > IA-2027-03.md',
    '  auditbot export audit IA-2027-03 --format json',
  ].join('\n'),
  run({ positionals, values, io, app }) {
    if (positionals.length !== 1) throw new UsageError('Usage: auditbot export audit <audit id> [--format md|json]   (e.g. auditbot export audit IA-2027-03)');
    const format = choice(values.format, 'format', ['md', 'json'] as const, 'md');
    const { core } = app();
    const report = buildAuditReport(core, { auditId: positionals[0] as string });
    io.stdout(format === 'json' ? toJson(report) : auditReportMarkdown(report));
    return 0;
  },
};
