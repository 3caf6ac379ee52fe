// Corrective actions in the terminal: the same commands and forms as Slack and Teams, the form
// asked one field at a time, the core's field errors re-asked, and the owner refused as verifier.
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../../adapters/console/console-session.js';
import { recordNonconformity, setupActions } from '../core/corrective-actions/fixture.js';
import type { TestCore } from '../helpers/core.js';
import { SEED } from '../helpers/seed.js';

async function runConsole(t: TestCore, as: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const session = openConsoleSession({ core: t.core, email: as, input, output, registry: defaultRegistry });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await session.done;
  return text;
}

const action = (t: TestCore) => t.core.store.transaction((tx) => tx.actions.get('CA-2027-0001'));

describe('console: corrective actions', () => {
  it('the owner plans (a refused date asked again), marks implemented, and is refused as verifier; the auditor verifies', async () => {
    const t = setupActions();
    recordNonconformity(t, { dueDate: '2027-02-15' });
    const bo = await runConsole(t, SEED.iamOwner, [
      'actions',
      'action plan CA-2027-0001',
      'Disabled both accounts on 4 January.',
      'Leaver tickets never reached the identity team.',
      'Deprovision from the HR system daily.',
      '2027-12-31', // after the due date: the core refuses, the console asks again
      '2027-02-12',
      'action implemented CA-2027-0001 https://tickets.acme.example/IAM-7',
      'action verify CA-2027-0001',
      'exit',
    ]);
    expect(bo).toContain('Corrective actions you own (1):');
    expect(bo).toContain('== Plan corrective action ==');
    expect(bo).toMatch(/Target date: Friday 31 December 2027 is after the due date, Monday 15 February 2027/);
    expect(bo).toContain('Thank you. CA-2027-0001 is planned, to be done by Friday 12 February 2027.');
    expect(bo).toContain('Thank you. CA-2027-0001 is marked implemented; Ana Ruiz has been asked to verify that it worked.');
    expect(bo).toContain('You own CA-2027-0001, so you cannot verify it');
    expect(action(t)).toMatchObject({ status: 'implemented', due: '2027-02-15', target: '2027-02-12' });

    const ana = await runConsole(t, SEED.auditor, ['actions', 'action verify CA-2027-0001', '2', 'Two February leavers are still active.', '2027-03-01', 'exit']);
    expect(ana).toContain('Corrective actions waiting for your verification (1):');
    expect(ana).toContain('== Verify effectiveness ==');
    expect(ana).toContain('CA-2027-0001 is back with Bo Berg to plan again, due Monday 1 March 2027.');
    expect(action(t)).toMatchObject({ status: 'planned', due: '2027-03-01' });
  });
});
