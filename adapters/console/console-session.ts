// The console adapter's interactive side: a readline session as one person. Typed lines, the
// buttons pressed with `do <n>` and the forms filled one question at a time go through the same
// pipeline as Slack and Teams (src/chat/pipeline.ts); notifications for the person print
// between prompts.
import { randomUUID } from 'node:crypto';
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { faultMessage, reportFault, type FaultLog } from '../../src/chat/faults.js';
import { createChat } from '../../src/chat/pipeline.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import type { Inbound, ReportFiles, Reply } from '../../src/chat/types.js';
import { MAX_SEARCH_QUERY } from '../../src/core/catalogue/search-catalogue.js';
import type { Core } from '../../src/core/context.js';
import { AuditbotError } from '../../src/core/errors.js';
import type { Button, Form, FormField, FormOption, FormValues, Message } from '../../src/core/message.js';
import { parseRequirement, requirementTitle } from '../../src/core/catalogue/requirement-references.js';
import type { Logger } from '../../src/logger.js';
import { consoleFileHandover } from './file-handover.js';
import { renderButtonHint, renderMessageText } from './render.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export const consolePrompt = (email: string): string => `auditbot (${email})> `;

/** Console-only words, shown under the chat commands' help. */
export const CONSOLE_HELP = [
  'In this terminal:',
  '  do <n>    press button <n> of the last message that showed buttons',
  '  cancel    stop filling in a form (nothing is saved)',
  '  exit      leave the console (quit and Ctrl+D work too)',
].join('\n');

const SEARCH_LIMIT = 10;

export interface ConsoleSessionOptions {
  core: Core;
  /** The person to act as; must be an active person of the organisation. */
  email: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The chat surface: every capability's commands, forms and buttons. */
  registry: ChatRegistry;
  logger?: Logger;
  /** Makes the files a command hands out (src/app.ts); without it, none are. */
  reports?: ReportFiles;
  /** Where those files are written; by default a new private folder under the temp folder. */
  filesDir?: string;
}

export interface ConsoleSession {
  person: PersonRecord;
  /**
   * Shows a notification addressed to this person. At the prompt it prints at once, above the
   * line being typed, which is redrawn; while a command runs or a form is being filled it waits
   * until the prompt is back, so it never lands in the middle of a question.
   */
  notify(message: Message): void;
  /** Prints text (e.g. a notification for someone else) the same way, between prompts. */
  print(text: string): void;
  /** Called after each command, form or button, e.g. to wake the dispatcher for what it queued. */
  onCommand(listener: () => void): void;
  /** Resolves when the person leaves: `exit`, `quit`, end of input, Ctrl+C, or `close()`. */
  readonly done: Promise<void>;
  close(): void;
}

