// The README's quick start, run as written: every command of its ```sh blocks, in order, on a
// database of its own, each exiting 0 and printing the lines of the ```text block that follows
// it. A change to a command, a form or a message that the README does not follow fails here,
// so the walk-through a newcomer copies cannot go stale unnoticed.
//
// The commands run in-process through the CLI entry point, as `npm run auditbot -- …` would
// run them, with a clock that starts on the day the README's output was recorded and then
// runs at real speed, so ids, due dates and the digest's week match what the README shows.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
/** The morning the README's sample output was recorded. */
const RECORDED_ON = Date.parse('2026-12-02T10:00:00Z');
const NPM_CLI = 'npm run auditbot -- ';

interface Command {
  line: string;
  argv: string[];
  /** What a here-document feeds the command's standard input. */
  stdin: string | null;
}

interface Step {
  exports: Record<string, string>;
  commands: Command[];
  /** Lines the output must show; `…` marks text left out. */
  expected: string[];
}

/** Splits a shell line into words: single and double quotes, and a `#` comment outside them. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

/** The section under `## Quick start…`, up to the next `## ` heading. */
function quickStart(readme: string): string {
  const start = readme.search(/^## Quick start/m);
  if (start < 0) throw new Error('README.md has no "## Quick start" section');
  const rest = readme.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The ```sh blocks as steps, each with the ```text block after it as its expected output. */
export function parseQuickStart(readme: string): Step[] {
  const steps: Step[] = [];
  for (const block of quickStart(readme).matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    const [, lang, body = ''] = block;
    if (lang === 'text') {
      const step = steps.at(-1);
      if (!step) throw new Error('a ```text block comes before any ```sh block');
      step.expected.push(...body.split('\n').filter((l) => l.trim() !== ''));
      continue;
    }
    if (lang !== 'sh') throw new Error(`unexpected \`\`\`${lang} block in the quick start`);
    const step: Step = { exports: {}, commands: [], expected: [] };
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      if (line === '' || line.startsWith('#')) continue;
      const exported = /^export\s+([A-Z_][A-Z0-9_]*)=(\S+)$/.exec(line);
      if (exported) {
        step.exports[exported[1] ?? ''] = exported[2] ?? '';
        continue;
      }
      if (!line.startsWith(NPM_CLI)) throw new Error(`the quick start may only use \`export\` and \`${NPM_CLI}…\`, so this test can run it; found: ${line}`);
      const heredoc = /\s<<'(\w+)'$/.exec(line);
      let stdin: string | null = null;
      let command = line;
      if (heredoc) {
        command = line.slice(0, heredoc.index);
        const end = lines.indexOf(heredoc[1] ?? '', i + 1);
        if (end < 0) throw new Error(`here-document ${heredoc[1]} is not closed: ${line}`);
        stdin = `${lines.slice(i + 1, end).join('\n')}\n`;
        i = end;
      }
      const words = shellWords(command.slice(NPM_CLI.length));
      if (words.some((w) => /[|<>;&$`]/.test(w))) throw new Error(`shell syntax this test does not run: ${line}`);
      step.commands.push({ line, argv: words, stdin });
    }
    steps.push(step);
  }
  return steps;
}

interface Run {
  code: number;
  text: string;
}

/** One CLI invocation in-process: stdout, stderr and the console's output all in `text`. */
async function run(command: Command, env: Record<string, string>, clock: Clock): Promise<Run> {
  let text = '';
  const stdin = new PassThrough();
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  // Piped input arrives after the console has started, as from a shell.
  setImmediate(() => stdin.end(command.stdin ?? ''));
  const code = await runCli(
    command.argv,
    {
      stdout: (t) => {
        text += t.endsWith('\n') ? t : `${t}\n`;
      },
      stderr: (t) => {
        text += t.endsWith('\n') ? t : `${t}\n`;
      },
      env,
      cwd: root,
      stdin,
      output,
    },
    (io, mode) => openApp(loadConfig(io.env), { mode, clock }),
  );
  return { code, text };
}

describe('README quick start', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const steps = parseQuickStart(readme);

  it('reads as a walk-through this test can run: commands, here-documents and expected output', () => {
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const commands = steps.flatMap((s) => s.commands.map((c) => c.argv.join(' ')));
    for (const needed of ['import examples/org.yaml', 'programme plan', 'audit start', 'console --as', 'export audit', 'trail verify']) {
      expect(commands.some((c) => c.startsWith(needed)), needed).toBe(true);
    }
    const typed = steps.flatMap((s) => s.commands.flatMap((c) => (c.stdin ?? '').split('\n')));
    for (const step of ['submit 1 ', 'evidence review 1 accept', 'finding ', 'actions', 'do 1', 'do 2', 'audit digest preview']) {
      expect(typed.some((l) => l.startsWith(step))).toBe(true);
    }
    expect(steps.every((s) => s.expected.length > 0)).toBe(true);
  });

  describe('runs as written', () => {
    const dir = tempDir('auditbot-quickstart-');
    const env: Record<string, string> = { LOG_LEVEL: 'silent' };
    const started = Date.now();
    const clock: Clock = { now: () => new Date(RECORDED_ON + (Date.now() - started)) };
    const outputs: string[] = [];

    beforeAll(async () => {
      for (const step of steps) {
        for (const [name, value] of Object.entries(step.exports)) {
          // The README's database file becomes one in a temporary folder.
          env[name] = name === 'AUDITBOT_DB' ? join(dir, value.replace(/^.*\//, '')) : value;
        }
        let text = '';
        for (const command of step.commands) {
          const result = await run(command, env, clock);
          text += result.text;
          if (result.code !== 0) {
            outputs.push(text);
            throw new Error(`\`${command.line}\` exited ${result.code}:\n${result.text}`);
          }
        }
        outputs.push(text);
      }
    }, 120_000);

    it('uses a database of its own', () => {
      expect(env.AUDITBOT_DB).toBe(join(dir, 'quickstart.db'));
    });

    it.each(steps.map((step, i) => [i + 1, step] as const))('step %i prints what the README shows', (n, step) => {
      const text = outputs[n - 1] ?? '';
      for (const line of step.expected) {
        for (const piece of line.split('…').map((p) => p.trim()).filter(Boolean)) {
          expect(text, `step ${n}: ${step.commands.map((c) => c.line).join('; ')}`).toContain(piece);
        }
      }
    });

    it('went through every step without a form refusing an answer', () => {
      const all = outputs.join('\n');
      expect(all).not.toMatch(/Please fix:|was not saved|There is no button|Please type|Please pick|This one is required|failed unexpectedly/);
      expect(all).toMatch(/OK: \d+ events, chain intact/);
    });
  });
});
