// Every text that reaches the core through the shared chat layer is bounded by its own limit
// before any work (issue 11, point 3): typed commands (Slack, Teams, the console), form values
// (by each field's maxLength, or a short default for choices, dates and ids), button values and
// search queries. Nothing is stored and no handler runs for what is refused.
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { openConsoleSession } from '../../adapters/console/console-session.js';
import { chatDeps, runChatText, submitForm } from '../helpers/chat.js';
import { handle } from '../../src/chat/pipeline.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { DEFAULT_FIELD_CHARS, MAX_BUTTON_VALUE_CHARS, MAX_COMMAND_CHARS } from '../../src/chat/limits.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import { MAX_SEARCH_QUERY, searchCatalogue } from '../../src/core/catalogue/search-catalogue.js';
import { searchPeople } from '../../src/core/organisation/search-people.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { seedSmallOrg, SEED } from '../helpers/seed.js';

let t: TestCore;
let ctx: ChatContext;
beforeEach(() => {
  t = makeTestCore('2027-01-04T10:00:00Z');
  seedSmallOrg(t);
  const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor));
  if (!actor) throw new Error('no auditor');
  ctx = { core: t.core, actor, channel: 'console', platform: 'console' };
});

const stored = () => t.core.store.transaction((tx) => ({ findings: tx.findings.list().length, trail: tx.trail.list().length, outbox: tx.outbox.list().length }));
const textOf = (reply: Reply): string => (reply.kind === 'message' ? reply.message.blocks.map((b) => ('text' in b ? b.text : '')).join(' ') : '');
const n = (x: number) => x.toLocaleString('en-GB');

describe('typed commands', () => {
  it('refuses a command longer than any command could be, saying how long it is and the limit', async () => {
    const text = `finding ${'x'.repeat(MAX_COMMAND_CHARS)}`;
    const reply = await runChatText(ctx, text);
    expect(reply.kind).toBe('message');
    expect(textOf(reply)).toBe(`That is ${n(text.length)} characters; commands are at most ${n(MAX_COMMAND_CHARS)}. Please shorten it, or put long text in a document and share a link.`);
  });

  it('counts characters as people do: emoji are one each', async () => {
    const reply = await runChatText(ctx, `finding ${'😀'.repeat(MAX_COMMAND_CHARS - 10)}`);
    expect(reply.kind).toBe('form');
  });

  it('takes the longest command anyone could need: submit with the most and longest links and a full note', async () => {
    const links = Array.from({ length: 20 }, (_, i) => `https://docs.acme.example/${String(i).padStart(2, '0')}${'a'.repeat(2000 - 28)}`);
    const text = `submit 99999 ${links.join(' ')} ${'n'.repeat(3000)}`;
    expect(text.length).toBeLessThanOrEqual(MAX_COMMAND_CHARS);
    const reply = await runChatText(ctx, text);
    // Refused by the core for what it says (no such request), not for its length.
    expect(textOf(reply)).not.toMatch(/commands are at most/);
  });
});