/** Resolves the `--as` e-mail to an active person, or explains how to find one. */
export function resolveConsolePerson(core: Core, email: string): PersonRecord {
  const wanted = email.trim().toLowerCase();
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(wanted);
    if (person?.active) return person;
    const people = tx.organisation.listPeople();
    if (people.length === 0) {
      throw new AuditbotError('unknown_person', `Nobody is in the organisation yet, so the console cannot act as ${wanted}. Import your organisation first: auditbot import <org.yaml> (examples/org.yaml shows every field).`);
    }
    const leads = people.filter((p) => p.roles.includes('lead')).map((p) => p.email);
    const sample = people.slice(0, 8).map((p) => p.email);
    const why = person ? `${wanted} has left the organisation (inactive)` : `${wanted} is not a person in the organisation`;
    throw new AuditbotError(
      'unknown_person',
      [
        `${why}. Use --as with the e-mail of an active person from the people: list of your organisation file.`,
        leads.length > 0 ? `Audit leads: ${leads.join(', ')}.` : '',
        `People (${people.length}): ${sample.join(', ')}${people.length > sample.length ? ', …' : ''}.`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
}

const isTTY = (s: NodeJS.WritableStream): boolean => (s as NodeJS.WriteStream).isTTY === true;

const CANCEL = /^cancel$/i;

class FormCancelled extends Error {}

export function openConsoleSession(options: ConsoleSessionOptions): ConsoleSession {
  const { core, output, logger, registry } = options;
  const person = resolveConsolePerson(core, options.email);
  const log: FaultLog = logger ?? { error: () => undefined };
  const files = options.reports ? { reports: options.reports, handover: consoleFileHandover(options.filesDir) } : undefined;
  const chat = createChat({ core, registry, log, ...(files ? { files } : {}) });
  // The person is the one the session was opened for; the pipeline checks they are still active.
  const send = (inbound: Inbound): Promise<Reply> => chat.handle({ inbound, platform: 'console', identify: () => ({ kind: 'person', person }) });
  const prompt = consolePrompt(person.email);
  const tty = isTTY(output);
  const rl: Interface = createInterface({ input: options.input, output, terminal: tty, prompt });

  // Lines are queued as they arrive and taken one per question, so input typed (or piped) ahead
  // of a question is never lost.
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  let atMainPrompt = false;
  let inForm = false;
  const pendingNotices: (() => void)[] = [];
  let lastButtons: Button[] = [];
  const commandListeners: (() => void)[] = [];

  rl.on('line', (line) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else {
      lines.push(line);
    }
  });
  rl.on('close', () => {
    ended = true;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(null);
    }
  });
  rl.on('SIGINT', () => {
    // Ctrl+C abandons a form; at the prompt it leaves, like exit.
    if (inForm && waiting) {
      write('^C');
      const w = waiting;
      waiting = null;
      w('cancel');
    } else {
      rl.close();
    }
  });

  const write = (text: string) => {
    output.write(text.endsWith('\n') ? text : `${text}\n`);
  };

  const ask = (question: string, main = false): Promise<string | null> => {
    // Without a terminal nothing echoes what was typed; echoing it keeps a piped transcript readable.
    const echo = (line: string | null) => {
      if (!tty && line !== null) write(line);
      return line;
    };
    rl.setPrompt(question);
    const queued = lines.shift();
    if (queued !== undefined) {
      if (!tty) output.write(question);
      return Promise.resolve(echo(queued));
    }
    if (ended) return Promise.resolve(null);
    atMainPrompt = main;
    rl.prompt();
    return new Promise((resolve) => {
      waiting = (line) => {
        atMainPrompt = false;
        resolve(echo(line));
      };
    });
  };

  // Buttons become numbered `do <n>` lines instead of the renderer's [Label] hints.
  const showMessage = (message: Message) => {
    const buttons = message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    write(renderMessageText({ ...message, blocks: message.blocks.filter((b) => b.type !== 'buttons') }));
    if (buttons.length > 0) {
      lastButtons = buttons;
      write(buttons.map((a, i) => `  do ${i + 1}: ${renderButtonHint(a)}`).join('\n'));
    }
  };

  const showNotice = (show: () => void) => {
    if (ended) return;
    if (!(atMainPrompt && waiting)) {
      pendingNotices.push(show);
      return;
    }
    if (tty) {
      clearLine(output, 0);
      cursorTo(output, 0);
    } else {
      output.write('\n');
    }
    show();
    rl.prompt(true);
  };

  const flushNotices = () => {
    for (const show of pendingNotices.splice(0)) show();
  };

  // ---- forms -------------------------------------------------------------------------------

  const askField = async (field: FormField): Promise<string | boolean | undefined> => {
    const optional = field.required ? '' : ' (optional, Enter to skip)';
    const head = `${field.label}${optional}`;
    if (field.hint) write(`  ${field.hint}`);
    const answer = async (q: string): Promise<string> => {
      const line = await ask(q);
      if (line === null) throw new FormCancelled();
      if (CANCEL.test(line.trim())) throw new FormCancelled();
      return line.trim();
    };
    const missing = () => write('  This one is required.');

    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'date': {
        const initial = field.initial;
        const shape = field.type === 'date' ? ' (YYYY-MM-DD)' : '';
        for (;;) {
          let typed = await answer(`${head}${shape}${initial ? ` [${initial}]` : ''}: `);
          // A textarea may span lines: a line ending in a backslash continues on the next.
          while (field.type === 'textarea' && typed.endsWith('\\')) typed = `${typed.slice(0, -1).trimEnd()}\n${await answer('... ')}`;
          const value = typed === '' ? initial : typed;
          if (value === undefined || value === '') {
            if (field.required) {
              missing();
              continue;
            }
            return undefined;
          }
          if (field.type === 'date' && !isDate(value)) {
            write('  Please type a date as YYYY-MM-DD, e.g. 2027-03-31.');
            continue;
          }
          if (field.type !== 'date' && field.maxLength !== undefined && value.length > field.maxLength) {
            write(`  That is ${value.length} characters; at most ${field.maxLength}, please.`);
            continue;
          }
          return value;
        }
      }
      case 'select': {
        write(`${head}:`);
        write(field.options.map((o, i) => `  ${i + 1}) ${o.label}`).join('\n'));
        const initial = field.options.find((o) => o.value === field.initial);
        for (;;) {
          const typed = await answer(`Choose 1-${field.options.length}${initial ? ` [${initial.label}]` : ''}: `);
          if (typed === '') {
            if (initial) return initial.value;
            if (field.required) {
              missing();
              continue;
            }
            return undefined;
          }
          const picked = pickOption(field.options, typed);
          if (picked) return picked.value;
          write(`  Please type a number from 1 to ${field.options.length}.`);
        }
      }
      case 'checkbox': {
        const initial = field.initial;
        for (;;) {
          const typed = (await answer(`${head}: ${field.text} (y/n)${initial === undefined ? '' : ` [${initial ? 'y' : 'n'}]`}: `)).toLowerCase();
          if (typed === '') {
            if (initial !== undefined) return initial;
            if (field.required) {
              missing();
              continue;
            }
            return undefined;
          }
          if (typed === 'y' || typed === 'yes') return true;
          if (typed === 'n' || typed === 'no') return false;
          write('  Please answer y or n.');
        }
      }
      case 'search': {
        const initial = field.initial;
        let matches: FormOption[] = [];
        const what = field.source === 'requirement' ? 'a clause or control, e.g. 9.2 or A.5.15, or words of its title' : 'a name or e-mail';
        for (;;) {
          const question =
            matches.length > 0
              ? `Pick 1-${matches.length}, or type to search again: `
              : `${head}: type ${what}${initial ? ` [${initial.label}]` : ''}: `;
          const typed = await answer(question);
          if (typed === '') {
            if (matches.length === 0 && initial) return initial.value;
            if (matches.length === 0 && !field.required) return undefined;
            if (matches.length === 0) missing();
            continue;
          }
          if (matches.length > 0 && /^\d+$/.test(typed)) {
            const picked = matches[Number(typed) - 1];
            if (picked) return picked.value;
            write(`  Please pick a number from 1 to ${matches.length}.`);
            continue;
          }
          // A search looks at the first characters only, however much was typed.
          const query = typed.slice(0, MAX_SEARCH_QUERY);
          const exact = exactMatch(field.source, query);
          if (exact) return exact.value;
          matches = search(field.source, query);
          if (matches.length === 0) {
            write(`  Nothing matches "${query}". Try other words.`);
            continue;
          }
          write(matches.map((m, i) => `  ${i + 1}) ${m.label}`).join('\n'));
        }
      }
    }
  };

  const exactMatch = (source: 'requirement' | 'person', typed: string): FormOption | undefined => {
    if (source === 'requirement') {
      // parseRequirement accepts only references the catalogue knows.
      const ref = parseRequirement(typed);
      return ref ? { value: ref.id, label: `${ref.id} ${requirementTitle(ref.id) ?? ''}`.trim() } : undefined;
    }
    const p = core.store.transaction((tx) => tx.organisation.getPerson(typed.toLowerCase()));
    return p?.active ? { value: p.email, label: `${p.name} <${p.email}>` } : undefined;
  };

  const search = (source: 'requirement' | 'person', typed: string): FormOption[] => registry.search(core, source, typed, SEARCH_LIMIT);

  const fillForm = async (form: Form, instance: string): Promise<Reply | null> => {
    write(`\n== ${form.title} ==`);
    if (form.intro) write(form.intro);
    const multiLine = form.fields.some((f) => f.type === 'textarea') ? ' End a line with \\ to go on writing on the next.' : '';
    write(`Answer each question; Enter skips an optional one; type cancel to stop.${multiLine}`);
    const values: FormValues = {};
    let toAsk = form.fields;
    inForm = true;
    try {
      for (;;) {
        for (const field of toAsk) values[field.id] = await askField(field);
        const result = await send({ kind: 'form', instance, values, key: `console:${randomUUID()}` });
        if (result.kind !== 'invalid') return result;
        const failed = form.fields.filter((f) => result.errors[f.id] !== undefined);
        write('Please fix:');
        for (const [id, message] of Object.entries(result.errors)) {
          const field = form.fields.find((f) => f.id === id);
          write(`  - ${field ? `${field.label}: ` : ''}${message}`);
        }
        if (failed.length === 0) {
          write(`${form.title} was not saved.`);
          return null;
        }
        toAsk = failed;
      }
    } catch (e) {
      if (e instanceof FormCancelled) {
        write(`Cancelled: ${form.title} was not saved.`);
        return null;
      }
      throw e;
    } finally {
      inForm = false;
    }
  };

  // ---- replies and the main loop -----------------------------------------------------------

  const show = async (reply: Reply | null): Promise<void> => {
    let next = reply;
    while (next) {
      switch (next.kind) {
        case 'none':
          return;
        case 'message':
          showMessage(next.message);
          if (next.help) write(CONSOLE_HELP);
          return;
        case 'invalid':
          write(Object.values(next.errors).join('\n'));
          return;
        case 'form':
          next = await fillForm(next.form, next.instance);
      }
    }
  };

  const pressButton = async (n: string): Promise<void> => {
    const button = lastButtons[Number(n) - 1];
    if (!button) {
      write(lastButtons.length === 0 ? 'There is no button to press yet.' : `Please type do 1 to do ${lastButtons.length}.`);
      return;
    }
    await show(await send({ kind: 'button', id: button.id, value: button.value }));
  };

  const handleLine = async (text: string): Promise<void> => {
    const button = /^do\s+(\d+)$/i.exec(text);
    if (button) {
      await pressButton(button[1] ?? '');
      return;
    }
    await show(await send({ kind: 'command', text }));
  };

  const loop = async () => {
    write(`Signed in as ${person.name} <${person.email}>. Type help for the commands, exit to leave.`);
    for (;;) {
      flushNotices();
      const line = await ask(prompt, true);
      if (line === null) {
        // End of input (Ctrl+D, a signal, a pipe that ran dry) leaves the cursor after the prompt.
        output.write('\n');
        break;
      }
      const text = line.trim();
      if (/^(exit|quit)$/i.test(text)) break;
      if (text === '') continue;
      try {
        await handleLine(text);
      } catch (e) {
        // The pipeline answers its own failures; this is the console's (a form it could not ask).
        showMessage(faultMessage(reportFault(log, e, { where: 'console', platform: 'console', command: text.split(/\s+/, 1)[0]?.slice(0, 40) })));
      }
      for (const listener of commandListeners) listener();
    }
    rl.close();
  };

  const done = loop();

  return {
    person,
    notify(message) {
      showNotice(() => showMessage(message));
    },
    onCommand(listener) {
      commandListeners.push(listener);
    },
    print(text) {
      showNotice(() => write(text.replace(/^\n+/, '')));
    },
    done,
    close() {
      rl.close();
    },
  };
}

function pickOption(options: FormOption[], typed: string): FormOption | undefined {
  if (/^\d+$/.test(typed)) return options[Number(typed) - 1];
  const t = typed.toLowerCase();
  return options.find((o) => o.value.toLowerCase() === t || o.label.toLowerCase() === t);
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
