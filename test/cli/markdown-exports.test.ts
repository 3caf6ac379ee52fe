// Every Markdown export escapes what people typed the same way: a statement, a note, a
// justification or a verification reason that holds HTML, a link, an image or emphasis comes
// out as text in the rendered document, never as markup.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audits } from '../../db/schema.js';
import { markdownText } from '../../src/cli/format.js';
import { auditReportMarkdown } from '../../src/cli/reports/audit-report.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { addAction, addEvidence, addFinding, addVerification } from '../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';

const HOSTILE = 'Door open <script>alert(1)</script> see [the photo](javascript:alert(1)) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> **urgent** `code` # heading | cell \\ end';

let file: string;

beforeAll(() => {
  file = join(tempDir('auditbot-markdown-'), 'auditbot.db');
  const t = makeTestCore('2027-03-08T10:00:00.000Z', { timezone: 'Europe/London', file });
  seedSmallOrg(t);
  const { db } = t;
  addFinding(db, { id: 'F-2027-0001', classification: 'major', raisedAt: '2027-01-20T11:00:00.000Z', statement: HOSTILE, evidence: HOSTILE });
  addFinding(db, { id: 'F-2027-0002', classification: 'ofi', raisedAt: '2027-02-01T10:00:00.000Z', statement: HOSTILE, evidence: 'Seen' });
  addAction(db, { id: 'CA-2027-0001', findingId: 'F-2027-0001', status: 'planned', due: '2027-02-19', openedAt: '2027-01-20T11:00:00.000Z', correction: HOSTILE, rootCause: HOSTILE, plan: HOSTILE, links: [] });
  addVerification(db, { actionId: 'CA-2027-0001', at: '2027-02-20T10:00:00.000Z', effective: false, reason: HOSTILE });
  addEvidence(db, { requirement: 'A.5.15', due: '2027-02-01', status: 'submitted', requestedAt: '2027-01-11T09:00:00.000Z', submittedAt: '2027-01-30T09:00:00.000Z', links: ['https://wiki.acme.example/a'], note: HOSTILE });
  db.update(audits).set({ exception: { justification: HOSTILE, by: SEED.lead, at: '2027-01-02T10:00:00.000Z', auditor: SEED.otherAuditor } }).where(eq(audits.id, SEED.audits.isms)).run();
  t.db.$client.close();
});

/** `<` and `[` that are not escaped, other than the `<br>` a table cell uses for a line break. */
const RAW_MARKUP = /(^|[^\\])(<(?!br>)|\[)/m;

describe('Markdown exports', () => {
  it.each([
    ['export findings', ['export', 'findings', '--format', 'md']],
    ['export actions', ['export', 'actions', '--format', 'md']],
    ['export evidence', ['export', 'evidence', '--format', 'md']],
    ['export programme', ['export', 'programme', '--format', 'md']],
    ['programme show', ['programme', 'show', '--format', 'md']],
    ['export review', ['export', 'review', '--from', '2027-01-01', '--to', '2027-03-31']],
    ['export audit', ['export', 'audit', SEED.audits.iam]],
  ])('%s escapes HTML, links, images and emphasis in what people typed', async (_name, argv) => {
    const res = await cli(argv, { AUDITBOT_DB: file });
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    const md = res.stdout;
    // The typed text is there, escaped exactly as the audit report escapes it…
    expect(md).toContain(markdownText(HOSTILE));
    // …and nothing of it is markup: no tag, no link or image, no emphasis.
    expect(md).not.toMatch(RAW_MARKUP);
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(^|[^\\])\]\(javascript:/);
    expect(md).not.toMatch(/(^|[^\\])\*\*urgent/);
  });

  it('is one escaping for all: the audit report’s', () => {
    expect(markdownText(HOSTILE)).toBe(
      'Door open \\<script\\>alert(1)\\</script\\> see \\[the photo\\](javascript:alert(1)) !\\[x\\](https://evil.example/x.png) \\<img src=x onerror=alert(1)\\> \\*\\*urgent\\*\\* \\`code\\` \\# heading \\| cell \\\\ end',
    );
    expect(auditReportMarkdown).toBeTypeOf('function');
  });
});