describe('form values', () => {
  /** A finding form shown to the auditor: its stored instance id. */
  const findingForm = async (): Promise<string> => {
    const shown = await runChatText(ctx, 'finding');
    if (shown.kind !== 'form') throw new Error('the auditor should get the finding form');
    return shown.instance;
  };

  it('answers a value over its field\'s maxLength with a field error, without running the handler', async () => {
    const before = stored();
    const result = await submitForm(ctx, await findingForm(), { auditId: SEED.audits.iam, classification: 'minor', requirement: 'A.5.15', statement: 's'.repeat(1_000_000), evidence: 'e'.repeat(3001) }, 'k-long');
    expect(result).toMatchObject({
      ok: false,
      errors: {
        statement: 'That is 1,000,000 characters; the limit is 3,000. Please shorten it.',
        evidence: 'That is 3,001 characters; the limit is 3,000. Please shorten it.',
      },
    });
    expect(stored()).toEqual(before);
  });

  it('bounds fields without a maxLength (choices, pickers, dates, ids) by a short default', async () => {
    const result = await submitForm(ctx, await findingForm(), { auditId: 'I'.repeat(DEFAULT_FIELD_CHARS + 1), statement: 'ok' }, 'k-id');
    expect(result).toMatchObject({ ok: false, errors: { auditId: `That is ${n(DEFAULT_FIELD_CHARS + 1)} characters; the limit is ${n(DEFAULT_FIELD_CHARS)}. Please shorten it.` } });
  });

  it('refuses values under names the form does not have, including names Object.prototype has', async () => {
    const result = await submitForm(ctx, await findingForm(), { constructor: 'c'.repeat(600), toString: 't'.repeat(600) }, 'k-proto');
    expect(result.ok ? {} : result.errors).toEqual({ _form: expect.stringMatching(/This form has no field "constructor", "toString"/) });
  });

  it('gives every text field of every form a limit its handler enforces', () => {
    for (const handler of defaultRegistry.forms) expect(defaultRegistry.form(handler.formId)).toBe(handler);
    // The long fields each form takes, and the limit the handler bounds them by.
    const limits = Object.fromEntries(defaultRegistry.forms.map((h) => [h.formId, h.maxLengths ?? {}]));
    expect(limits['finding.record']).toEqual({ statement: 3000, evidence: 3000 });
    expect(limits['evidence.submit']).toEqual({ links: 40_020, note: 3000 });
    expect(limits['action.plan']).toEqual({ correction: 3000, rootCause: 3000, plan: 3000 });
    expect(limits['action.implemented']).toEqual({ links: 40_020 });
  });
});

describe('button values', () => {
  it('refuses a value longer than any button carries, before the handler runs', async () => {
    let identified = false;
    const reply = await handle(chatDeps(ctx), {
      inbound: { kind: 'button', id: 'evidence.submit', value: '9'.repeat(MAX_BUTTON_VALUE_CHARS + 1) },
      platform: 'console',
      identify: () => {
        identified = true;
        return { kind: 'person', person: ctx.actor };
      },
    });
    expect(reply).toMatchObject({ kind: 'message', visibility: 'private' });
    expect(textOf(reply)).toContain(`That button carries ${n(MAX_BUTTON_VALUE_CHARS + 1)} characters; buttons carry at most ${n(MAX_BUTTON_VALUE_CHARS)}.`);
    // Bounded before anything else: not even the person was looked up.
    expect(identified).toBe(false);
  });
});

describe('search queries', () => {
  it('look at the first characters of a query only', () => {
    const long = `access control ${'x '.repeat(2_000_000)}`;
    expect(searchCatalogue(long, 10)).toEqual(searchCatalogue(long.slice(0, MAX_SEARCH_QUERY), 10));
    expect(searchPeople(t.core, `bo${' '.repeat(1_000_000)}x`, 10)).toEqual(searchPeople(t.core, `bo${' '.repeat(MAX_SEARCH_QUERY)}`, 10));
  });
});

describe('the console', () => {
  it('searches with the first characters of a long answer to a search question', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    const session = openConsoleSession({ core: t.core, email: SEED.auditor, input, output, registry: defaultRegistry });
    const typed = 'zz '.repeat(1_000_000);
    // The finding form: the audit (Enter keeps the only one), the classification, then the requirement.
    input.write(`finding\n\n1\n${typed}\ncancel\nexit\n`);
    await session.done;
    expect(text).toContain(`Nothing matches "${typed.slice(0, MAX_SEARCH_QUERY)}". Try other words.`);
    expect(text).toContain('Cancelled: Record a finding was not saved.');
  });

  it('answers a typed line longer than any command with the refusal and goes on', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    const session = openConsoleSession({ core: t.core, email: SEED.auditor, input, output, registry: defaultRegistry });
    input.write(`${'z'.repeat(MAX_COMMAND_CHARS + 5)}\nwhoami\nexit\n`);
    await session.done;
    expect(text).toContain(`That is ${n(MAX_COMMAND_CHARS + 5)} characters; commands are at most ${n(MAX_COMMAND_CHARS)}.`);
    // The next line is taken as usual.
    expect(text).toContain(`E-mail: ${SEED.auditor}`);
  });
});
