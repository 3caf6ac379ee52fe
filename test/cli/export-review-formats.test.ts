// `export review --format json|html|pdf` (issue 16 points 5 and 6): the JSON pack's inputs and
// meeting, the HTML page on stdout or in a file, and PDF refused with words that say what to do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore } from '../helpers/core.js';
import { cli, tempDir } from '../helpers/cli.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';

let dir: string;
let file: string;
beforeAll(() => {
  dir = tempDir('auditbot-review-formats-');
  file = join(dir, 'auditbot.db');
  // The CLI reads the machine's clock: a period in the past of any clock this runs on.
  const t = makeTestCore('2020-01-04T10:00:00.000Z', { timezone: 'Europe/London', file });
  seedSmallOrg(t);
  scheduleReview(t.core, { email: SEED.lead, channel: 'console' }, { date: '2020-02-01', chair: SEED.iamOwner });
  t.db.$client.close();
});

const run = (args: string[], env: Record<string, string> = {}) => cli(['export', 'review', '--from', '2019-07-01', '--to', '2019-12-31', ...args], { AUDITBOT_DB: file, ...env });

describe('export review formats', () => {
  it('gives the JSON pack every input (a)–(g) with status, provider, providedAt and items, and the meeting', async () => {
    const r = await run(['--format', 'json']);
    expect(r.code).toBe(0);
    const pack = JSON.parse(r.stdout) as { inputs: Record<string, { status: string; provider: string | null; providedAt: string | null; items: unknown[] }>; meeting: unknown };
    expect(Object.keys(pack.inputs)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const i of Object.values(pack.inputs)) expect(Object.keys(i)).toEqual(expect.arrayContaining(['status', 'provider', 'providedAt', 'items']));
    expect(pack.inputs.d?.status).toBe('partial');
    expect(pack.meeting).toEqual({ id: 'MR-2020-01', date: '2020-02-01', chair: SEED.iamOwner, status: 'scheduled' });
  });

  it('writes the HTML page to stdout or to --output', async () => {
    const r = await run(['--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout.match(/<figure id="chart-/g)).toHaveLength(4);
    const out = join(dir, 'review.html');
    expect((await run(['--format', 'html', '--output', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses PDF without --output, and names the Debian package when Chromium is missing', async () => {
    const noFile = await run(['--format', 'pdf']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--format pdf needs --output <file>');
    const out = join(dir, 'review.pdf');
    const missing = await run(['--format', 'pdf', '--output', out], { AUDITBOT_CHROMIUM: join(dir, 'no-chromium') });
    expect(missing.code).toBe(69);
    expect(missing.stderr).toContain('Install Debian\'s "chromium" package (apt-get install -y chromium)');
    expect(existsSync(out)).toBe(false);
  });
});
