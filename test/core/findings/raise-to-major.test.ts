// Issue 14.3: the lead raises repeated minors against one requirement to one major finding that
// references them, with its own corrective action; the minors show as superseded.
import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../../adapters/console/render.js';
import { raiseToMajor } from '../../../src/core/findings/raise-to-major.js';
import { showFinding } from '../../../src/core/findings/show-finding.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { runChatText } from '../../helpers/chat.js';
import { SEED } from '../../helpers/seed.js';
import { as, getAction, recordNonconformity, setupActions } from '../corrective-actions/fixture.js';

describe('raising repeated minors to a major (issue 14.3)', () => {
  it('the possible-major flag says how, and the lead raises them: one major, minors superseded, actions linked', async () => {
    const t = setupActions();
    const actions = [recordNonconformity(t), recordNonconformity(t), recordNonconformity(t)];
    const flag = t.core.store.transaction((tx) => tx.outbox.list()).find((r) => r.recipient === SEED.lead && r.key.startsWith('finding:possible-major'));
    expect(renderMessageText(flag!.message)).toContain(`finding raise-major ${actions[2]!.findingId}`);
    try {
      raiseToMajor(t.core, as(SEED.auditor), { findingId: actions[0]!.findingId, reason: 'x' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isAuditbotError(e) && e.code).toBe('forbidden');
    }
    const lena = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.lead));
    if (!lena) throw new Error('seed');
    const reply = await runChatText({ core: t.core, actor: lena, channel: 'console', platform: 'console' }, `finding raise-major ${actions[0]!.findingId} Leavers are never deprovisioned`);
    expect(reply.kind === 'message' && reply.message.summary).toBe('Raised F-2027-0001, F-2027-0002, F-2027-0003 to the major nonconformity F-2027-0004, with corrective action CA-2027-0004. The minors show as superseded; the owner has been told.');
    const major = t.core.store.transaction((tx) => tx.findings.get('F-2027-0004'));
    expect(major).toMatchObject({ classification: 'major', requirement: 'A.5.15', status: 'open', actionId: 'CA-2027-0004' });
    expect(major?.statement).toContain('F-2027-0001, F-2027-0002, F-2027-0003');
    for (const a of actions) {
      expect(t.core.store.transaction((tx) => tx.findings.get(a.findingId))).toMatchObject({ status: 'superseded', supersededBy: 'F-2027-0004' });
      // Their actions stay open, linked through the minor to the major.
      expect(getAction(t, a.id).status).toBe('open');
    }
    expect(renderMessageText(showFinding(t.core, as(SEED.auditor), actions[0]!.findingId))).toContain('superseded by the major nonconformity F-2027-0004');
    expect(renderMessageText(showFinding(t.core, as(SEED.auditor), 'F-2027-0004'))).toContain('raised from the minors F-2027-0001, F-2027-0002, F-2027-0003');
    // Nothing is left to raise.
    expect(() => raiseToMajor(t.core, as(SEED.lead), { findingId: actions[0]!.findingId, reason: 'again' })).toThrow(/not an open minor/);
  });
});
