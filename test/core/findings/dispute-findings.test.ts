// Issue 14.2: the owner acknowledges or disputes a finding; a dispute goes to the audit's lead
// auditor, who upholds it with a reason, amends it or withdraws it. Open disputes show in the
// decider's "mine" and in the digest.
import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../../adapters/console/render.js';
import { amendFinding } from '../../../src/core/findings/amend-finding.js';
import { acknowledgeFinding, disputeFinding, upholdFinding } from '../../../src/core/findings/respond-to-finding.js';
import { listMyWork } from '../../../src/core/my-work/list-my-work.js';
import { mineMessage } from '../../../src/core/my-work/my-work-messages.js';
import { buildDigest } from '../../../src/core/reporting/build-digest.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import { runChatText } from '../../helpers/chat.js';
import type { TestCore } from '../../helpers/core.js';
import { SEED } from '../../helpers/seed.js';
import { as, recordNonconformity, setupActions } from '../corrective-actions/fixture.js';

const errorOf = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};
const trail = (t: TestCore, id: string) => t.core.store.transaction((tx) => tx.trail.list({ subject: `finding:${id}` }));
const outbox = (t: TestCore) => t.core.store.transaction((tx) => tx.outbox.list());
const finding = (t: TestCore, id: string) => t.core.store.transaction((tx) => tx.findings.get(id));

describe('acknowledging and disputing a finding (issue 14.2)', () => {
  it('the owner acknowledges; only the owner may', () => {
    const t = setupActions();
    const { findingId } = recordNonconformity(t);
    expect(errorOf(() => acknowledgeFinding(t.core, as(SEED.auditor), { findingId })).code).toBe('forbidden');
    acknowledgeFinding(t.core, as(SEED.iamOwner), { findingId });
    expect(finding(t, findingId)?.response).toBe('acknowledged');
    expect(trail(t, findingId).at(-1)?.action).toBe('finding.acknowledged');
  });

  it('a dispute goes to the audit\'s lead auditor, shows in their "mine" and the digest, and is upheld with a reason', () => {
    const t = setupActions();
    const { findingId } = recordNonconformity(t);
    expect(errorOf(() => disputeFinding(t.core, as(SEED.iamOwner), { findingId, reason: '' })).code).toBe('validation_failed');
    const result = disputeFinding(t.core, as(SEED.iamOwner), { findingId, reason: 'The two accounts are service accounts, not leavers.' });
    expect(result.deciders).toEqual(['Ana Ruiz']);
    expect(finding(t, findingId)).toMatchObject({ response: 'disputed', responseReason: 'The two accounts are service accounts, not leavers.' });
    const ask = outbox(t).at(-1);
    expect(ask?.recipient).toBe(SEED.auditor);
    expect(ask?.message.summary).toMatch(/disputes finding F-2027-0001. Please decide/);
    // A second dispute while one is open is refused.
    expect(errorOf(() => disputeFinding(t.core, as(SEED.iamOwner), { findingId, reason: 'Again.' })).code).toBe('conflict');
    // Ana sees it in "mine"; the digest lists it.
    const work = listMyWork(t.core, as(SEED.auditor));
    expect(work.disputes.map((f) => f.id)).toEqual([findingId]);
    expect(renderMessageText(mineMessage(work, 'Europe/London'))).toContain('Disputed findings waiting for your decision');
    const { digest, message } = buildDigest(t.core);
    expect(digest.disputes).toEqual({ total: 1, items: [{ findingId, auditId: SEED.audits.iam, owner: SEED.iamOwner, reason: 'The two accounts are service accounts, not leavers.' }] });
    expect(message.summary).toContain('1 disputed finding to decide');
    // The owner cannot decide; Ana upholds it with a reason and the owner is told.
    expect(errorOf(() => upholdFinding(t.core, as(SEED.iamOwner), { findingId, reason: 'Fine.' })).code).toBe('forbidden');
    upholdFinding(t.core, as(SEED.auditor), { findingId, reason: 'Both accounts belong to people who left in November.' });
    expect(finding(t, findingId)).toMatchObject({ response: 'upheld', decisionReason: 'Both accounts belong to people who left in November.' });
    expect(outbox(t).at(-1)?.recipient).toBe(SEED.iamOwner);
    expect(outbox(t).at(-1)?.message.summary).toMatch(/upheld finding F-2027-0001/);
    expect(buildDigest(t.core).digest.disputes.total).toBe(0);
    expect(trail(t, findingId).map((e) => e.action)).toEqual(['finding.recorded', 'finding.disputed', 'finding.dispute_upheld']);
  });

  it('amending a disputed finding answers the dispute; so does withdrawing it', async () => {
    const t = setupActions();
    const { findingId } = recordNonconformity(t);
    disputeFinding(t.core, as(SEED.iamOwner), { findingId, reason: 'It is an observation at most.' });
    amendFinding(t.core, as(SEED.auditor), { findingId, classification: 'ofi', reason: 'Agreed after the dispute.' });
    expect(finding(t, findingId)).toMatchObject({ response: 'amended', classification: 'ofi' });
    expect(listMyWork(t.core, as(SEED.auditor)).disputes).toEqual([]);
    // Through chat: the owner disputes again, the lead withdraws.
    const bo = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.iamOwner));
    const ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor));
    if (!bo || !ana) throw new Error('seed');
    const disputed = await runChatText({ core: t.core, actor: bo, channel: 'console', platform: 'console' }, `finding dispute ${findingId} Nothing to improve here`);
    expect(disputed.kind === 'message' && disputed.message.summary).toMatch(/is disputed. Ana Ruiz will decide/);
    const withdrawn = await runChatText({ core: t.core, actor: ana, channel: 'console', platform: 'console' }, `finding withdraw ${findingId} Agreed with the owner`);
    expect(withdrawn.kind === 'message' && withdrawn.message.summary).toMatch(/is withdrawn/);
    expect(buildDigest(t.core).digest.disputes.total).toBe(0);
  });
});
