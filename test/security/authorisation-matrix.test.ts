// Issue 11, acceptance: the authorisation matrix (test/security/matrix.ts) through the console's
// core path (src/chat/pipeline.ts, what every adapter calls): every command, button and form of
// the registry × every role, reads and writes. Each cell runs on its own copy of the fixture and
// compares a dump of every table before and after: a refusal changes nothing at all, a read
// changes nothing but the form instance it shows, a write changes the store. A "hidden" cell's
// answer is compared with the answer the same request gets where the record does not exist.
// The registry is the list of rows: a command, button or form without a row fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand, pressButton, runChatText, submitForm } from '../helpers/chat.js';
import { FORM_UNKNOWN, issueFormInstance } from '../../src/chat/form-instances.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import type { Form } from '../../src/core/message.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import type { TestCore } from '../helpers/core.js';
import { BUTTON_ROWS, COMMAND_ROWS, FORM_ROWS, type Cell, type Shows } from './matrix.js';
import { actorRecord, coreFrom, dumpTables, fixtureImage, IDS, ROLES, type Role, type Scenario } from './org.js';

const images = new Map<Scenario | 'empty', Buffer>();
const image = (scenario: Scenario | 'empty'): Buffer => {
  let found = images.get(scenario);
  if (!found) {
    found = fixtureImage(scenario);
    images.set(scenario, found);
  }
  return found;
};

beforeAll(() => {
  for (const s of ['base', 'planned', 'implemented', 'submitted', 'empty'] as const) image(s);
});

function chatAs(t: TestCore, role: Role, teamsChannel = false): ChatContext {
  return { core: t.core, actor: actorRecord(t, role), ...(teamsChannel ? { channel: 'teams', platform: 'teams', conversationId: IDS.teamsChannel } : { channel: 'console', platform: 'console' }) };
}

const shows = (reply: Reply, expected: Shows): boolean =>
  expected instanceof RegExp ? reply.kind === 'message' && expected.test(reply.message.summary) : reply.kind === 'form' && reply.form.id === expected.form;

const describeReply = (reply: Reply | null): string => (reply === null ? 'no handler' : reply.kind === 'message' ? reply.message.summary : reply.kind === 'form' ? `the form ${reply.form.id}` : 'nothing');

/** What a read may change: the form instance it shows. */
const READ_TOUCHES = { tables: ['form_instances'] };

const isOutside = (role: Role): boolean => role === 'deactivated' || role === 'outsider';

interface Run {
  t: TestCore;
  reply: Reply | null;
  before: Record<string, unknown[]>;
}

/** Checks one cell of a command or button row; `again` repeats the request where the record does not exist. */
async function checkCell(cell: Cell, role: Role, access: 'read' | 'write', expected: Shows, run: Run, again: () => Promise<Reply | null>, hasHidden: boolean): Promise<void> {
  const { t, reply, before } = run;
  if (!reply) throw new Error('the registry has no handler for this row');
  const after = dumpTables(t.db);
  if (cell === 'allowed') {
    expect(shows(reply, expected), `expected it to be allowed, got: ${describeReply(reply)}`).toBe(true);
    if (access === 'write') expect(after).not.toEqual(before);
    else expect(dumpTables(t.db, READ_TOUCHES)).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => k !== 'form_instances')));
    return;
  }
  expect(reply.kind, `expected a refusal, got: ${describeReply(reply)}`).toBe('message');
  expect(shows(reply, expected)).toBe(false);
  // A refusal changes nothing at all: not even a form instance.
  expect(after).toEqual(before);
  if (isOutside(role)) {
    expect(reply.kind === 'message' && reply.message).toEqual(outsiderAnswer(t.core));
    return;
  }
  const elsewhere = await again();
  if (cell === 'hidden') expect(reply).toEqual(elsewhere);
  // Whoever may see the record is told why they are refused, not that it does not exist.
  else if (hasHidden) expect(reply).not.toEqual(elsewhere);
}

describe('the matrix covers the registry', () => {
  it('has one row for every registered command, each typed so that it reaches that command', () => {
    const registered = defaultRegistry.commands.map((c) => c.words.join(' ')).sort();
    expect(COMMAND_ROWS.map((r) => r.words).sort()).toEqual(registered);
    for (const row of COMMAND_ROWS) expect(findCommand(row.text)?.command.words.join(' '), row.text).toBe(row.words);
  });

  it('has one row for every registered button and every registered form', () => {
    expect(BUTTON_ROWS.map((r) => r.actionId).sort()).toEqual(defaultRegistry.buttons.map((h) => h.buttonId).sort());
    expect(FORM_ROWS.map((r) => r.formId).sort()).toEqual(defaultRegistry.forms.map((h) => h.formId).sort());
  });

  it('gives every row a cell for every role, and allows each row to someone', () => {
    for (const row of [...COMMAND_ROWS, ...BUTTON_ROWS, ...FORM_ROWS]) {
      expect(Object.keys(row.cells).sort()).toEqual([...ROLES].sort());
      expect(Object.values(row.cells)).toContain('allowed');
    }
  });
});

