// The HTML review pack in a real browser (issue 16, acceptance): headless Chromium from the
// machine (Debian's `chromium`, installed by .ci/run; nothing is downloaded here) loads the page
// with every host name unresolvable, checks in the page that each chart is an SVG with marks, that
// nothing is wider than the printable width of an A4 page and that nothing was fetched; then
// prints it to PDF and turns the first page into a PNG kept under test-results/review-pack/.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { printPdf, runChromium } from '../../src/cli/reports/print-pdf.js';
import { reviewPackHtml } from '../../src/cli/reports/review-pack-html.js';
import { buildManagementReview } from '../../src/core/review/build-management-review.js';
import { reviewHistory } from '../helpers/review-seed.js';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'Install them as .ci/run does: apt-get install -y chromium poppler-utils (Debian packages; the test never downloads a browser).';
const OUT = resolve('test-results/review-pack');
/** A4 is 210 mm wide; the page's margins are 15 mm: 180 mm printable, at 96 px per inch. */
const PRINTABLE_PX = Math.floor((180 / 25.4) * 96);

/** Runs in the page after load and writes what it measured into the DOM for --dump-dom. */
const PROBE = `<script>
addEventListener('load', () => {
  const charts = [...document.querySelectorAll('figure.chart')].map((f) => {
    const svg = f.querySelector('svg');
    return { id: f.id, svg: Boolean(svg), marks: svg ? svg.querySelectorAll('.role-mark > *').length : 0, width: svg ? svg.getBoundingClientRect().width : 0 };
  });
  let widest = 0;
  for (const el of document.body.querySelectorAll('*')) widest = Math.max(widest, el.getBoundingClientRect().right);
  const result = { charts, scrollWidth: document.documentElement.scrollWidth, widest, resources: performance.getEntriesByType('resource').map((r) => r.name), inputs: document.querySelectorAll('table.inputs tbody tr').length };
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>`;

interface Probe {
  charts: { id: string; svg: boolean; marks: number; width: number }[];
  scrollWidth: number;
  widest: number;
  resources: string[];
  inputs: number;
}

let page: string;

beforeAll(async () => {
  for (const [path, pkg] of [[CHROMIUM, 'chromium'], ['/usr/bin/pdftoppm', 'poppler-utils'], ['/usr/bin/pdfinfo', 'poppler-utils']] as const) {
    if (!existsSync(path)) throw new Error(`${path} is missing (Debian package ${pkg}). ${INSTALL}`);
  }
  mkdirSync(OUT, { recursive: true });
  page = join(OUT, 'review.html');
  writeFileSync(page, await reviewPackHtml(buildManagementReview(reviewHistory().core, { from: '2027-01-01', to: '2027-06-30' })));
});

describe('the HTML review pack in headless Chromium', () => {
  it('draws every chart as an SVG with marks, fits an A4 page width and fetches nothing', async () => {
    const probePage = join(OUT, 'review-probe.html');
    writeFileSync(probePage, readFileSync(page, 'utf8').replace('</body>', `${PROBE}</body>`));
    const dom = await runChromium(CHROMIUM, [`--window-size=${PRINTABLE_PX},1100`, '--virtual-time-budget=5000', '--dump-dom', pathToFileURL(probePage).href]);
    const json = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(json, 'the page ran its probe').toBeTruthy();
    const probe = JSON.parse((json ?? '{}').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Probe;
    expect(probe.charts.map((c) => c.id)).toEqual(['chart-nonconformities', 'chart-ageing', 'chart-evidence', 'chart-coverage']);
    for (const c of probe.charts) {
      expect(c.svg, c.id).toBe(true);
      expect(c.marks, `${c.id} has marks`).toBeGreaterThan(0);
      expect(c.width, `${c.id} fits`).toBeLessThanOrEqual(PRINTABLE_PX);
    }
    expect(probe.scrollWidth).toBeLessThanOrEqual(PRINTABLE_PX);
    expect(probe.widest).toBeLessThanOrEqual(PRINTABLE_PX);
    expect(probe.resources).toEqual([]);
    expect(probe.inputs).toBe(7);
  });

  it('prints to an A4 PDF whose first page becomes a PNG kept as a test artefact', async () => {
    const pdf = join(OUT, 'review.pdf');
    await printPdf(CHROMIUM, page, pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = (await run('/usr/bin/pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Page size:\s+59[4-6](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    await run('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(OUT, 'review-page-1')]);
    const png = readFileSync(join(OUT, 'review-page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 60 dpi A4: about 496 × 702 pixels (width and height are big-endian at bytes 16 and 20).
    expect(png.readUInt32BE(16)).toBeGreaterThan(480);
    expect(png.readUInt32BE(20)).toBeGreaterThan(680);
  });
});
