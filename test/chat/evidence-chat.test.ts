// The evidence buttons, forms and commands through the shared chat registry: what Slack, Teams
// and the console all route to.
import { beforeEach, describe, expect, it } from 'vitest';
import { pressButton, runChatText, submitForm } from '../helpers/chat.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import type { Form, Message } from '../../src/core/message.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { ORG, requestId, seedEvidenceOrg, startAudit } from '../core/evidence/evidence-org.js';

let t: TestCore;

const ctx = (email: string): ChatContext => {
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core: t.core, actor, channel: 'console', platform: 'console' };
};

const press = async (email: string, actionId: string, value: string): Promise<Reply> => {
  const reply = await pressButton(ctx(email), actionId, value);
  if (!reply) throw new Error(`no action ${actionId}`);
  return reply;
};

/** The form shown, with the id of its stored instance (what a submission names). */
const formOf = (reply: Reply): Form & { instance: string } => {
  if (reply.kind !== 'form') throw new Error(`expected a form, got ${JSON.stringify(reply)}`);
  return { ...reply.form, instance: reply.instance };
};

const messageOf = (reply: Reply): Message => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(reply)}`);
  return reply.message;
};

beforeEach(() => {
  t = makeTestCore('2027-10-18T12:00:00.000Z', { timezone: 'Europe/London' });
  seedEvidenceOrg(t);
  startAudit(t);
});

describe('evidence buttons and forms', () => {
  it('Submit opens the form; bad links come back as field errors on links; a good one is stored', async () => {
    const id = String(requestId(t, 'A.5.15'));
    const form = formOf(await press(ORG.tokyo, 'evidence.submit', id));
    expect(form).toMatchObject({ id: 'evidence.submit', context: { requestId: id } });
    expect(form.fields.map((f) => [f.id, f.type, f.required])).toEqual([
      ['links', 'textarea', true],
      ['note', 'textarea', false],
    ]);
    for (const bad of ['javascript:alert(1)', 'ftp://x', `https://x.example/${'a'.repeat(4981)}`]) {
      const result = await submitForm(ctx(ORG.tokyo), form.instance, { links: bad, note: '' }, `k-${bad.length}`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(Object.keys(result.errors)).toEqual(['links']);
    }
    const ok = await submitForm(ctx(ORG.tokyo), form.instance, { links: 'https://wiki.acme.example/access', note: 'Latest review' }, 'k-ok');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(messageOf(ok.reply).summary).toContain('1 link saved');
  });

  it('Submit pressed by someone else answers with who is asked instead of a form', async () => {
    const reply = messageOf(await press(ORG.london, 'evidence.submit', String(requestId(t, 'A.5.15'))));
    expect(reply.summary).toContain(`is asked of ${ORG.tokyo}`);
  });

  it('Snooze offers 1 to 3 working days with the dates; the third snooze is refused', async () => {
    const id = String(requestId(t, 'A.5.15'));
    const form = formOf(await press(ORG.tokyo, 'evidence.snooze', id));
    const days = form.fields[0];
    expect(days?.type === 'select' ? days.options.map((o) => o.label) : []).toEqual([
      '1 working day (due Tuesday 2 November 2027)',
      '2 working days (due Wednesday 3 November 2027)',
      '3 working days (due Thursday 4 November 2027)',
    ]);
    const second = formOf(await press(ORG.tokyo, 'evidence.snooze', id));
    expect((await submitForm(ctx(ORG.tokyo), form.instance, { days: '1' }, 's1')).ok).toBe(true);
    expect((await submitForm(ctx(ORG.tokyo), second.instance, { days: '1' }, 's2')).ok).toBe(true);
    // A retry of the second submission is answered, not counted as a third snooze.
    expect((await submitForm(ctx(ORG.tokyo), second.instance, { days: '1' }, 's2')).ok).toBe(true);
    expect(messageOf(await press(ORG.tokyo, 'evidence.snooze', id)).summary).toContain('snoozed 2 times already');
  });

  it('Not mine asks for the reason; the lead then reassigns through the Reassign form', async () => {
    const id = String(requestId(t, 'A.8.32'));
    const notMine = formOf(await press(ORG.london2, 'evidence.not_mine', id));
    expect(notMine.fields.map((f) => f.id)).toEqual(['reason']);
    const missing = await submitForm(ctx(ORG.london2), notMine.instance, { reason: '' }, 'n0');
    expect(missing.ok ? {} : missing.errors).toHaveProperty('reason');
    expect((await submitForm(ctx(ORG.london2), notMine.instance, { reason: 'Liam runs change management.' }, 'n1')).ok).toBe(true);
    const reassign = formOf(await press(ORG.lead, 'evidence.reassign', id));
    expect(reassign.intro).toContain('Liam runs change management.');
    const done = await submitForm(ctx(ORG.lead), reassign.instance, { owner: ORG.london, due: '' }, 'r1');
    expect(done.ok && messageOf(done.reply).summary).toContain(`now with ${ORG.london}`);
  });

  it('the auditor accepts with one button, or asks for more with a comment and a date', async () => {
    const a = requestId(t, 'A.5.15');
    const b = requestId(t, 'A.8.13');
    await runChatText(ctx(ORG.tokyo), `submit ${a} https://wiki.acme.example/a`);
    await runChatText(ctx(ORG.tokyo), `submit ${b} https://wiki.acme.example/b`);
    expect(messageOf(await press(ORG.auditor, 'evidence.accept', String(a))).summary).toContain('Accepted');
    const more = formOf(await press(ORG.auditor, 'evidence.more', String(b)));
    expect(more.fields.map((f) => f.id)).toEqual(['comment', 'due']);
    const bad = await submitForm(ctx(ORG.auditor), more.instance, { comment: 'Sign-off?', due: '2027-10-01' }, 'm0');
    expect(bad.ok ? {} : bad.errors).toHaveProperty('due');
    expect((await submitForm(ctx(ORG.auditor), more.instance, { comment: 'Sign-off?', due: '2027-10-25' }, 'm1')).ok).toBe(true);
  });
});

