import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { systemClock } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { cli, tempDir } from '../helpers/cli.js';
import { ORG } from './org-fixture.js';

function seededDb(): string {
  const file = join(tempDir(), 'auditbot.db');
  const db = openDatabase(file);
  // Queued now, so the real-time dispatcher of the command finds them due.
  const store = createStore(db, systemClock);
  store.transaction((tx) => {
    tx.organisation.applySnapshot(ORG);
    tx.outbox.enqueue({
      key: 'test:bo:1',
      platform: 'console',
      recipient: 'bo@acme.example',
      message: { summary: 'Evidence requested', title: 'Evidence for A.5.15', blocks: [{ type: 'text', text: 'Please share the last access review.' }, { type: 'buttons', buttons: [{ id: 'evidence.submit', label: 'Submit evidence', value: '1' }] }] },
    });
    tx.outbox.enqueue({ key: 'test:ana:1', platform: 'console', recipient: 'ana@acme.example', message: { summary: 'For Ana', blocks: [{ type: 'text', text: 'A note for Ana.' }] } });
  });
  db.$client.close();
  return file;
}

describe('auditbot console --as', () => {
  it('opens a session as the person, prints their notifications between prompts, and ends on exit', async () => {
    const file = seededDb();
    const stdin = new PassThrough();
    const output = new PassThrough();
    let text = '';
    const seen = new Promise<void>((resolve) =>
      output.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        if (text.includes('Please share the last access review.') && text.includes('A note for Ana.')) resolve();
      }),
    );
    const done = runCli(['console', '--as', 'bo@acme.example'], {
      stdout: (t) => output.write(t),
      stderr: (t) => output.write(t),
      env: { AUDITBOT_DB: file, LOG_LEVEL: 'silent' },
      cwd: process.cwd(),
      stdin,
      output,
    });
    await seen;
    expect(text).toContain('auditbot (bo@acme.example)> ');
    // Bo's own notification, with its button as a console command.
    expect(text).toMatch(/Evidence for A\.5\.15\nPlease share the last access review\.\n {2}do 1: \[Submit evidence\]/);
    // Someone else's is shown too, headed by its recipient.
    expect(text).toContain('[to ana@acme.example]');
    stdin.write('whoami\n');
    stdin.write('exit\n');
    expect(await done).toBe(0);
    expect(text).toContain('Bo Lindqvist');
    expect(text).toContain('A.5.15 Access control');

    const db = openDatabase(file);
    expect(db.$client.prepare('select key, status from outbox order by id').all()).toEqual([
      { key: 'test:bo:1', status: 'delivered' },
      { key: 'test:ana:1', status: 'delivered' },
    ]);
    db.$client.close();
  });

  it('refuses an e-mail that is not an active person and says where people come from', async () => {
    const file = seededDb();
    const result = await cli(['console', '--as', 'nobody@acme.example'], { AUDITBOT_DB: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nobody@acme.example is not a person in the organisation');
    expect(result.stderr).toContain('Audit leads: ana@acme.example');
    const empty = await cli(['console', '--as', 'ana@acme.example'], { AUDITBOT_DB: join(tempDir(), 'empty.db') });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('auditbot import <org.yaml>');
  });

  it('needs --as', async () => {
    const result = await cli(['console'], { AUDITBOT_DB: join(tempDir(), 'x.db') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as is required');
  });
});
