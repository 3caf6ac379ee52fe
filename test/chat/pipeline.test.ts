// The one inbound path (src/chat/pipeline.ts): a command, a form submission and a button press
// go through `handle` with a registry passed in (here a test capability beside none of the
// real ones); a refusal is the core's answer, a fault is logged once and answered with a
// reference; input over its bounds is answered before the person is even looked up.
import { beforeEach, describe, expect, it } from 'vitest';
import { CAPABILITIES, defaultRegistry } from '../../src/chat/default-registry.js';
import { FAULT_TEXT } from '../../src/chat/faults.js';
import { handle, STALE_BUTTON, type ChatDeps } from '../../src/chat/pipeline.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { Capability, ChatRequest, Identity, Inbound, Reply } from '../../src/chat/types.js';
import { AuditbotError, validationError } from '../../src/core/errors.js';
import type { Form, Message } from '../../src/core/message.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';

const FORM: Form = {
  id: 'test.note',
  title: 'A note',
  submitLabel: 'Save',
  fields: [{ id: 'note', type: 'textarea', label: 'Note', required: true, maxLength: 200 }],
  context: { about: 'IA-2027-01' },
};

const said = (text: string) => ({ kind: 'message' as const, visibility: 'private' as const, message: { summary: text, blocks: [{ type: 'text' as const, text }] } });
const saved: { note: unknown; about: string | undefined; key: string }[] = [];

/** A capability of the test's own: what a real one registers, and nothing of the real ones. */
const testCapability: Capability = {
  name: 'pipeline-test',
  commands: [
    { words: ['echo'], usage: 'echo <text>', summary: 'say it back', run: (ctx, args, raw) => said(`${ctx.actor.name} said ${JSON.stringify(raw)} (${args.length} words)`) },
    { words: ['note'], usage: 'note', summary: 'open the note form', run: () => ({ kind: 'form', form: FORM }) },
    {
      words: ['refuse'],
      usage: 'refuse',
      summary: 'the core says no',
      run: () => {
        throw new AuditbotError('forbidden', 'Only an audit lead can do that; ask lena@acme.example.');
      },
    },
    {
      words: ['break'],
      usage: 'break',
      summary: 'a bug',
      run: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'secret internals')");
      },
    },
  ],
  forms: [
    {
      formId: FORM.id,
      maxLengths: { note: 200 },
      submit(_ctx, values, context, key) {
        if (values.note === 'wrong') throw validationError({ note: 'A note cannot say "wrong".' });
        saved.push({ note: values.note, about: context.about, key });
        return { ok: true, reply: said('Saved.') };
      },
    },
  ],
  buttons: [{ buttonId: 'test.press', run: (_ctx, value) => said(`Pressed with ${value}`) }],
};

let t: TestCore;
let ana: PersonRecord;
let logged: Record<string, unknown>[];
let deps: ChatDeps;

beforeEach(() => {
  t = makeTestCore();
  seedSmallOrg(t);
  ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor)) as PersonRecord;
  logged = [];
  saved.length = 0;
  deps = { core: t.core, registry: createRegistry([testCapability]), log: { error: (fields) => logged.push(fields) } };
});

const request = (inbound: Inbound, identity: Identity = { kind: 'person', person: ana }): ChatRequest => ({ inbound, platform: 'slack', identify: () => identity, conversationId: 'C0AUDIT' });
const send = (inbound: Inbound, identity?: Identity): Promise<Reply> => handle(deps, request(inbound, identity));
const messageOf = (reply: Reply): Message => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};

