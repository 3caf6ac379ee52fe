// A small command framework: the command table (commands/index.ts) names every command and
// loads its implementation, one file each, only when that command runs, so a command loads only
// the code it uses. `--help` works on every command and group; errors carry codes and go to
// stderr with a non-zero exit.
import { parseArgs } from 'node:util';
import type { OpenMode } from '../../db/connection.js';
import type { App } from '../app.js';
import type { Config } from '../config.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  /** Where an interactive command (the console) writes prompts and answers. */
  output: NodeJS.WritableStream;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  default?: string | boolean;
  multiple?: boolean;
  /** Shown in help: the value's shape, e.g. `<date>`. */
  placeholder?: string;
}

export interface RunArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  io: CliIO;
  /** Opens configuration and database (as the command's `database` says) on first use. */
  app: () => App;
  /** The validated configuration alone, for commands that need no database. */
  config: () => Config;
}

/** What the command table knows of a command without loading it: enough to select and list it. */
export interface CommandName {
  /** Words that select the command, e.g. ['programme', 'plan']. */
  path: string[];
  summary: string;
}

export interface CommandEntry extends CommandName {
  /** Imports the command's file; what that file imports (a chat SDK, a parser) loads only then. */
  load(): Promise<CommandImplementation>;
}

/** What a command's file exports: its options, help and behaviour. */
export interface CommandImplementation {
  /** Positional arguments as shown in usage, e.g. ['<org.yaml>']. */
  args?: string[];
  options?: Record<string, OptionSpec>;
  /** Longer help: what the command does, examples. */
  details?: string;
  /**
   * How the command opens the database: `write` (the default: it must exist), `read` (must
   * exist, opened read-only: listings and exports, which then work on an archived copy) or
   * `create` (created when missing: serve, console, import).
   */
  database?: OpenMode;
  /**
   * A long-running service (serve, console) logs at LOG_LEVEL. Any other command logs only when
   * LOG_LEVEL is set, and then to the CLI's stderr, so log lines never mix with its output.
   */
  service?: boolean;
  run(args: RunArgs): Promise<number> | number;
}

/** A loaded command: its name from the table, the rest from its file. */
export type CommandSpec = CommandName & CommandImplementation;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function usageLine(cmd: CommandSpec): string {
  const opts = Object.entries(cmd.options ?? {}).map(([name, o]) =>
    o.type === 'boolean' ? `[--${name}]` : `[--${name} ${o.placeholder ?? '<value>'}]`,
  );
  return ['auditbot', ...cmd.path, ...(cmd.args ?? []), ...opts].join(' ');
}

export function commandHelp(cmd: CommandSpec): string {
  const lines = [`Usage: ${usageLine(cmd)}`, '', cmd.summary];
  if (cmd.details) lines.push('', cmd.details);
  const opts = Object.entries(cmd.options ?? {});
  if (opts.length > 0) {
    lines.push('', 'Options:');
    for (const [name, o] of opts) {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.placeholder ?? '<value>'}` : ''}`;
      const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : '';
      lines.push(`  ${flag.padEnd(30)} ${o.description}${def}`);
    }
  }
  lines.push(`  ${'-h, --help'.padEnd(30)} show this help`);
  return lines.join('\n');
}

export function groupHelp(commands: readonly CommandName[], prefix: string[]): string {
  const list = commands.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const width = Math.max(...list.map((c) => c.path.join(' ').length));
  const lines = [
    prefix.length === 0 ? 'Auditbot: ISO/IEC 27001:2022 internal audit in Slack, Teams and the terminal.' : `auditbot ${prefix.join(' ')}`,
    '',
    'Commands:',
    ...list.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `auditbot <command> --help` for the options of a command.',
  ];
  return lines.join('\n');
}

/** Finds the command whose path is the longest prefix of argv. */
export function resolveCommand<T extends CommandName>(commands: readonly T[], argv: string[]): { cmd: T; rest: string[] } | null {
  let best: { cmd: T; rest: string[] } | null = null;
  for (const cmd of commands) {
    if (cmd.path.every((w, i) => argv[i] === w) && (!best || cmd.path.length > best.cmd.path.length)) {
      best = { cmd, rest: argv.slice(cmd.path.length) };
    }
  }
  return best;
}

export function parseCommandArgs(cmd: CommandSpec, rest: string[]): { values: RunArgs['values']; positionals: string[]; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, o] of Object.entries(cmd.options ?? {})) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    const { help, ...others } = values;
    return { values: others, positionals, help: help === true };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n\n${commandHelp(cmd)}`);
  }
}

/** Reads a string option, refusing values that are not among `allowed`. */
export function choice<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

export function requiredString(value: unknown, name: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new UsageError(`--${name} is required`);
}
