// How long what people type may be, checked where it enters the chat layer (pipeline.ts) and
// before any work: typed commands, form values and button values. The core checks its own
// fields again with its own words; these bounds make sure that nothing far longer than a field
// could take (a 4 MB paste, a forged payload) is parsed, searched, quoted back or rendered.
import { MAX_TEXT } from '../core/evidence/evidence-schema.js';
import type { Message } from '../core/message.js';
import { MAX_LINKS_TEXT } from '../core/shared/links-schema.js';

/**
 * The longest command anyone could need: `submit <request>` with the most links allowed, each
 * as long as allowed, and a note as long as allowed, plus room for the words around them.
 */
export const MAX_COMMAND_CHARS = 200 + MAX_LINKS_TEXT + MAX_TEXT;

/** A form field without a maxLength of its own holds a choice, a date, an id or an e-mail. */
export const DEFAULT_FIELD_CHARS = 500;

/** Button values are ids the bot wrote (Slack carries at most 2,000 characters in one). */
export const MAX_BUTTON_VALUE_CHARS = 2000;

const count = (n: number): string => n.toLocaleString('en-GB');

/** Characters as people count them (code points), so an emoji or an accented letter is one. */
export function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The length of `text` when it is over `max` characters, else null; cheap for short text. */
export function lengthOver(text: string, max: number): number | null {
  // A code point is one or two UTF-16 units, so text no longer than `max` units always fits.
  if (text.length <= max) return null;
  const n = charCount(text);
  return n > max ? n : null;
}

/** Like `lengthOver`, without the spaces around the text (people paste them; nobody counts them). */
const trimmedLengthOver = (text: string, max: number): number | null => (text.length <= max ? null : lengthOver(text.trim(), max));

/** The answer to a typed command longer than any command could be; null when it is not. */
export function commandTooLong(text: string): Message | null {
  const n = trimmedLengthOver(text, MAX_COMMAND_CHARS);
  if (n === null) return null;
  const said = `That is ${count(n)} characters; commands are at most ${count(MAX_COMMAND_CHARS)}. Please shorten it, or put long text in a document and share a link.`;
  return { summary: said, blocks: [{ type: 'text', text: said }] };
}

/** The field error for a form value over its limit; null when it fits. */
export function fieldTooLong(value: string, max: number): string | null {
  const n = trimmedLengthOver(value, max);
  return n === null ? null : `That is ${count(n)} characters; the limit is ${count(max)}. Please shorten it.`;
}

/** The answer to a button value no button of the bot could carry; null when it could be one. */
export function buttonValueTooLong(value: string): Message | null {
  const n = lengthOver(value, MAX_BUTTON_VALUE_CHARS);
  if (n === null) return null;
  const said = `That button carries ${count(n)} characters; buttons carry at most ${count(MAX_BUTTON_VALUE_CHARS)}. It did not come from Auditbot: use the buttons of its messages, or type the command.`;
  return { summary: said, blocks: [{ type: 'text', text: said }] };
}
