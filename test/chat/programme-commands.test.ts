import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../adapters/console/render.js';
import { runChatText } from '../helpers/chat.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import type { Message } from '../../src/core/message.js';
import { showProgramme } from '../../src/core/programme/show-programme.js';
import { makeTestCore } from '../helpers/core.js';
import { acmeOrg, P, seed } from '../helpers/programme-org.js';

function setup() {
  const { core } = makeTestCore('2026-12-01T09:00:00Z');
  seed(core, acmeOrg({ withExternal: true, secondLead: true }));
  return core;
}

const as = (core: Core, email: string): ChatContext => {
  const actor = core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core, actor, channel: 'console', platform: 'console' };
};

const text = (reply: Reply): string => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return renderMessageText(reply.message);
};
const message = (reply: Reply): Message => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};

describe('chat: programme, audit <id>, mine and the lead commands', () => {
  it('a lead plans from chat; anyone sees the programme, one audit and their own audits', async () => {
    const core = setup();
    const planned = message(await runChatText(as(core, P.lead), 'audit plan 2027 2027-01-01 12 2'));
    expect(planned.summary).toContain('Programme 2027 planned from 2027-01-01 over 12 months: 6 audits (6 new');
    const programme = text(await runChatText(as(core, P.ana), 'programme'));
    expect(programme).toContain('Audit programme 2027');
    expect(programme).toContain('Month by month');
    expect(programme).toContain('every clause and applicable control is in an audit');

    const iam = showProgramme(core, {}).audits.find((a) => a.areas[0] === 'iam');
    const one = message(await runChatText(as(core, P.bo), `audit ${iam?.id.toLowerCase()}`));
    expect(one.title).toBe(`Internal audit ${iam?.id}`);
    expect(renderMessageText(one)).toContain('Scope (8): A.5.15, A.5.16, A.5.17, A.5.18, A.8.2, A.8.3, A.8.4, A.8.5');
    expect(renderMessageText(one)).toContain('(lead auditor)');

    const mine = await runChatText(as(core, P.hana), 'mine');
    expect(mine).toMatchObject({ kind: 'message', visibility: 'private' });
    const hanas = showProgramme(core, {}).audits.filter((a) => a.auditors.some((x) => x.email === P.hana)).map((a) => a.id);
    expect(message(mine).summary).toBe(`You are on ${hanas.length} audits: ${hanas.join(', ')}.`);
    expect(message(await runChatText(as(core, P.hana), 'audit mine')).summary).toBe(message(mine).summary);
    expect(message(await runChatText(as(core, P.bo), 'mine')).summary).toContain('You are not on any audit');
  });

  it('a lead assigns with a justification, starts and explains an audit; others are refused', async () => {
    const core = setup();
    await runChatText(as(core, P.lead), 'audit plan 2027 2027-01-01');
    const ops = showProgramme(core, {}).audits.find((a) => a.areas[0] === 'ops');
    const refused = message(await runChatText(as(core, P.ana), `audit assign ${ops?.id} ${P.carl} He knows it`));
    expect(refused.summary).toContain('Only an audit lead can assign an auditor');
    const assigned = message(await runChatText(as(core, P.lead), `audit assign ${ops?.id} ${P.carl} "Only Carl knows the legacy platform"`));
    expect(assigned.summary).toContain(`carl@acme.example is now the lead auditor of ${ops?.id}`);
    expect(assigned.summary).toContain('as an independence exception: member of team platform, which owns area ops');
    const shown = text(await runChatText(as(core, P.ana), `audit ${ops?.id}`));
    expect(shown).toContain('Independence exception: carl@acme.example is not independent of this audit. Justification by lead@acme.example: Only Carl knows the legacy platform');

    const explained = text(await runChatText(as(core, P.lead), `audit explain ${ops?.id}`));
    expect(explained).toContain('Excluded, with the rule');
    expect(explained).toContain('NOT independent: member of team platform, which owns area ops (team rule)');

    const started = message(await runChatText(as(core, P.lead), `audit start ${ops?.id} early`));
    expect(started.summary).toBe(`${ops?.id} is now in progress (was planned).`);
    const again = message(await runChatText(as(core, P.lead), `audit start ${ops?.id} early`));
    expect(again.summary).toContain('it can only move to reporting next');
    expect(message(await runChatText(as(core, P.ana), `audit start ${ops?.id} early`)).summary).toContain('Only an audit lead can start an audit');
  });

  it('answers usage and unknown ids plainly', async () => {
    const core = setup();
    expect(message(await runChatText(as(core, P.lead), 'audit plan 2027')).summary).toContain('Usage: audit plan <cycle> <start YYYY-MM-DD> [months] [max per month]');
    expect(message(await runChatText(as(core, P.lead), 'audit plan 2027 2027-01-01 twelve')).summary).toContain('Months must be a whole number; got "twelve"');
    expect(message(await runChatText(as(core, P.ana), 'programme')).summary).toContain('No audit programme has been planned yet');
    expect(message(await runChatText(as(core, P.ana), 'audit IA-2027-99')).summary).toContain('There is no audit IA-2027-99');
    expect(message(await runChatText(as(core, P.ana), 'audit')).summary).toContain('Type "audit <id>"');
    expect(message(await runChatText(as(core, P.lead), 'audit assign IA-2027-01 carl@acme.example')).summary).toContain('Usage: audit assign <audit id> <email> <justification>');
  });
});
