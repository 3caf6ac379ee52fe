// Issue 15 point 4 in chat, on the console: `audit preview` through `auditbot console`, the
// process as src/app.ts builds it (its delivery preview copies the database). A lead gets who
// would get which message when; anyone else the refusal; the database is the same afterwards.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { openApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { tempDir } from '../helpers/cli.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { insertAudits, SEED, seedSnapshot } from '../helpers/seed.js';

// Sunday 3 January 2027, 20:00 London; IA-2027-05 starts on Tuesday.
const START = '2027-01-03T20:00:00.000Z';

function seededFile(): string {
  const file = join(tempDir(), 'auditbot.db');
  const db = openDatabase(file);
  createStore(db, fixedClock('2027-01-01T09:00:00Z')).transaction((tx) => tx.organisation.applySnapshot(seedSnapshot()));
  insertAudits(db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start: '2027-01-05', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
  db.$client.close();
  return file;
}

const snapshot = (file: string) => {
  const db = openDatabase(file, 'read');
  try {
    return dbSnapshot(db);
  } finally {
    db.$client.close();
  }
};

/** Types `line` in a console session as `email` and returns what was printed once `done` shows. */
async function typed(file: string, email: string, line: string, done: RegExp): Promise<string> {
  const stdin = new PassThrough();
  const output = new PassThrough();
  let text = '';
  const seen = new Promise<void>((resolve) =>
    output.on('data', (c: Buffer) => {
      text += c.toString('utf8');
      if (done.test(text)) resolve();
    }),
  );
  const finished = runCli(
    ['console', '--as', email],
    { stdout: (t) => output.write(t), stderr: (t) => output.write(t), env: { AUDITBOT_DB: file, LOG_LEVEL: 'silent' }, cwd: process.cwd(), stdin, output },
    (io, mode) => openApp(loadConfig(io.env), { mode, clock: fixedClock(START) }),
  );
  stdin.write(`${line}\n`);
  await seen;
  stdin.write('exit\n');
  expect(await finished).toBe(0);
  return text;
}

describe('audit preview on the console', () => {
  it('lists for a lead who would get which message when, and changes nothing', async () => {
    const file = seededFile();
    const before = snapshot(file);
    const text = await typed(file, SEED.lead, 'audit preview 3', /Nothing was sent or changed\.[\s\S]*UTC\)/);
    expect(text).toMatch(/Preview: \d+ messages in the next 3 days\. Nothing was sent or changed\./);
    expect(text).toContain('2027-01-05 09:00 Europe/London (09:00 UTC): ana@acme.example on console, "');
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses anyone but a lead, and out-of-range days, in words that say what to do', async () => {
    const file = seededFile();
    const before = snapshot(file);
    expect(await typed(file, SEED.auditor, 'audit preview', /Only an audit lead/)).toContain('Only an audit lead can preview what will be sent; ana@acme.example does not hold the lead role');
    expect(await typed(file, SEED.lead, 'audit preview 90', /days: /)).toContain('days: a whole number from 1 to 60');
    expect(await typed(file, SEED.lead, 'audit preview 3 ana', /person: /)).toContain('person: an e-mail address such as ana@acme.example');
    expect(snapshot(file)).toEqual(before);
  });
});
