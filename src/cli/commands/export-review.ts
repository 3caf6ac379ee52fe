import { buildReviewPack } from '../../core/reporting/build-review-pack.js';
import { choice, requiredString, type CommandImplementation } from '../framework.js';
import { toJson } from '../format.js';
import { reviewPackMarkdown } from '../reports/review-pack.js';

export const exportReviewCommand: CommandImplementation = {
  database: 'read',
  options: {
    from: { type: 'string', description: 'first day of the period, in the organisation time zone', placeholder: '<YYYY-MM-DD>' },
    to: { type: 'string', description: 'last day of the period (inclusive)', placeholder: '<YYYY-MM-DD>' },
    format: { type: 'string', description: 'md or json', default: 'md', placeholder: '<md|json>' },
  },
  details: [
    'Audits done against planned, findings by classification and area, nonconformity and corrective-action',
    'status with a trend by calendar quarter, verification outcomes, what is overdue at the end of the period',
    '(or now), independence exceptions, evidence timeliness, opportunities for improvement, and what changed',
    'since the previous period of the same length. Figures at the end of a past period are rebuilt from the',
    'recorded dates. Lists show their first items and say how many more there are.',
    '',
    'Examples:',
    '  auditbot export review --from 2027-01-01 --to 2027-12-31 > review-2027.md',
    '  auditbot export review --from 2027-01-01 --to 2027-06-30 --format json',
  ].join('\n'),
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['md', 'json'] as const, 'md');
    const from = requiredString(values.from, 'from');
    const to = requiredString(values.to, 'to');
    const { core } = app();
    const pack = buildReviewPack(core, { from, to });
    io.stdout(format === 'json' ? toJson(pack) : reviewPackMarkdown(pack));
    return 0;
  },
};
