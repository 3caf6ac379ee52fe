// The chat surface as a value: every capability's commands, forms, buttons and search sources,
// gathered by createRegistry and passed to the pipeline by whoever builds the adapters. Adding a
// command is one file in its capability's folder and its line in that capability's list; two
// registrations of the same words, form, button or search are refused when the registry is made.
import type { Core } from '../core/context.js';
import type { FormOption, Message } from '../core/message.js';
import { parseTyped, tailAfter, type TypedCommand } from './typed-command.js';
import type { ButtonHandler, Capability, ChatCommand, FormHandler, SearchSource } from './types.js';

/** What typed text asks for. */
export type Resolution =
  | { kind: 'command'; command: ChatCommand; args: string[]; rawArgs: string }
  | { kind: 'help' }
  /** No command has these words; `typed` is what to quote back to the person. */
  | { kind: 'unknown'; typed: string };

export interface ChatRegistry {
  readonly capabilities: readonly Capability[];
  readonly commands: readonly ChatCommand[];
  readonly forms: readonly FormHandler[];
  readonly buttons: readonly ButtonHandler[];
  /** The command whose words are exactly `words` (case-insensitive). */
  command(words: readonly string[]): ChatCommand | undefined;
  /**
   * The command typed text asks for. After a slash command (`slash`), its words come first: a
   * slash command that is itself a command with no subcommands (`/finding …`) takes the whole
   * text; one with subcommands (`/audit …`) answers nothing or `help` with the help, runs a
   * subcommand (`/audit plan …`), a command of its own as typed (`/audit evidence`), and
   * anything else as its own argument (`/audit IA-2027-07`).
   */
  resolve(text: string, slash?: string): Resolution;
  form(formId: string): FormHandler | undefined;
  button(buttonId: string): ButtonHandler | undefined;
  /** Options for a search field; none when no capability searches `source`. */
  search(core: Core, source: SearchSource['source'], query: string, limit: number): FormOption[];
  /** The command list: everyone's commands, then the audit leads'. */
  help(): Message;
}

const isHelp = (text: string): boolean => text === '' || /^(help|\?)$/i.test(text);

function unique<T>(items: readonly T[], key: (t: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`Two chat registrations for the ${what} "${k}": each must be registered once.`);
    map.set(k, item);
  }
  return map;
}

export function createRegistry(capabilities: readonly Capability[]): ChatRegistry {
  unique(capabilities, (c) => c.name, 'capability');
  const commands = Object.freeze(capabilities.flatMap((c) => c.commands ?? []));
  const forms = Object.freeze(capabilities.flatMap((c) => c.forms ?? []));
  const buttons = Object.freeze(capabilities.flatMap((c) => c.buttons ?? []));
  const byWords = unique(commands, (c) => c.words.join(' ').toLowerCase(), 'command');
  const byForm = unique(forms, (f) => f.formId, 'form');
  const byButton = unique(buttons, (b) => b.buttonId, 'button');
  const bySource = unique(
    capabilities.flatMap((c) => c.searches ?? []),
    (s) => s.source,
    'search',
  );

  /** The longest command that `words` begin with. */
  const longest = (words: readonly string[]): ChatCommand | null => {
    const lower = words.map((w) => w.toLowerCase());
    let best: ChatCommand | null = null;
    for (const c of commands) {
      if (c.words.every((w, i) => lower[i] === w) && (!best || c.words.length > best.words.length)) best = c;
    }
    return best;
  };

  /** `command` run with the typed words after the `used` words of it that were typed. */
  const found = (command: ChatCommand, typed: TypedCommand, used: number): Resolution => ({
    kind: 'command',
    command,
    args: typed.words.slice(used),
    rawArgs: tailAfter(typed, used),
  });

  function resolve(text: string, slash?: string): Resolution {
    const typed = parseTyped(text);
    if (slash === undefined) {
      if (isHelp(typed.text)) return { kind: 'help' };
      const command = longest(typed.words);
      return command ? found(command, typed, command.words.length) : { kind: 'unknown', typed: typed.text };
    }
    const prefixed = [slash, ...typed.words];
    const asTyped = `${slash} ${typed.text}`.trim();
    const takesAll = commands.some((c) => c.words.length === 1 && c.words[0] === slash && c.slashTakesAllText === true);
    const hasSubcommands = !takesAll && commands.some((c) => c.words.length > 1 && c.words[0] === slash);
    if (!hasSubcommands) {
      const command = longest(prefixed);
      return command ? found(command, typed, command.words.length - 1) : { kind: 'unknown', typed: asTyped };
    }
    if (isHelp(typed.text)) return { kind: 'help' };
    const sub = longest(prefixed);
    const own = longest(typed.words);
    // `/audit finding amend F-1` is the command `finding amend`, not `audit finding` with "amend"
    // as its audit: the command that takes more of the typed words wins, the subcommand on a tie.
    const ownIsLonger = own !== null && own.words[0] !== slash && own.words.length > (sub?.words.length ?? 1) - 1;
    if (sub && sub.words.length > 1 && !ownIsLonger) return found(sub, typed, sub.words.length - 1);
    if (own && own.words[0] !== slash) return found(own, typed, own.words.length);
    return sub ? found(sub, typed, 0) : { kind: 'unknown', typed: asTyped };
  }

  function help(): Message {
    const everyone = commands.filter((c) => !c.leadOnly);
    const leads = commands.filter((c) => c.leadOnly);
    return {
      summary: 'Auditbot commands',
      title: 'Auditbot: what you can ask',
      blocks: [
        { type: 'text', text: 'Auditbot runs the ISO/IEC 27001:2022 internal audit here. Type one of these:' },
        { type: 'list', items: everyone.map((c) => `${c.usage}: ${c.summary}`) },
        ...(leads.length > 0 ? [{ type: 'list' as const, title: 'For audit leads', items: leads.map((c) => `${c.usage}: ${c.summary}`) }] : []),
      ],
    };
  }

  return {
    capabilities: Object.freeze([...capabilities]),
    commands,
    forms,
    buttons,
    command: (words) => byWords.get(words.join(' ').toLowerCase()),
    resolve,
    form: (formId) => byForm.get(formId),
    button: (buttonId) => byButton.get(buttonId),
    search: (core, source, query, limit) => bySource.get(source)?.search(core, query, limit) ?? [],
    help,
  };
}
