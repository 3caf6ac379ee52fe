// The console's renderer: the neutral Message and Form as plain text for a terminal. Used by
// the console deliverer (notifications) and the interactive console (replies and forms).
import type { Block, Button, Form, FormField, Message } from '../../src/core/message.js';

const RULE = '-'.repeat(40);

/**
 * Text a person typed must not drive the terminal: escape sequences could recolour, move the
 * cursor or hide lines. Control characters other than newline and tab are dropped.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Copies the text only when something must change: typed text rarely holds either. */
const clean = (s: string): string => {
  const lines = s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
  return HAS_CONTROL.test(lines) ? lines.replace(CONTROL, '') : lines;
};

/** Indents every line after the first, so a multi-line value stays under its label. */
const hang = (s: string, indent: string): string => clean(s).split('\n').join(`\n${indent}`);

export const renderButtonHint = (b: Button): string => `[${clean(b.label)}]`;

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'text':
      return [clean(block.text)];
    case 'context':
      return [clean(block.text)];
    case 'divider':
      return [RULE];
    case 'fields':
      return block.fields.map((f) => `${clean(f.label)}: ${hang(f.value, '  ')}`);
    case 'list': {
      const lines = block.title ? [`${clean(block.title)}:`] : [];
      for (const item of block.items) lines.push(`  • ${hang(item, '    ')}`);
      if (block.more && block.more > 0) {
        lines.push(`  … and ${block.more} more${block.moreHint ? ` (${clean(block.moreHint)})` : ''}`);
      }
      if (block.items.length === 0 && !block.more) lines.push('  (none)');
      return lines;
    }
    case 'buttons':
      return block.buttons.length > 0 ? [block.buttons.map(renderButtonHint).join('  ')] : [];
  }
}

/** A message as readable text: title, then each block; the summary stands in for an empty body. */
export function renderMessageText(message: Message): string {
  const lines: string[] = [];
  if (message.title) lines.push(clean(message.title));
  if (message.blocks.length === 0) {
    if (message.summary !== message.title) lines.push(clean(message.summary));
  } else {
    for (const block of message.blocks) lines.push(...renderBlock(block));
  }
  return lines.join('\n');
}

function describeField(field: FormField): string {
  const parts: string[] = [field.required ? 'required' : 'optional'];
  switch (field.type) {
    case 'text':
    case 'textarea':
      parts.push(field.type === 'textarea' ? 'text, may span lines' : 'text');
      if (field.maxLength) parts.push(`up to ${field.maxLength} characters`);
      if (field.initial) parts.push(`now: ${clean(field.initial)}`);
      break;
    case 'select': {
      parts.push(`one of: ${field.options.map((o) => (o.label === o.value ? clean(o.value) : `${clean(o.value)} (${clean(o.label)})`)).join(', ')}`);
      const initial = field.options.find((o) => o.value === field.initial);
      if (initial) parts.push(`now: ${clean(initial.value)}`);
      break;
    }
    case 'search':
      parts.push(field.source === 'requirement' ? 'a clause such as 9.2 or a control such as A.5.15' : "a person's e-mail");
      if (field.initial) parts.push(`now: ${clean(field.initial.label)}`);
      break;
    case 'date':
      parts.push('a date, YYYY-MM-DD');
      if (field.initial) parts.push(`now: ${clean(field.initial)}`);
      break;
    case 'checkbox':
      parts.push(`yes or no: ${clean(field.text)}`);
      if (field.initial !== undefined) parts.push(`now: ${field.initial ? 'yes' : 'no'}`);
      break;
  }
  return parts.join('; ');
}

/** A form as text: title, intro, one numbered line per field with what it accepts, and the submit hint. */
export function renderFormText(form: Form): string {
  const lines = [clean(form.title)];
  if (form.intro) lines.push(clean(form.intro));
  form.fields.forEach((field, i) => {
    lines.push(`  ${i + 1}. ${clean(field.label)} (${describeField(field)})`);
    if (field.hint) lines.push(`     ${hang(field.hint, '     ')}`);
  });
  lines.push(`[${clean(form.submitLabel)}]`);
  return lines.join('\n');
}
