// Issue 14.7 on Slack, end to end through the real Bolt receiver (signed requests) and the fake
// Slack Web API: Lena, the only audit lead, cannot record an independence exception alone; the
// refusal says exactly what to add to the organisation file. Once the CEO holds the
// top-management role, she records it with the same command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED, seedSnapshot } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

const CEO_SLACK = 'U0SEEDCEO1';
const TYPED = `assign ${SEED.audits.suppliersPlanned} ${SEED.auditor} Ana knows the supplier contracts best`;

async function reply(text: string, user: string): Promise<string> {
  h.fake.reset();
  await h.command('/audit', text, user);
  return String((await h.fake.waitForMethod('response_url')).body.text);
}

const leadAuditorOf = (auditId: string) => h.core.store.transaction((tx) => tx.programme.listAssignments({ auditId }).find((r) => r.role === 'lead')?.email);

describe('issue 14.7 on Slack: independence exceptions in a small company', () => {
  it('the only lead is refused with what to add to the organisation file; top management then records it', async () => {
    const before = leadAuditorOf(SEED.audits.suppliersPlanned);
    const refused = await reply(TYPED, SLACK_IDS.lead);
    expect(refused).toContain('lena@acme.example is the only audit lead, so an independence exception needs a second opinion from outside the audit programme: an external auditor or top management records it.');
    expect(refused).toContain(`Nobody in the organisation file can record it: add`);
    expect(refused).toContain('roles: [top-management]');
    expect(refused).toContain(`to a person outside ${SEED.audits.suppliersPlanned}, or an external auditor`);
    expect(leadAuditorOf(SEED.audits.suppliersPlanned)).toBe(before);

    const snapshot = seedSnapshot();
    snapshot.people.push({ email: 'cara@acme.example', name: 'Cara Okafor', team: 'isms', manager: null, timezone: null, roles: ['top-management'], slackId: CEO_SLACK, teamsId: null, chat: null, lastPlatform: null, active: true });
    h.core.store.transaction((tx) => tx.organisation.applySnapshot(snapshot));
    expect(await reply(TYPED, SLACK_IDS.lead)).toContain('Ask Cara Okafor (cara@acme.example) to record it.');

    const recorded = await reply(TYPED, CEO_SLACK);
    expect(recorded).toContain(`is now the lead auditor of ${SEED.audits.suppliersPlanned}`);
    expect(leadAuditorOf(SEED.audits.suppliersPlanned)).toBe(SEED.auditor);
    expect(h.core.store.transaction((tx) => tx.programme.getAudit(SEED.audits.suppliersPlanned))?.exception).toMatchObject({ by: 'cara@acme.example', auditor: SEED.auditor });
  });
});