describe('handle(inbound) → reply', () => {
  it('runs a typed command of the registry it is given, with its words and its raw tail', async () => {
    expect(await send({ kind: 'command', text: '  echo  "two words"   and  more ' })).toEqual(said('Ana Ruiz said "\\"two words\\"   and  more" (3 words)'));
    // The default registry's commands are not in this one.
    expect(messageOf(await send({ kind: 'command', text: 'whoami' })).summary).toBe(`I don't know "whoami". Auditbot commands`);
  });

  it('answers help and unknown text with the registry\'s own command list', async () => {
    const help = await send({ kind: 'command', text: 'help' });
    expect(help).toMatchObject({ kind: 'message', help: true });
    expect(JSON.stringify(help)).toContain('echo <text>: say it back');
    expect(JSON.stringify(help)).not.toContain('whoami');
  });

  it('shows a form as a stored instance, and takes its submission against what it offered', async () => {
    const shown = await send({ kind: 'command', text: 'note' });
    if (shown.kind !== 'form') throw new Error('expected the note form');
    expect(shown.form).toEqual(FORM);
    expect(shown.instance).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const refused = await send({ kind: 'form', instance: shown.instance, values: { note: 'wrong' }, key: 'V1:h1' });
    expect(refused).toEqual({ kind: 'invalid', errors: { note: 'A note cannot say "wrong".' }, form: FORM, instance: shown.instance });
    const forged = await send({ kind: 'form', instance: shown.instance, values: { note: 'ok', about: 'IA-2099-01' }, key: 'V1:h2' });
    expect(forged.kind).toBe('invalid');

    expect(await send({ kind: 'form', instance: shown.instance, values: { note: 'Seen on site.' }, key: 'V1:h3' })).toEqual(said('Saved.'));
    // The context is the stored form's, the key names the instance and the platform's submission.
    expect(saved).toEqual([{ note: 'Seen on site.', about: 'IA-2027-01', key: `form:${shown.instance}:V1:h3` }]);
  });

  it('presses a button of the registry; a button it does not have is from an older message', async () => {
    expect(await send({ kind: 'button', id: 'test.press', value: '42' })).toEqual(said('Pressed with 42'));
    expect(await send({ kind: 'button', id: 'evidence.submit', value: '42' })).toEqual(said(STALE_BUTTON));
  });

  it('answers a refusal with the core\'s words, and logs nothing', async () => {
    const reply = await send({ kind: 'command', text: 'refuse' });
    expect(messageOf(reply).summary).toBe('Only an audit lead can do that; ask lena@acme.example.');
    expect(reply).not.toHaveProperty('fault');
    expect(logged).toEqual([]);
  });

  it('answers a fault with a reference, logs it once with the same reference, and shows nothing of the error', async () => {
    const reply = await send({ kind: 'command', text: 'break now' });
    if (reply.kind !== 'message') throw new Error('expected a message');
    const reference = reply.fault;
    expect(reference).toMatch(/^ERR-[A-Z2-9]{8}$/);
    expect(reply.message).toEqual({
      summary: `${FAULT_TEXT} Reference: ${reference}`,
      blocks: [
        { type: 'text', text: FAULT_TEXT },
        { type: 'context', text: `Reference: ${reference}` },
      ],
    });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ reference, code: 'internal', where: 'chat command', platform: 'slack', command: 'break' });
    expect((logged[0]?.err as Error).message).toContain('secret internals');
  });

  it('treats a failing identity lookup as a fault like any other', async () => {
    const reply = await handle(deps, {
      inbound: { kind: 'command', text: 'echo hi' },
      platform: 'teams',
      identify: () => Promise.reject(Object.assign(new Error('users.info timed out'), { code: 'identity_unavailable' })),
    });
    expect(reply).toMatchObject({ kind: 'message', fault: expect.stringMatching(/^ERR-/) });
    expect(logged).toEqual([expect.objectContaining({ code: 'identity_unavailable', platform: 'teams' })]);
  });

  it('bounds a command and a button value before the person is looked up', async () => {
    let lookups = 0;
    const counted = (inbound: Inbound) => handle(deps, { inbound, platform: 'console', identify: () => (lookups++, { kind: 'person', person: ana }) });
    expect(messageOf(await counted({ kind: 'command', text: `echo ${'x'.repeat(100_000)}` })).summary).toMatch(/^That is 100,005 characters; commands are at most/);
    expect(messageOf(await counted({ kind: 'button', id: 'test.press', value: '9'.repeat(5000) })).summary).toMatch(/^That button carries 5,000 characters/);
    expect(lookups).toBe(0);
  });

  it('answers an outsider, and a person deactivated since, with the outsider answer and nothing else', async () => {
    const outsider: Identity = { kind: 'outsider', answer: { summary: 'Ask Lena to add you.', blocks: [] } };
    expect(await send({ kind: 'command', text: 'echo hi' }, outsider)).toEqual({ kind: 'message', visibility: 'private', message: outsider.answer });
    expect(await send({ kind: 'form', instance: 'x', values: {}, key: 'k' }, outsider)).toEqual({ kind: 'invalid', errors: { _form: 'Ask Lena to add you.' } });
    const gus = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.leaver)) as PersonRecord;
    expect(messageOf(await send({ kind: 'command', text: 'echo hi' }, { kind: 'person', person: { ...gus, active: true } })).summary).toMatch(/^Auditbot only works for people in/);
  });
});

