// The console `finding` flow: the form asked one field at a time, the core's validation
// answered per field, only the fields in error asked again.
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../../adapters/console/console-session.js';
import { listFindings } from '../../src/core/findings/list-findings.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';

async function runConsole(as: string, lines: string[]) {
  const t = makeTestCore('2027-01-04T10:00:00Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const session = openConsoleSession({ core: t.core, email: as, input, output, registry: defaultRegistry });
  // Lines typed ahead are queued and taken one per question, so the whole dialogue goes in at once.
  input.end(lines.map((l) => `${l}\n`).join(''));
  await session.done;
  return { ...t, text };
}

describe('console: finding', () => {
  it('asks each field in turn, re-asks only the fields the core refused, and records the finding', async () => {
    const { core, text } = await runConsole(SEED.auditor, [
      'finding Comms room door propped open at 14:05',
      '', // audit: the only one in progress is preselected
      '2', // minor nonconformity
      'A.5.19', // outside the IAM audit's scope
      'n', // not confirmed
      '', // statement: keep the text typed after `finding`
      'Seen on the walk-round; photo attached to ticket SEC-7.',
      '', // owner: the control's owner
      '2026-12-01', // in the past
      // Asked again: requirement, confirmation, due date.
      'A.8.5',
      'n',
      '2027-02-01',
      'exit',
    ]);
    expect(text).toContain('== Record a finding ==');
    expect(text).toContain('Requirement: A.5.19 is outside the scope of audit IA-2027-01');
    expect(text).toContain('Proposed due date: 2026-12-01 is in the past. Choose today (2027-01-04) or a later date.');
    expect(text).toContain('Finding F-2027-0001 recorded');
    expect(listFindings(core)).toEqual([
      expect.objectContaining({
        id: 'F-2027-0001',
        classification: 'minor',
        requirement: 'A.8.5',
        statement: 'Comms room door propped open at 14:05',
        evidence: 'Seen on the walk-round; photo attached to ticket SEC-7.',
        owner: SEED.authOwner,
      }),
    ]);
    const [event] = core.store.transaction((tx) => tx.trail.list({ subject: 'finding:F-2027-0001' }));
    expect(event?.channel).toBe('console');
  });

  it('says so when the person has no audit in progress', async () => {
    const { core, text } = await runConsole(SEED.iamOwner, ['finding', 'exit']);
    expect(text).toContain('You have no audit in progress');
    expect(text).not.toContain('== Record a finding ==');
    expect(listFindings(core)).toEqual([]);
  });
});
