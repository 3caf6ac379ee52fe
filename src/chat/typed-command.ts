// What a person typed, split into words once. Each word keeps where it starts, so a command's
// raw tail (the statement after `finding`, a justification after `audit assign <id> <email>`)
// is the person's own text, spacing and quotes included, cut from what they typed.

export interface TypedCommand {
  /** What was typed, without the spaces around it. */
  text: string;
  /** The words, with "quoted phrases" kept together (and their quotes removed). */
  words: string[];
  /** Where each word starts in `text`. */
  starts: number[];
}

export function parseTyped(typed: string): TypedCommand {
  const text = typed.trim();
  const words: string[] = [];
  const starts: number[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    words.push(m[1] ?? m[2] ?? m[3] ?? '');
    starts.push(m.index);
  }
  return { text, words, starts };
}

/** The text after the first `n` words, as typed. */
export const tailAfter = (typed: TypedCommand, n: number): string => (n < typed.starts.length ? typed.text.slice(typed.starts[n]).trim() : '');