describe('typed text after a slash command', () => {
  const slash = (slashWord: string, text: string) => defaultRegistry.resolve(text, slashWord);
  const words = (r: ReturnType<typeof slash>) => (r.kind === 'command' ? `${r.command.words.join(' ')} | ${r.args.join(',')} | ${r.rawArgs}` : r.kind);

  it('/audit: help, a subcommand, a command of its own, else an audit id', () => {
    expect(words(slash('audit', ''))).toBe('help');
    expect(words(slash('audit', 'HELP'))).toBe('help');
    expect(words(slash('audit', 'plan 2027 2027-01-01'))).toBe('audit plan | 2027,2027-01-01 | 2027 2027-01-01');
    expect(words(slash('audit', 'mine'))).toBe('audit mine |  | ');
    expect(words(slash('audit', 'evidence'))).toBe('evidence |  | ');
    expect(words(slash('audit', 'IA-2027-07'))).toBe('audit | IA-2027-07 | IA-2027-07');
    // A command of its own that takes more of the typed words than a subcommand does wins.
    expect(words(slash('audit', 'finding amend F-2027-0001 evidence VPN log'))).toBe('finding amend | F-2027-0001,evidence,VPN,log | F-2027-0001 evidence VPN log');
    expect(words(slash('audit', 'finding dispute F-2027-0001 Not mine'))).toBe('finding dispute | F-2027-0001,Not,mine | F-2027-0001 Not mine');
    expect(words(slash('audit', 'finding IA-2027-01 A.5.15'))).toBe('audit finding | IA-2027-01,A.5.15 | IA-2027-01 A.5.15');
    expect(words(slash('audit', 'assign IA-1 eve@x.example "Only Eve,  really"'))).toBe('audit assign | IA-1,eve@x.example,Only Eve,  really | IA-1 eve@x.example "Only Eve,  really"');
  });

  it('/finding: the finding command with everything typed as its text, even words of other commands', () => {
    expect(words(slash('finding', ''))).toBe('finding |  | ');
    expect(words(slash('finding', 'help'))).toBe('finding | help | help');
    expect(words(slash('finding', 'door <propped>  open'))).toBe('finding | door,<propped>,open | door <propped>  open');
  });
});

describe('the registry is a value', () => {
  it('cannot be changed by whoever holds it', () => {
    expect(() => (defaultRegistry.commands as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(() => (defaultRegistry.buttons as unknown as unknown[]).splice(0, 1)).toThrow(TypeError);
  });

  it('refuses two registrations of the same command, form or button', () => {
    const again: Capability = { name: 'again', commands: [{ words: ['Mine'], usage: 'mine', summary: 'again', run: () => ({ kind: 'none' }) }] };
    expect(() => createRegistry([...CAPABILITIES, again])).toThrow('Two chat registrations for the command "mine"');
    expect(() => createRegistry([testCapability, { name: 'b', buttons: [{ buttonId: 'test.press', run: () => ({ kind: 'none' }) }] }])).toThrow('the button "test.press"');
  });
});
