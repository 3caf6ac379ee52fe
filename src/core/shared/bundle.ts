// One message per person (issue 15): the DMs one person has due at the same moment are sent as
// one message, each part with all its text and every button it had. A bundle stays within what
// every platform takes (Slack: 50 blocks and about 11k characters of block text; Teams: 40 KB),
// measured here conservatively on the neutral model; what does not fit starts the next bundle,
// so nothing is ever cut.
import type { Block, Message } from '../message.js';

/** The most a bundle may hold: well inside Slack's 50 blocks / 11k characters and Teams' 40 KB. */
export const BUNDLE_LIMITS = { blocks: 40, chars: 9_000 } as const;

const SECTION = 3000;

/** Rendered blocks (Slack sections, actions rows) a neutral block becomes, at most. */
function blockCost(b: Block): { blocks: number; chars: number } {
  switch (b.type) {
    case 'text':
      return { blocks: Math.max(1, Math.ceil(b.text.length / SECTION)), chars: b.text.length };
    case 'fields': {
      const chars = b.fields.reduce((n, f) => n + f.label.length + f.value.length + 4, 0);
      return { blocks: Math.max(1, Math.ceil(b.fields.length / 10), Math.ceil(chars / SECTION)), chars };
    }
    case 'list': {
      const chars = (b.title?.length ?? 0) + b.items.reduce((n, i) => n + i.length + 3, 0) + 80;
      return { blocks: 2 + Math.ceil(chars / SECTION) + b.items.filter((i) => i.length > SECTION).length, chars };
    }
    case 'buttons':
      return { blocks: Math.max(1, Math.ceil(b.buttons.length / 25)), chars: b.buttons.reduce((n, x) => n + x.label.length, 0) };
    case 'context':
      return { blocks: 1, chars: b.text.length };
    case 'divider':
      return { blocks: 1, chars: 0 };
  }
}

/** What one part costs inside a bundle: its title line, its blocks and the divider after it. */
export function partCost(m: Message): { blocks: number; chars: number } {
  let blocks = 2;
  let chars = m.title?.length ?? 0;
  for (const b of m.blocks) {
    const c = blockCost(b);
    blocks += c.blocks;
    chars += c.chars;
  }
  return { blocks, chars };
}

/**
 * Splits messages, in order, into bundles within `BUNDLE_LIMITS`: returns the indices of each
 * bundle. A message too large to share a bundle goes alone (as it would have without bundling).
 */
export function planBundles(messages: readonly Message[], limits: { blocks: number; chars: number } = BUNDLE_LIMITS): number[][] {
  const bundles: number[][] = [];
  let current: number[] = [];
  let used = { blocks: 1, chars: 0 };
  messages.forEach((m, i) => {
    const c = partCost(m);
    if (current.length > 0 && (used.blocks + c.blocks > limits.blocks || used.chars + c.chars > limits.chars)) {
      bundles.push(current);
      current = [];
      used = { blocks: 1, chars: 0 };
    }
    current.push(i);
    used = { blocks: used.blocks + c.blocks, chars: used.chars + c.chars };
  });
  if (current.length > 0) bundles.push(current);
  return bundles;
}

/** One message carrying `parts` in order, each under its own title, with every block and button it had. */
export function combineMessages(parts: readonly Message[]): Message {
  if (parts.length === 1) return parts[0] as Message;
  const blocks: Block[] = [];
  parts.forEach((m, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push({ type: 'text', text: m.title && m.title.trim() !== '' ? m.title : m.summary });
    blocks.push(...m.blocks);
  });
  return {
    summary: `${parts.length} updates: ${parts.map((m) => m.summary).join(' · ')}`,
    title: `${parts.length} updates for you`,
    blocks,
  };
}
