// `review pack` at the console (issue 16 point 5): the lead is told the state of every input and
// where the pack was written; the file is the self-contained page with its charts. Someone who
// may not read the pack gets no file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../../adapters/console/console-session.js';
import { reportFiles } from '../../src/app.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { tempDir } from '../helpers/cli.js';
import { reviewHistory } from '../helpers/review-seed.js';
import { SEED } from '../helpers/seed.js';

async function typed(as: string, line: string, filesDir: string): Promise<string> {
  const t = reviewHistory();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const session = openConsoleSession({ core: t.core, email: as, input, output, registry: defaultRegistry, reports: reportFiles, filesDir });
  input.end(`${line}\n`);
  await session.done;
  return text;
}

describe('console: review pack', () => {
  it('writes the pack with its charts to a file only its reader can open, and says where', async () => {
    const dir = tempDir();
    const text = await typed(SEED.lead, 'review pack', dir);
    const path = join(dir, 'management-review-MR-2027-01.html');
    expect(text).toContain(`Management review pack MR-2027-01: meeting on 20 July 2027, chaired by ${SEED.iamOwner}; 0 of 7 inputs complete, 2 partial, 5 missing.`);
    expect(text).toContain(`The pack is written to ${path}`);
    const html = readFileSync(path, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<figure id="chart-[a-z]+" class="chart"><svg/g)).toHaveLength(4);
    expect(html).toContain('Meeting MR-2027-01 on 20 July 2027');
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('refuses someone who is neither a lead nor the chair, and writes nothing', async () => {
    const dir = tempDir();
    const text = await typed(SEED.auditor, 'review pack MR-2027-01', dir);
    expect(text).toContain('Only an audit lead or the chair of a management review can get its pack.');
    expect(readdirSync(dir)).toEqual([]);
  });
});