const cellsOf = <T extends { cells: Record<Role, Cell> }>(row: T) => ROLES.map((role) => [role, row.cells[role]] as const);

describe.each(COMMAND_ROWS)('command "$words" ($access)', (row) => {
  const hasHidden = Object.values(row.cells).includes('hidden');
  it.each(cellsOf(row))('%s: %s', async (role, cell) => {
    const t = coreFrom(image(row.scenario));
    const before = dumpTables(t.db);
    const reply = await runChatText(chatAs(t, role, row.teamsChannel), row.text);
    await checkCell(cell, role, row.access, row.shows, { t, reply, before }, () => {
      const twin = coreFrom(image('empty'));
      return runChatText(chatAs(twin, role, row.teamsChannel), row.text);
    }, hasHidden);
  });
});

describe.each(BUTTON_ROWS)('button "$actionId" ($access)', (row) => {
  const hasHidden = Object.values(row.cells).includes('hidden');
  it.each(cellsOf(row))('%s: %s', async (role, cell) => {
    const t = coreFrom(image(row.scenario));
    const before = dumpTables(t.db);
    const reply = await pressButton(chatAs(t, role), row.actionId, row.value);
    await checkCell(cell, role, row.access, row.shows, { t, reply, before }, () => {
      const twin = coreFrom(image('empty'));
      return pressButton(chatAs(twin, role), row.actionId, row.value);
    }, hasHidden);
  });
});

const openForm = async (ctx: ChatContext, open: (typeof FORM_ROWS)[number]['open']): Promise<Reply | null> =>
  'text' in open ? runChatText(ctx, open.text) : pressButton(ctx, open.actionId, open.value);

/** Submits `form` as if it had been shown to `ctx`'s person (a form kept from before they were refused). */
async function submitAsShown(ctx: ChatContext, form: Form, values: Parameters<typeof submitForm>[2]) {
  const instance = issueFormInstance({ ...ctx, actor: { ...ctx.actor } }, form);
  return submitForm(ctx, instance, values, 'matrix-own');
}

describe.each(FORM_ROWS)('form "$formId"', (row) => {
  it.each(cellsOf(row))('%s: %s', async (role, cell) => {
    const t = coreFrom(image(row.scenario));
    const ctx = chatAs(t, role);
    const beforeOpening = dumpTables(t.db);
    const opened = await openForm(ctx, row.open);
    if (cell === 'allowed') {
      if (opened?.kind !== 'form') throw new Error(`expected the form, got: ${describeReply(opened)}`);
      expect(opened.form.id).toBe(row.formId);
      const before = dumpTables(t.db);
      const result = await submitForm(ctx, opened.instance, row.values(opened.form), 'matrix');
      expect(result.ok, JSON.stringify(result.ok ? null : result.errors)).toBe(true);
      expect(dumpTables(t.db)).not.toEqual(before);
      return;
    }
    // They are not given the form at all.
    expect(opened?.kind).toBe('message');
    expect(dumpTables(t.db)).toEqual(beforeOpening);

    // The form as shown to someone who may use it, forwarded or replayed: not theirs.
    const theirs = await openForm(chatAs(t, row.openedBy), row.open);
    if (theirs?.kind !== 'form') throw new Error(`${row.openedBy} should get the form, got: ${describeReply(theirs)}`);
    const values = row.values(theirs.form);
    const before = dumpTables(t.db);
    const stolen = await submitForm(ctx, theirs.instance, values, 'matrix-stolen');
    expect(stolen.ok).toBe(false);
    expect(stolen.ok ? '' : stolen.errors._form).toBe(isOutside(role) ? outsiderAnswer(t.core).summary : FORM_UNKNOWN);
    expect(dumpTables(t.db)).toEqual(before);
    // Nobody outside the organisation file can have been shown a form.
    if (role === 'outsider') return;

    // The same form shown to them earlier (when it was still theirs to fill in): the core refuses.
    const own = await submitAsShown(ctx, theirs.form, values);
    expect(own.ok).toBe(false);
    const ownErrors = own.ok ? {} : own.errors;
    if (role === 'deactivated') expect(ownErrors).toEqual({ _form: outsiderAnswer(t.core).summary });
    if (cell === 'hidden') {
      const twin = coreFrom(image('empty'));
      const elsewhere = await submitAsShown(chatAs(twin, role), theirs.form, values);
      expect(ownErrors).toEqual(elsewhere.ok ? {} : elsewhere.errors);
    }
    // Nothing but the instance issued for the attempt.
    expect(dumpTables(t.db, READ_TOUCHES)).toEqual(Object.fromEntries(Object.entries(before).filter(([k]) => k !== 'form_instances')));
  });
});
