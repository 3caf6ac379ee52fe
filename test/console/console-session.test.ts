import { CAPABILITIES } from '../../src/chat/default-registry.js';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consolePrompt, openConsoleSession, resolveConsolePerson, type ConsoleSession } from '../../adapters/console/console-session.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { ChatCommand, FormHandler } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { AuditbotError, validationError } from '../../src/core/errors.js';
import type { Form, FormValues } from '../../src/core/message.js';
import { makeTestCore } from '../helpers/core.js';
import { ORG } from './org-fixture.js';

/** Collects what the session prints and waits for text to appear: no sleeps. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  const waiters: { re: RegExp; from: number; resolve: (s: string) => void }[] = [];
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const tail = text.slice(w.from);
      if (w.re.test(tail)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(tail);
      }
    }
  });
  let mark = 0;
  return {
    input,
    output,
    all: () => text,
    type(line: string) {
      mark = text.length;
      input.write(`${line}\n`);
    },
    /** Resolves with everything printed since the last `type` once it matches. */
    until(re: RegExp): Promise<string> {
      const tail = text.slice(mark);
      if (re.test(tail)) return Promise.resolve(tail);
      return new Promise((resolve) => waiters.push({ re, from: mark, resolve }));
    },
  };
}

const PROMPT = /auditbot \(ana@acme\.example\)> $/;

/** A command and form registered the way every feature registers its own. */
const submissions: { values: FormValues; context: Record<string, string>; key: string }[] = [];
const FORM: Form = {
  id: 'test.sample',
  title: 'Sample form',
  submitLabel: 'Save',
  intro: 'A form with every kind of field.',
  context: { auditId: 'IA-1' },
  fields: [
    { id: 'statement', type: 'textarea', label: 'What did you see?', required: true, maxLength: 200 },
    { id: 'classification', type: 'select', label: 'Classification', required: true, options: [{ value: 'minor', label: 'Minor nonconformity' }, { value: 'ofi', label: 'Opportunity for improvement' }] },
    { id: 'requirement', type: 'search', source: 'requirement', label: 'Requirement', required: true },
    { id: 'owner', type: 'search', source: 'person', label: 'Owner', required: false },
    { id: 'due', type: 'date', label: 'Due', required: false },
    { id: 'confirm', type: 'checkbox', label: 'Objective', text: 'I saw this myself', required: true },
  ],
};
const sampleCommand: ChatCommand = { words: ['sample'], usage: 'sample', summary: 'open the sample form', run: () => ({ kind: 'form', form: FORM }) };
const sampleForm: FormHandler = {
  formId: 'test.sample',
  submit(_ctx, values, context, key) {
    if (values.requirement === 'A.5.1') throw validationError({ requirement: 'A.5.1 is not in the scope of audit IA-1; pick A.5.15 or A.8.5' });
    submissions.push({ values, context, key });
    return { ok: true, reply: { kind: 'message', message: { summary: 'Saved', blocks: [{ type: 'text', text: `Saved ${String(values.requirement)} for ${String(values.owner)}` }] } } };
  },
};
const buttonCommand: ChatCommand = {
  words: ['buttons'],
  usage: 'buttons',
  summary: 'show a message with buttons',
  run: () => ({
    kind: 'message',
    message: { summary: 'Pick', blocks: [{ type: 'text', text: 'Pick one' }, { type: 'buttons', buttons: [{ id: 'test.nothing', label: 'Nothing', value: '1' }, { id: 'test.sample-open', label: 'Open the form', value: 'x' }] }] },
  }),
};

/** Every capability, and the test's own commands and form beside them. */
const registry = createRegistry([...CAPABILITIES, { name: 'console-test', commands: [sampleCommand, buttonCommand], forms: [sampleForm] }]);

