// Issue 15 point 4: `auditbot preview` lists who would get which message when (local and UTC),
// from a copy of the data: it changes nothing, and what it lists is exactly what the jobs and
// the dispatcher then send from the same starting data, message by message.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { openApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger } from '../../src/logger.js';
import type { PreviewLine } from '../../src/preview.js';
import { buildJobs } from '../../src/scheduler/jobs.js';
import { simulate } from '../../src/scheduler/simulate.js';
import { tempDir } from '../helpers/cli.js';
import { insertAudits, seedSnapshot, SEED } from '../helpers/seed.js';

const START = '2027-01-03T20:00:00.000Z';

function seededFile(): string {
  const file = join(tempDir(), 'auditbot.db');
  const db = openDatabase(file);
  createStore(db, fixedClock('2027-01-01T09:00:00Z')).transaction((tx) => tx.organisation.applySnapshot(seedSnapshot()));
  insertAudits(db, [{ id: 'IA-2027-05', cycle: '2027', status: 'planned', start: '2027-01-04', end: '2027-01-29', areas: [SEED.areas.iam], controls: ['A.5.15', 'A.5.18'], auditors: [{ email: SEED.auditor, role: 'lead' }] }]);
  db.$client.close();
  return file;
}

async function preview(file: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    ['preview', ...args],
    { stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`), env: { AUDITBOT_DB: file, LOG_LEVEL: 'silent' }, cwd: process.cwd(), stdin: new PassThrough(), output: new PassThrough() },
    (io, mode) => openApp(loadConfig(io.env), { mode, clock: fixedClock(START) }),
  );
  return { code, stdout, stderr };
}

const counts = (file: string) => {
  const db = openDatabase(file, 'read');
  const n = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const result = { outbox: n('outbox'), jobRuns: n('job_runs'), trail: n('trail_events'), planned: (db.$client.prepare(`select count(*) as n from audits where status = 'planned'`).get() as { n: number }).n };
  db.$client.close();
  return result;
};

describe('auditbot preview', () => {
  it('lists exactly what the real run then sends, message by message, and changes nothing', async () => {
    const file = seededFile();
    const before = counts(file);
    const shown = await preview(file, ['--days', '3', '--format', 'json']);
    expect(shown.code).toBe(0);
    const lines = JSON.parse(shown.stdout) as PreviewLine[];
    expect(counts(file)).toEqual(before);
    expect(lines.length).toBeGreaterThan(2);
    // The audit starts at 00:05 London on Monday; its messages go at 09:00 London, not at night.
    expect(lines.filter((l) => l.keys.some((k) => k.startsWith('audit:IA-2027-05:started:'))).map((l) => [l.recipient, l.local, l.at])).toEqual([[SEED.auditor, '2027-01-04 09:00', '2027-01-04T09:00:00.000Z']]);

    // The real run: the same jobs and the dispatcher on the database itself, from the same start.
    const clock = fixedClock(START);
    const app = openApp(loadConfig({ AUDITBOT_DB: file }), { mode: 'write', clock });
    try {
      const sent = await simulate({ core: app.core, clock, jobs: buildJobs(app.config), timezone: app.core.settings.timezone, until: new Date(Date.parse(START) + 3 * 86_400_000), logger: createLogger('silent') });
      expect(sent.map((d) => [d.at, d.recipient, d.keys, d.message.title ?? d.message.summary])).toEqual(lines.map((l) => [l.at, l.recipient, l.keys, l.title]));
    } finally {
      app.close();
    }
    expect(counts(file).planned).toBe(before.planned - 1);
  });

  it('shows one person’s messages with local and UTC times, and checks its options', async () => {
    const file = seededFile();
    const table = await preview(file, ['--person', SEED.auditor.toUpperCase()]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/2027-01-04 09:00 +Europe\/London +2027-01-04 09:00 +ana@acme\.example/);
    expect(table.stdout).not.toContain(SEED.iamOwner);
    expect(table.stdout).toMatch(/nothing was sent or changed\.$/m);
    const bad = await preview(file, ['--days', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days must be a whole number from 1 to 60');
  });

  it('lets the event loop turn while it simulates, so a running bot keeps answering others', async () => {
    const file = seededFile();
    const clock = fixedClock(START);
    const app = openApp(loadConfig({ AUDITBOT_DB: file }), { mode: 'write', clock });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const sent = await simulate({ core: app.core, clock, jobs: buildJobs(app.config), timezone: app.core.settings.timezone, until: new Date(Date.parse(START) + 30 * 86_400_000), logger: createLogger('silent') });
      expect(sent.length).toBeGreaterThan(2);
    } finally {
      clearInterval(ticker);
      app.close();
    }
    // Without a turn per simulated moment the timer could not fire until the simulation had ended.
    expect(turns).toBeGreaterThan(5);
  });
});
