// "My work" is one query (src/core/my-work): the audits a person audits, the evidence they owe
// or must review, the corrective actions they own or must verify, and the findings they raised
// or own, each as the read policy lets them see it. `mine` renders it on every platform.
import { describe, expect, it } from 'vitest';
import { createEvidenceRequests } from '../../../src/core/evidence/create-evidence-requests.js';
import { submitEvidence } from '../../../src/core/evidence/submit-evidence.js';
import { listMyWork } from '../../../src/core/my-work/list-my-work.js';
import { mineMessage, myWorkBlocks } from '../../../src/core/my-work/my-work-messages.js';
import { renderMessageText } from '../../../adapters/console/render.js';
import { SEED } from '../../helpers/seed.js';
import { runChatText } from '../../helpers/chat.js';
import { as, recordNonconformity, setupActions } from '../corrective-actions/fixture.js';

function setup() {
  const t = setupActions();
  const action = recordNonconformity(t);
  const requests = t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (!audit) throw new Error('no IAM audit');
    return createEvidenceRequests(tx, t.core, audit).requests;
  });
  const bos = requests.filter((r) => r.owner === SEED.iamOwner);
  submitEvidence(t.core, as(SEED.iamOwner), { requestId: bos[0]?.id, links: 'https://wiki.acme.example/access-review-q4' });
  return { t, action, bos };
}

describe('my work', () => {
  it('gathers audits, evidence, corrective actions and findings for the person asking', () => {
    const { t, action, bos } = setup();
    const bo = listMyWork(t.core, as(SEED.iamOwner));
    expect(bo.person.email).toBe(SEED.iamOwner);
    expect(bo.audits).toEqual([]);
    expect(bo.evidence.mine.map((r) => r.id).sort()).toEqual(bos.map((r) => r.id).sort());
    expect(bo.actions.owned.map((c) => c.action.id)).toEqual([action.id]);
    expect(bo.findings.owned.map((f) => f.id)).toEqual([action.findingId]);
    expect(bo.findings.raised).toEqual([]);

    const ana = listMyWork(t.core, as(SEED.auditor));
    expect(ana.audits.map((a) => `${a.audit.id} ${a.role}`)).toEqual(expect.arrayContaining([`${SEED.audits.iam} lead`]));
    expect(ana.evidence.toReview.map((r) => r.id)).toEqual([bos[0]?.id]);
    expect(ana.findings.raised.map((f) => f.id)).toEqual([action.findingId]);
    expect(ana.actions.owned).toEqual([]);
  });

  it('shows nobody what the read policy hides from them', () => {
    const { t } = setup();
    const fay = listMyWork(t.core, as(SEED.suppliersOwner));
    expect(fay.evidence.mine).toEqual([]);
    expect(fay.evidence.toReview).toEqual([]);
    expect(fay.actions.owned).toEqual([]);
    expect(fay.actions.toVerify).toEqual([]);
    expect(fay.findings.raised).toEqual([]);
    expect(fay.findings.owned).toEqual([]);
  });

  it('is what `mine` answers with, and every section of it has its header in the full view', async () => {
    const { t, action } = setup();
    const work = listMyWork(t.core, as(SEED.iamOwner));
    const reply = await runChatText({ core: t.core, actor: work.person, channel: 'console', platform: 'console' }, 'mine');
    expect(reply).toMatchObject({ kind: 'message', message: mineMessage(work, t.core.settings.timezone) });
    const full = renderMessageText({ summary: 'My work', blocks: myWorkBlocks(work, t.core.settings.timezone) });
    for (const part of ['You are not on any audit', 'Your evidence requests', `Corrective actions you own (1):`, action.id, 'Findings you raised: none yet.', 'Findings on what you own:']) expect(full).toContain(part);
  });

  it('`mine` shows everything waiting on the person, not "You are not on any audit" to an owner with evidence due (issue 14.9)', async () => {
    const { t, action, bos } = setup();
    const bo = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.iamOwner));
    if (!bo) throw new Error('no Bo');
    const reply = await runChatText({ core: t.core, actor: bo, channel: 'console', platform: 'console' }, 'mine');
    if (reply.kind !== 'message') throw new Error('expected a message');
    const text = renderMessageText(reply.message);
    expect(reply.message.summary).not.toMatch(/not on any audit/);
    expect(reply.message.summary).toMatch(/evidence request/);
    expect(reply.message.summary).toMatch(/1 open corrective action/);
    for (const part of ['Evidence you are asked for', `Corrective actions you own (1):`, action.id]) expect(text).toContain(part);
    expect(bos.length).toBeGreaterThan(1);
    // The verifier sees what waits for their verification.
    const ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor));
    if (!ana) throw new Error('no Ana');
    const anaReply = await runChatText({ core: t.core, actor: ana, channel: 'console', platform: 'console' }, 'mine');
    expect(anaReply.kind === 'message' && anaReply.message.summary).toMatch(/You are on \d audits?/);
    expect(anaReply.kind === 'message' && renderMessageText(anaReply.message)).toContain('Evidence waiting for your review');
    // Someone with nothing waiting is told so plainly.
    const fay = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.suppliersOwner));
    if (!fay) throw new Error('no Fay');
    const fayReply = await runChatText({ core: t.core, actor: fay, channel: 'console', platform: 'console' }, 'mine');
    expect(fayReply.kind === 'message' && fayReply.message.summary).toMatch(/nothing else is waiting on you/);
  });
});