describe('console session', () => {
  let core: Core;
  let session: ConsoleSession | undefined;

  beforeEach(() => {
    core = makeTestCore().core;
    core.store.transaction((tx) => tx.organisation.applySnapshot(ORG));
    submissions.length = 0;
  });
  afterEach(async () => {
    session?.close();
    await session?.done;
    session = undefined;
  });

  const open = (email = 'ana@acme.example') => {
    const t = terminal();
    session = openConsoleSession({ core, email, input: t.input, output: t.output, registry });
    return t;
  };

  it('answers whoami with team, roles, manager, time zone and what the person owns', async () => {
    const t = open('ANA@acme.example');
    await t.until(PROMPT);
    expect(consolePrompt('ana@acme.example')).toBe('auditbot (ana@acme.example)> ');
    t.type('whoami');
    const out = await t.until(PROMPT);
    expect(out).toContain('Ana Ruiz');
    expect(out).toContain('Information Security (isms)');
    expect(out).toContain('auditor, lead');
    expect(out).toContain('Cara Okafor <ceo@acme.example>');
    expect(out).toContain('Europe/Madrid');
    expect(out).toContain('A.8.5');
    expect(out).not.toContain('A.5.15');
    expect(out).toContain('You own no area');
  });

  it('shows an area owner their area, clauses and controls', async () => {
    const t = open('bo@acme.example');
    await t.until(/> $/);
    t.type('whoami');
    const out = await t.until(/> $/);
    expect(out).toContain('Identity and access management (iam, high risk)');
    expect(out).toContain('9.2 Internal audit');
    expect(out).toContain('A.5.15 Access control');
    expect(out).toContain("Europe/London (the organisation's)");
  });

  it('answers an unknown command with the help, including the console words', async () => {
    const t = open();
    await t.until(PROMPT);
    t.type('frobnicate the audit');
    const out = await t.until(PROMPT);
    expect(out).toContain('I don\'t know "frobnicate the audit"');
    expect(out).toContain('whoami');
    expect(out).toContain('do <n>');
    expect(out).toContain('exit');
  });

  it('fills a form field by field and asks again only for the field the core refused', async () => {
    const t = open();
    await t.until(PROMPT);
    t.type('sample');
    expect(await t.until(/What did you see\?.*: $/)).toContain('A form with every kind of field.');
    t.type('');
    await t.until(/This one is required\.\n.*What did you see\?/s);
    t.type('Access reviews were not done in Q3');
    expect(await t.until(/Choose 1-2: $/)).toContain('1) Minor nonconformity');
    t.type('7');
    await t.until(/Please type a number from 1 to 2\.\n.*Choose 1-2: $/s);
    t.type('1');
    await t.until(/Requirement: type a clause or control/);
    t.type('access control');
    const matches = await t.until(/Pick 1-\d+, or type to search again: $/);
    expect(matches).toContain('A.5.15 Access control');
    // An exact reference is taken as typed; the core refuses it as out of scope.
    t.type('A.5.1');
    await t.until(/Owner \(optional, Enter to skip\): type a name or e-mail: $/);
    t.type('lindqvist');
    await t.until(/1\) Bo Lindqvist <bo@acme\.example>\n.*Pick 1-1/s);
    t.type('1');
    await t.until(/Due \(optional, Enter to skip\) \(YYYY-MM-DD\): $/);
    t.type('31/03/2027');
    await t.until(/Please type a date as YYYY-MM-DD/);
    t.type('2027-03-31');
    await t.until(/Objective: I saw this myself \(y\/n\): $/);
    t.type('y');
    const refused = await t.until(/Requirement: type a clause or control.*: $/s);
    expect(refused).toContain('Please fix:\n  - Requirement: A.5.1 is not in the scope of audit IA-1');
    expect(refused).not.toContain('What did you see?');
    expect(submissions).toHaveLength(0);
    t.type('a.5.15');
    const saved = await t.until(PROMPT);
    expect(saved).toContain('Saved A.5.15 for bo@acme.example');
    expect(submissions).toHaveLength(1);
    expect(submissions[0]?.values).toEqual({
      statement: 'Access reviews were not done in Q3',
      classification: 'minor',
      requirement: 'A.5.15',
      owner: 'bo@acme.example',
      due: '2027-03-31',
      confirm: true,
    });
    expect(submissions[0]?.context).toEqual({ auditId: 'IA-1' });
    // The submission is named by the form instance shown to Ana, and the attempt.
    expect(submissions[0]?.key).toMatch(/^form:[A-Za-z0-9_-]{32}:console:/);
  });

  it('cancel abandons a form without submitting it', async () => {
    const t = open();
    await t.until(PROMPT);
    t.type('sample');
    await t.until(/What did you see\?.*: $/);
    t.type('cancel');
    expect(await t.until(PROMPT)).toContain('Cancelled: Sample form was not saved.');
    expect(submissions).toHaveLength(0);
  });

  it('presses a button with do <n>', async () => {
    const t = open();
    await t.until(PROMPT);
    t.type('buttons');
    const out = await t.until(PROMPT);
    expect(out).toContain('do 1: [Nothing]');
    expect(out).toContain('do 2: [Open the form]');
    t.type('do 3');
    expect(await t.until(PROMPT)).toContain('Please type do 1 to do 2.');
    t.type('do 1');
    expect(await t.until(PROMPT)).toContain('This button is from an older message and no longer does anything.');
  });

  it('prints a notification between prompts, and holds it while a form is being filled', async () => {
    const t = open();
    await t.until(PROMPT);
    session?.notify({ summary: 'Evidence requested', blocks: [{ type: 'text', text: 'Please share the access review for A.5.15.' }] });
    expect(await t.until(PROMPT)).toContain('Please share the access review for A.5.15.');
    t.type('sample');
    await t.until(/What did you see\?.*: $/);
    session?.notify({ summary: 'Reminder', blocks: [{ type: 'text', text: 'Second reminder.' }] });
    t.type('cancel');
    const after = await t.until(PROMPT);
    expect(after.indexOf('Cancelled')).toBeLessThan(after.indexOf('Second reminder.'));
  });

  it('in a terminal, prints a notification above the line being typed and redraws that line', async () => {
    const t = terminal();
    Object.assign(t.output, { isTTY: true, columns: 120 });
    session = openConsoleSession({ core, email: 'ana@acme.example', input: t.input, output: t.output, registry });
    // A terminal prompt ends with a cursor move, not with the prompt text.
    await t.until(/auditbot \(ana@acme\.example\)> /);
    t.input.write('who');
    await t.until(/who$/);
    const before = t.all().length;
    session.notify({ summary: 'Reminder', blocks: [{ type: 'text', text: 'Evidence for A.5.15 is due tomorrow.' }] });
    const redrawn = t.all().slice(before);
    // Clear the line, print the notice on its own lines, then the prompt with what was typed so far.
    const ESC = String.fromCharCode(27);
    expect(redrawn.startsWith(`${ESC}[2K${ESC}[1GEvidence for A.5.15 is due tomorrow.\n`)).toBe(true);
    expect(redrawn).toContain('auditbot (ana@acme.example)> who');
    t.type('ami');
    expect(await t.until(/Roles: auditor, lead/)).toContain('Ana Ruiz');
  });

  it('ends on exit and on end of input', async () => {
    const t = open();
    await t.until(PROMPT);
    t.type('exit');
    await session?.done;
    const t2 = open();
    await t2.until(PROMPT);
    t2.input.end();
    await expect(session?.done).resolves.toBeUndefined();
  });

  it('refuses to act as someone who is not an active person, and says how to find one', () => {
    expect(() => resolveConsolePerson(core, 'nobody@acme.example')).toThrowError(AuditbotError);
    expect(() => resolveConsolePerson(core, 'nobody@acme.example')).toThrowError(/not a person in the organisation.*\n.*Audit leads: ana@acme\.example/s);
    expect(() => resolveConsolePerson(core, 'gone@acme.example')).toThrowError(/has left the organisation/);
    const empty = makeTestCore().core;
    expect(() => resolveConsolePerson(empty, 'ana@acme.example')).toThrowError(/auditbot import <org\.yaml>/);
  });
});
