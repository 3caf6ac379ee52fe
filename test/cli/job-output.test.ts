// Issue 15 point 6: a job run from the CLI says how many messages it queued and who delivers
// them; --deliver sends them before exiting (those whose recipients are at work); log lines do
// not mix with the output unless LOG_LEVEL asks for them.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { openApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { cli, emptyDatabase, tempDir } from '../helpers/cli.js';
import { insertAudits, seedSnapshot, SEED } from '../helpers/seed.js';

/** A database with the seed organisation and one planned audit (starting on Monday 4 January 2027 unless told). */
function seededFile(start = '2027-01-04'): string {
  const file = join(tempDir(), 'auditbot.db');
  const db = openDatabase(file);
  const clock = fixedClock('2027-01-01T09:00:00Z');
  createStore(db, clock).transaction((tx) => tx.organisation.applySnapshot(seedSnapshot()));
  insertAudits(db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start, end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
  db.$client.close();
  return file;
}

async function runAt(at: string, argv: string[], file: string) {
  let stdout = '';
  let stderr = '';
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString()));
  const env = { AUDITBOT_DB: file, LOG_LEVEL: 'silent' };
  const code = await runCli(
    argv,
    { stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`), env, cwd: process.cwd(), stdin: new PassThrough(), output },
    (io, mode) => openApp(loadConfig(io.env), { mode, clock: fixedClock(at) }),
  );
  return { code, stdout, stderr, printed };
}

describe('auditbot job run: what happened to the messages', () => {
  it('says how many messages were queued and that the running bot (or --deliver) delivers them', async () => {
    const file = seededFile();
    const run = await runAt('2027-01-04T10:00:00Z', ['job', 'run', 'audit-starts'], file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^messages: \d+ queued \(delivered by the running bot, or now with --deliver\)$/m);
    const n = Number(/messages: (\d+) queued/.exec(run.stdout)?.[1]);
    expect(n).toBeGreaterThan(1);
    const again = await runAt('2027-01-04T10:05:00Z', ['job', 'run', 'audit-starts'], file);
    expect(again.stdout).toMatch(/^messages: 0 queued$/m);
  });

  it('--deliver sends what its recipients may receive now and leaves the rest for their working hours', async () => {
    const file = seededFile();
    // 10:00 in London on a Monday: everyone in the seed organisation is at work.
    const run = await runAt('2027-01-04T10:00:00Z', ['job', 'run', 'audit-starts', '--deliver'], file);
    expect(run.code).toBe(0);
    const n = Number(/messages: (\d+) queued: (\d+) delivered now$/m.exec(run.stdout)?.[1]);
    expect(run.stdout).toMatch(new RegExp(`^messages: ${n} queued: ${n} delivered now$`, 'm'));
    expect(run.printed).toContain('IA-2027-05');
    // Started at 23:30 on a Sunday: nobody is at work; every message waits for Monday 09:00.
    const late = seededFile('2027-01-03');
    const night = await runAt('2027-01-03T23:30:00Z', ['job', 'run', 'audit-starts', '--deliver'], late);
    expect(night.stdout).toMatch(/^messages: \d+ queued: 0 delivered now, \d+ held for the recipients' working hours \(the first at 2027-01-04T09:00:00\.000Z; the running bot delivers them\)$/m);
    expect(night.printed).toBe('');
  });

  it('prints no log lines unless LOG_LEVEL asks for them, and then only on stderr', async () => {
    const file = emptyDatabase();
    const quiet = await cli(['job', 'run', 'nudges'], { AUDITBOT_DB: file, LOG_LEVEL: undefined });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).not.toMatch(/"level"/);
    const loud = await cli(['job', 'run', 'nudges'], { AUDITBOT_DB: file, LOG_LEVEL: 'info' });
    expect(loud.stderr).toMatch(/"level":30/);
    expect(loud.stdout).not.toMatch(/"level"/);
    expect(loud.stdout).toMatch(/^messages: 0 queued$/m);
  });
});
