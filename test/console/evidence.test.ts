// The evidence surface in the terminal: `evidence`, the buttons as `do <n>`, the Submit form
// asked question by question with bad links refused, and the typed commands.
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../../adapters/console/console-session.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { ORG, requestId, seedEvidenceOrg, startAudit } from '../core/evidence/evidence-org.js';

/** What the session prints, and a way to wait for text to appear (no sleeps). */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let mark = 0;
  const waiters: { re: RegExp; resolve: (s: string) => void }[] = [];
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) {
      if (w.re.test(text.slice(mark))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(text.slice(mark));
      }
    }
  });
  return {
    input,
    output,
    type(line: string) {
      mark = text.length;
      input.write(`${line}\n`);
    },
    until(re: RegExp): Promise<string> {
      if (re.test(text.slice(mark))) return Promise.resolve(text.slice(mark));
      return new Promise((resolve) => waiters.push({ re, resolve }));
    },
  };
}

let t: TestCore;
let session: ConsoleSession | null = null;

beforeEach(() => {
  t = makeTestCore('2027-10-18T12:00:00.000Z', { timezone: 'Europe/London' });
  seedEvidenceOrg(t);
  startAudit(t);
});
afterEach(async () => {
  session?.close();
  await session?.done;
  session = null;
});

describe('evidence in the console', () => {
  it('lists my requests, submits through the form with bad links refused, and takes typed commands', async () => {
    const term = terminal();
    session = openConsoleSession({ core: t.core, email: ORG.tokyo, input: term.input, output: term.output, registry: defaultRegistry });
    const prompt = /auditbot \(taro@acme\.example\)> $/;
    await term.until(prompt);
    const a515 = requestId(t, 'A.5.15');

    term.type('evidence');
    const listed = await term.until(prompt);
    expect(listed).toContain(`#${a515} A.5.15 Access control`);
    expect(listed).toContain('do 1: [Submit evidence]');

    term.type('do 1');
    expect(await term.until(/Links to the evidence: $/)).toContain('== Submit evidence ==');
    term.type('javascript:alert(1)');
    await term.until(/Note for the auditors.*: $/);
    term.type('');
    // The core refuses the link; the console asks for that field again, saying why.
    expect(await term.until(/Links to the evidence: $/)).toContain('"javascript:" links cannot be accepted');
    term.type('https://wiki.acme.example/access-review');
    expect(await term.until(prompt)).toContain('1 link saved');
    expect(t.core.store.transaction((tx) => tx.evidence.get(a515))).toMatchObject({ status: 'submitted', links: ['https://wiki.acme.example/access-review'] });

    const a813 = requestId(t, 'A.8.13');
    term.type(`snooze ${a813} 2`);
    expect(await term.until(prompt)).toContain('now due Wednesday 3 November 2027');
    term.type(`submit ${a813} ftp://x`);
    expect(await term.until(prompt)).toContain('"ftp:" links cannot be accepted');
  });
});
