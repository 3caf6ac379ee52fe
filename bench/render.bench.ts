// Benchmark (issue 11, point 3): rendering a message with 1 MB of typed text on each renderer
// (Slack Block Kit, Teams Adaptive Card, console text), and 4 MB to show the time grows in
// step with the text. Rendering used to split text in quadratic time (3.9 MB blocked the event
// loop for 136 s). Aim: 1 MB well under 100 ms on every renderer.
// Two baselines are measured in the same run on the same text: for the chat platforms, which can
// show only about 11,000 characters, the floor is cutting the text to that and escaping it; for
// the console, which prints everything, the floor is one pass over the whole text that drops
// control characters.
// Run alone with `npx tsx bench/render.bench.ts`, or through `npm run bench render`.
import { pathToFileURL } from 'node:url';
import { renderMessageText } from '../adapters/console/render.js';
import { renderMessage as renderSlack } from '../adapters/slack/render.js';
import { renderMessage as renderTeams } from '../adapters/teams/render.js';
import type { Message } from '../src/core/message.js';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

const MB = 1024 * 1024;
const RUNS = 15;
const WARMUP = 3;

/** Text as people type it: words, punctuation Slack and Markdown treat specially, lines, emoji. */
function typedText(chars: number): string {
  const words = ['access', 'review', '&', 'the', '<admin>', 'accounts', 'were', 'not', 'removed', '*urgent*', 'see', 'ticket', '#42', 'café', '🔐', 'after', 'leaving'];
  const parts: string[] = [];
  let length = 0;
  let seed = 7;
  while (length < chars) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const word = words[seed % words.length] as string;
    const sep = seed % 23 === 0 ? '\n' : ' ';
    parts.push(word, sep);
    length += word.length + 1;
  }
  return parts.join('').slice(0, chars);
}

/** The least a chat renderer must do: cut to what a message can show, and escape that. */
function chatFloor(text: string): string {
  return text.slice(0, 11_000).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** The least the console must do: look at every character once (it prints all of it). */
function terminalFloor(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

export default async function bench(): Promise<BenchResult> {
  const rows: Record<string, string | number>[] = [];
  for (const size of [1 * MB, 4 * MB]) {
    const text = typedText(size);
    const message: Message = { summary: text, title: 'A long finding', blocks: [{ type: 'text', text }, { type: 'context', text }] };
    const cases: { name: string; floor?: string; fn: () => unknown }[] = [
      { name: 'floor for chat: cut to 11,000 characters, escape', fn: () => chatFloor(text) },
      { name: 'floor for the terminal: one pass over all', fn: () => terminalFloor(text) },
      { name: 'Slack Block Kit', floor: 'floor for chat: cut to 11,000 characters, escape', fn: () => renderSlack(message) },
      { name: 'Teams Adaptive Card', floor: 'floor for chat: cut to 11,000 characters, escape', fn: () => renderTeams(message) },
      { name: 'console text', floor: 'floor for the terminal: one pass over all', fn: () => renderMessageText(message) },
    ];
    const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Rotating the order spreads drift (GC, the other process on the core) over every case.
      for (let j = 0; j < cases.length; j++) {
        const c = cases[(i + j) % cases.length] as (typeof cases)[number];
        const ms = time(c.fn);
        if (i >= WARMUP) samples.get(c.name)?.push(ms);
      }
    }
    const p50 = (name: string): number => quantile([...(samples.get(name) ?? [])].sort((a, b) => a - b), 0.5);
    for (const c of cases) {
      const s = [...(samples.get(c.name) ?? [])].sort((a, b) => a - b);
      rows.push({
        text: `${size / MB} MB`,
        renderer: c.name,
        runs: RUNS,
        'p50 ms': p50(c.name).toFixed(2),
        'max ms': (s[s.length - 1] ?? 0).toFixed(2),
        'p50 / its floor': c.floor ? (p50(c.name) / p50(c.floor)).toFixed(1) : '',
      });
    }
  }
  return {
    name: 'Rendering a message with 1 MB and 4 MB of typed text (title, text block, context block, summary)',
    rows,
    notes: [
      `Each renderer gets the same message, ${RUNS} timed runs after ${WARMUP} warm-ups, in rotating order. Aim: 1 MB well under 100 ms on every renderer, and 4 MB about four times 1 MB (linear).`,
      'Slack escapes only what it can show and scans the rest once to count the sections left out ("and N more"); Teams reads no further than it cuts; the console prints all of it.',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await bench();
  console.log(result.name);
  console.table(result.rows);
  for (const n of result.notes ?? []) console.log(n);
}
