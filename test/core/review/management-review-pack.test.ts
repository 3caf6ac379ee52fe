// The management review pack (issue 16 points 3, 5, 6): every input of 9.3.2 (a)–(g) with its
// state, provider and time; the meeting it is for; the chart figures; and the HTML page, with
// everything a person typed escaped and nothing loaded from outside.
import { describe, expect, it } from 'vitest';
import { reviewPackHtml } from '../../../src/cli/reports/review-pack-html.js';
import { recordVerdict } from '../../../src/core/conduct/record-verdict.js';
import { buildManagementReview, INPUT_KEYS } from '../../../src/core/review/build-management-review.js';
import { reviewHistory } from '../../helpers/review-seed.js';
import { SEED } from '../../helpers/seed.js';

describe('the management review pack', () => {
  it('marks every input of 9.3.2 (a)–(g) complete, partial or missing, with provider and time', () => {
    const p = buildManagementReview(reviewHistory().core, { from: '2027-01-01', to: '2027-06-30' });
    expect(Object.keys(p.inputs)).toEqual([...INPUT_KEYS]);
    expect(Object.fromEntries(INPUT_KEYS.map((k) => [k, p.inputs[k].status]))).toEqual({ a: 'missing', b: 'missing', c: 'missing', d: 'partial', e: 'missing', f: 'missing', g: 'partial' });
    expect(p.inputs.d).toMatchObject({ provider: 'Auditbot', providedAt: '2027-07-05T10:00:00.000Z', missing: ['monitoring and measurement results', 'fulfilment of information security objectives'] });
    expect(p.inputs.d.items.map((i) => i.label)).toEqual(['Nonconformities and corrective actions', 'Audit results', 'Evidence timeliness']);
    expect(p.inputs.d.items[0]?.text).toBe('1 major nonconformity and 2 minor nonconformities raised; 3 open at the end of the period; 2 corrective actions opened, 0 closed, 2 overdue.');
    expect(p.inputs.b).toMatchObject({ provider: null, providedAt: null, items: [] });
    expect(p.inputs.g.items[0]?.text).toBe('1 opportunity for improvement: F-2027-0003.');
    expect(p.meeting).toEqual({ id: 'MR-2027-01', date: '2027-07-20', chair: SEED.iamOwner, status: 'scheduled' });
  });

  it('holds the figures its charts draw: per month, ageing, on-time rate and coverage by clause and theme', () => {
    const t = reviewHistory();
    const p = buildManagementReview(t.core, { from: '2027-01-01', to: '2027-12-31' });
    // Months run to today (July), never into the future.
    expect(p.charts.nonconformitiesPerMonth.filter((m) => m.classification === 'major').map((m) => [m.month, m.count])).toEqual([
      ['2027-01', 1], ['2027-02', 0], ['2027-03', 0], ['2027-04', 0], ['2027-05', 0], ['2027-06', 0], ['2027-07', 0],
    ]);
    expect(p.charts.nonconformitiesPerMonth.filter((m) => m.classification === 'minor').map((m) => m.count)).toEqual([0, 1, 0, 0, 0, 1, 0]);
    expect(p.charts.actionAgeing).toEqual({ asOf: '2027-07-05', bands: [{ band: '0–30 days', count: 0 }, { band: '31–60 days', count: 1 }, { band: '61–90 days', count: 0 }, { band: 'over 90 days', count: 1 }] });
    expect(p.charts.evidenceOnTime.slice(0, 3)).toEqual([{ month: '2027-01', due: 1, onTimeRate: 100 }, { month: '2027-02', due: 1, onTimeRate: 0 }, { month: '2027-03', due: 0, onTimeRate: null }]);
    // Coverage achieved (issue 13): planned is what the audits have in scope, covered what they assessed.
    expect(p.charts.coverage.basis).toBe('achieved');
    expect(p.charts.coverage.rows.map((r) => r.group)).toEqual(expect.arrayContaining(['Clause 9', 'Clause 10', 'A.5 Organizational controls', 'A.8 Technological controls']));
    for (const r of p.charts.coverage.rows) expect(r.covered).toBeLessThanOrEqual(r.planned);
    // A verdict on a requirement in scope moves it from planned to covered, and nothing else.
    const { audit, lead } = t.core.store.transaction((tx) => {
      const a = tx.programme.listAudits({ statuses: ['in_progress'] }).find((x) => x.controls.length > 0);
      const withFindings = new Set(a ? tx.findings.list({ auditId: a.id }).map((f) => f.requirement) : []);
      return { audit: a && { ...a, controls: a.controls.filter((c) => !withFindings.has(c)) }, lead: a ? tx.programme.listAssignments({ auditId: a.id }).find((r) => r.role === 'lead')?.email : undefined };
    });
    if (!audit || !lead || audit.controls.length === 0) throw new Error('the review history has no audit in progress with a lead auditor and a control without findings');
    const requirement = audit.controls[0] ?? '';
    const group = p.charts.coverage.rows.find((r) => r.kind === 'theme' && r.group.startsWith(requirement.split('.').slice(0, 2).join('.')));
    recordVerdict(t.core, { email: lead, channel: 'console' }, { auditId: audit.id, requirement, verdict: 'conforming' });
    const after = buildManagementReview(t.core, { from: '2027-01-01', to: '2027-12-31' }).charts.coverage.rows.find((r) => r.group === group?.group);
    expect(after).toEqual({ ...group, covered: (group?.covered ?? 0) + 1 });
  });

  it('renders one self-contained HTML page: four SVG charts, every input, everything typed escaped', async () => {
    const html = await reviewPackHtml(buildManagementReview(reviewHistory().core, { from: '2027-01-01', to: '2027-06-30' }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<figure id="chart-[a-z]+" class="chart"><svg/g)).toHaveLength(4);
    for (const k of INPUT_KEYS) expect(html).toContain(`<tr id="input-${k}"><td>(${k})</td>`);
    expect(html).toContain('<td class="status partial">Partial</td>');
    expect(html).toContain('Meeting MR-2027-01 on 20 July 2027, chaired by bo@acme.example.');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    // Nothing to fetch: no links to stylesheets, scripts or images, no url(...) in styles.
    expect(html).not.toMatch(/<link|<[a-z][^>]*\s(?:src|href)=|url\(/i);
    expect(html).not.toMatch(/in_progress|more_requested|nonconformitys/);
  });
});