describe('evidence commands', () => {
  it('evidence lists my requests with their buttons', async () => {
    const reply = messageOf(await runChatText(ctx(ORG.tokyo), 'evidence'));
    expect(reply.summary).toBe('Your evidence: 2 evidence requests open.');
    expect(JSON.stringify(reply)).toContain('evidence.submit');
  });

  it('submit takes links then a note, and refuses bad links with the reason', async () => {
    const id = requestId(t, 'A.5.15');
    const bad = messageOf(await runChatText(ctx(ORG.tokyo), `submit ${id} javascript:alert(1)`));
    expect(bad.summary).toContain('"javascript:" links cannot be accepted');
    const ok = messageOf(await runChatText(ctx(ORG.tokyo), `submit #${id} https://wiki.acme.example/a https://wiki.acme.example/b reviewed in September`));
    expect(ok.summary).toContain('2 links saved');
    const stored = t.core.store.transaction((tx) => tx.evidence.get(id));
    expect(stored).toMatchObject({ links: ['https://wiki.acme.example/a', 'https://wiki.acme.example/b'], note: 'reviewed in September' });
  });

  it('snooze, not-mine and evidence review work as typed', async () => {
    const id = requestId(t, 'A.8.15');
    expect(messageOf(await runChatText(ctx(ORG.newYork), `snooze ${id} 2`)).summary).toContain('now due Wednesday 3 November 2027');
    expect(messageOf(await runChatText(ctx(ORG.newYork), `snooze ${id} 9`)).summary).toContain('at most 3 working days');
    const other = requestId(t, 'A.8.32');
    expect(messageOf(await runChatText(ctx(ORG.london2), `not-mine ${other} Liam owns change management`)).summary).toContain('I have told');
    await runChatText(ctx(ORG.newYork), `submit ${id} https://logs.acme.example/retention`);
    expect(messageOf(await runChatText(ctx(ORG.lead), `evidence review ${id} more 2027-10-29 Show a sample of the logs too`)).summary).toContain(`Sent back to ${ORG.newYork}`);
    const stored = t.core.store.transaction((tx) => tx.evidence.get(id));
    expect(stored).toMatchObject({ status: 'more_requested', due: '2027-10-29', comment: 'Show a sample of the logs too' });
  });
});
