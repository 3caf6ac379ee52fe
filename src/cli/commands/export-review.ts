import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildReviewPack } from '../../core/reporting/build-review-pack.js';
import { buildManagementReview } from '../../core/review/build-management-review.js';
import { choice, requiredString, UsageError, type CommandImplementation } from '../framework.js';
import { toJson } from '../format.js';
import { reviewPackMarkdown } from '../reports/review-pack.js';

export const exportReviewCommand: CommandImplementation = {
  database: 'read',
  options: {
    from: { type: 'string', description: 'first day of the period, in the organisation time zone', placeholder: '<YYYY-MM-DD>' },
    to: { type: 'string', description: 'last day of the period (inclusive)', placeholder: '<YYYY-MM-DD>' },
    format: { type: 'string', description: 'md, json, html (print-ready, with charts) or pdf', default: 'md', placeholder: '<md|json|html|pdf>' },
    output: { type: 'string', description: 'file to write (required for pdf)', placeholder: '<file>' },
  },
  details: [
    'Every input of ISO/IEC 27001:2022 clause 9.3.2 (a)-(g), each complete, partial or missing with who',
    'provided it and when; audits done against planned, findings by classification and area, nonconformity',
    'and corrective-action status with a trend by calendar quarter, verification outcomes, what is overdue at',
    'the end of the period (or now), independence exceptions, evidence timeliness, opportunities for',
    'improvement, and what changed since the previous period of the same length. Figures count only what',
    'happened in the period and before the moment the pack is generated.',
    '',
    'html is one self-contained A4 page with charts (nonconformities per month, corrective-action ageing,',
    'evidence on-time rate, coverage by clause and theme); pdf prints it with headless Chromium',
    "(Debian's chromium package, or AUDITBOT_CHROMIUM).",
    '',
    'Examples:',
    '  auditbot export review --from 2027-01-01 --to 2027-12-31 > review-2027.md',
    '  auditbot export review --from 2027-01-01 --to 2027-06-30 --format json',
    '  auditbot export review --from 2027-01-01 --to 2027-06-30 --format html --output review.html',
    '  auditbot export review --from 2027-01-01 --to 2027-06-30 --format pdf --output review.pdf',
  ].join('\n'),
  async run({ values, io, app }) {
    const format = choice(values.format, 'format', ['md', 'json', 'html', 'pdf'] as const, 'md');
    const from = requiredString(values.from, 'from');
    const to = requiredString(values.to, 'to');
    const output = typeof values.output === 'string' && values.output.trim() !== '' ? resolve(io.cwd, values.output) : null;
    if (format === 'pdf' && !output) throw new UsageError('--format pdf needs --output <file>, for example --output review.pdf');
    const chromium = io.env.AUDITBOT_CHROMIUM ?? '/usr/bin/chromium';
    if (format === 'pdf') {
      const { chromiumAt, CHROMIUM_MISSING } = await import('../reports/print-pdf.js');
      if (!(await chromiumAt(chromium))) {
        io.stderr(`${CHROMIUM_MISSING(chromium)}\n`);
        // EX_UNAVAILABLE: a program the command needs is not installed.
        return 69;
      }
    }
    const { core } = app();
    const write = async (text: string): Promise<void> => {
      if (output) await writeFile(output, text, 'utf8');
      else io.stdout(text);
    };
    if (format === 'md') {
      await write(reviewPackMarkdown(buildReviewPack(core, { from, to })));
      return 0;
    }
    const pack = buildManagementReview(core, { from, to });
    if (format === 'json') {
      await write(toJson(pack));
      return 0;
    }
    const { reviewPackHtml } = await import('../reports/review-pack-html.js');
    const html = await reviewPackHtml(pack);
    if (format === 'html') {
      await write(html);
      return 0;
    }
    const { printPdf } = await import('../reports/print-pdf.js');
    const dir = await mkdtemp(join(tmpdir(), 'auditbot-review-'));
    try {
      const page = join(dir, 'review.html');
      await writeFile(page, html, 'utf8');
      await printPdf(chromium, page, output as string);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    io.stderr(`Wrote ${output}\n`);
    return 0;
  },
};
