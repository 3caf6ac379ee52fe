import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../adapters/console/render.js';
import { runChatText } from '../helpers/chat.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { showProgramme } from '../../src/core/programme/show-programme.js';
import { transitionAudit } from '../../src/core/programme/transition-audit.js';
import { makeTestCore } from '../helpers/core.js';
import { acmeOrg, P, seed } from '../helpers/programme-org.js';

const as = (core: Core, email: string): ChatContext => {
  const actor = core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core, actor, channel: 'console', platform: 'console' };
};

const text = (reply: Reply): string => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return renderMessageText(reply.message);
};

describe('chat: audit status', () => {
  it('says there is no programme yet and how a lead plans one', async () => {
    const { core } = makeTestCore('2026-12-01T09:00:00Z');
    seed(core, acmeOrg({ withExternal: true }));
    expect(text(await runChatText(as(core, P.ana), 'audit status'))).toMatch(/no audit programme yet.*audit plan <cycle> <start date>/);
  });

  it('shows progress, the audits under way and the next planned ones, to anyone', async () => {
    const { core, clock } = makeTestCore('2026-12-01T09:00:00Z');
    seed(core, acmeOrg({ withExternal: true }));
    await runChatText(as(core, P.lead), 'audit plan 2027 2027-01-01 12 2');
    clock.set('2027-01-04T09:00:00Z');
    const first = showProgramme(core, { cycle: '2027' }).audits[0];
    if (!first) throw new Error('no audit planned');
    transitionAudit(core, { auditId: first.id, to: 'in_progress' }, { email: P.lead, channel: 'console' });
    const status = text(await runChatText(as(core, P.ana), 'audit status'));
    expect(status).toContain('Audit programme 2027: status');
    expect(status).toMatch(/Programme 2027: 0 of 6 audits done .* 1 in progress, 5 planned/);
    expect(status).toMatch(/Audited so far: 0 of \d+ clauses/);
    expect(status).toContain(`Under way`);
    expect(status).toContain(`${first.id} (`);
    expect(status).toContain('Next planned');
  });
});
