// The Teams renderer: the neutral Message and Form as Adaptive Cards 1.5. Every string in the
// neutral model is plain text, often typed by a person, so it is escaped before it reaches a
// TextBlock or a Fact (the only places Teams reads Markdown): nothing typed becomes a link,
// a mention or formatting. Teams refuses bot messages over 40 KB, so a card is shortened step
// by step (fewer list items, shorter texts) until the whole activity fits.
import type { Block, Button, Form, FormField, FormOption, FormValues, Message } from '../../src/core/message.js';

export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  fallbackText?: string;
  /** Teams-only extension (full-width forms); not part of the Adaptive Card schema. */
  msteams?: { width: 'Full' };
}

/** The message activity the bot sends: the card as an attachment, the summary for notifications. */
export interface CardActivity {
  type: 'message';
  summary: string;
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams' limit is 40 KB for the whole activity on the wire; the envelope needs some of it. */
export const MAX_ACTIVITY_BYTES = 38_000;

/** The key, in the Action.Submit data, of what routes a card submission back to its form. */
export const FORM_DATA_KEY = 'auditbot';

/**
 * All a form card carries back besides its inputs: the id of the form's stored instance
 * (src/chat/form-instances.ts). The form's fields, options and context stay on the server, so
 * nothing the client sends can change them; a double click sends the same id and records once.
 */
export interface FormSubmitData {
  instance: string;
}

/** Options for a `search` field, asked from the core when the card is built. */
export type ChoiceSource = (source: 'requirement' | 'person') => FormOption[];

/** Beyond this many options a person picker becomes a text input: a long list would not fit 40 KB. */
export const MAX_SEARCH_CHOICES = 150;

// Characters with a Markdown meaning anywhere in a line: emphasis, code, links and images,
// HTML and mentions (`<at>`), headings, strike-through, tables, entities.
const INLINE_SPECIAL = /[\\`*_[\]()<>#~|&!{}]/g;

/**
 * Escapes text for an Adaptive Card TextBlock or Fact: Markdown punctuation gets a backslash,
 * and a line that would start a list, quote or heading is escaped at its start.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(INLINE_SPECIAL, (c) => `\\${c}`)
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

interface Budget {
  /** Items shown per list before "and N more". */
  listItems: number;
  /** Characters kept of any one text. */
  textChars: number;
}

const BUDGETS: Budget[] = [
  { listItems: 30, textChars: 6000 },
  { listItems: 15, textChars: 3000 },
  { listItems: 8, textChars: 1500 },
  { listItems: 4, textChars: 600 },
  { listItems: 2, textChars: 250 },
];

/** The index just after the code point that starts at `i`. */
function nextCodePoint(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/**
 * Cuts to at most `max` code points (the last one an ellipsis when cut), so a surrogate pair is
 * never split. Reads no further than the cut, however long the text.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let i = 0;
  let n = 0;
  let keep = 0;
  while (i < text.length && n <= max) {
    i = nextCodePoint(text, i);
    n++;
    if (n === max - 1) keep = i;
  }
  return n <= max ? text : `${text.slice(0, keep)}…`;
}

const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });

const plain = (text: string, budget: Budget): string => escapeMarkdown(cut(text, budget.textChars));

/** Plain-text properties (button titles, labels, choices) are not Markdown, only cut to size. */
const label = (text: string, max = 200): string => cut(text.replace(/\s+/g, ' ').trim(), max);

/** A button as an Action.Submit; its data keeps the key `action`, which cards already sent carry. */
function submitButton(button: Button): CardElement {
  return {
    type: 'Action.Submit',
    title: label(button.label, 80),
    data: { action: button.id, value: button.value },
    ...(button.style === 'primary' ? { style: 'positive' } : button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function renderBlock(block: Block, budget: Budget): CardElement[] {
  switch (block.type) {
    case 'text':
      return [textBlock(plain(block.text, budget))];
    case 'context':
      return [textBlock(plain(block.text, budget), { isSubtle: true, size: 'Small' })];
    case 'divider':
      return [];
    case 'fields':
      return block.fields.length === 0
        ? []
        : [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: plain(f.label, { ...budget, textChars: 100 }), value: plain(f.value, budget) })) }];
    case 'list': {
      const out: CardElement[] = [];
      if (block.title) out.push(textBlock(plain(block.title, budget), { weight: 'Bolder' }));
      const shown = block.items.slice(0, budget.listItems);
      for (const item of shown) out.push(textBlock(`• ${plain(item, budget)}`, { spacing: 'Small' }));
      const more = block.items.length - shown.length + (block.more ?? 0);
      if (more > 0) {
        out.push(textBlock(plain(`… and ${more} more${block.moreHint ? ` (${block.moreHint})` : ''}`, budget), { isSubtle: true, spacing: 'Small' }));
      }
      if (block.items.length === 0 && !block.more) out.push(textBlock('(none)', { isSubtle: true, spacing: 'Small' }));
      return out;
    }
    case 'buttons':
      return block.buttons.length === 0 ? [] : [{ type: 'ActionSet', actions: block.buttons.slice(0, 6).map(submitButton) }];
  }
}

function messageCard(message: Message, budget: Budget): AdaptiveCard {
  const body: CardElement[] = [];
  if (message.title) body.push(textBlock(plain(message.title, budget), { size: 'Medium', weight: 'Bolder' }));
  if (message.blocks.length === 0) body.push(textBlock(plain(message.summary, budget)));
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separate = true;
      continue;
    }
    const elements = renderBlock(block, budget);
    const first = elements[0];
    if (separate && first) {
      elements[0] = { ...first, separator: true, spacing: 'Medium' };
      separate = false;
    }
    body.push(...elements);
  }
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, fallbackText: cut(message.summary, 500) };
}

export const cardActivity = (card: AdaptiveCard, summary: string): CardActivity => ({
  type: 'message',
  summary: cut(summary, 500),
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
});

export const activityBytes = (activity: CardActivity): number => Buffer.byteLength(JSON.stringify(activity), 'utf8');

/** Renders with the most generous budget that fits Teams' size limit. */
function fit(render: (budget: Budget) => AdaptiveCard, summary: string): CardActivity {
  for (const budget of BUDGETS) {
    const activity = cardActivity(render(budget), summary);
    if (activityBytes(activity) <= MAX_ACTIVITY_BYTES) return activity;
  }
  // Unreachable with the neutral model's sizes; kept so a card is never sent over the limit.
  return cardActivity(
    { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body: [textBlock(plain(summary, { listItems: 0, textChars: 1000 }))], fallbackText: cut(summary, 500) },
    summary,
  );
}

/** A neutral message as a Teams message activity with one Adaptive Card. */
export function renderMessage(message: Message): CardActivity {
  return fit((budget) => messageCard(message, budget), message.summary);
}

export interface FormRenderOptions {
  /** Values to show in the inputs, e.g. what was submitted when the card comes back with errors. */
  values?: FormValues;
  /** Field id → message shown under that input; `_form` is shown at the top. */
  errors?: Record<string, string>;
  instance: string;
  choices: ChoiceSource;
}

const stringValue = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : undefined);

function choiceSet(field: FormField, options: FormOption[], value: string | undefined, extra: Record<string, unknown>): CardElement {
  const choices = options.map((o) => ({ title: label(o.label, 150), value: o.value }));
  // A value the list does not hold (e.g. a retyped owner) is kept so the person does not lose it.
  if (value && !options.some((o) => o.value === value)) choices.unshift({ title: label(value, 150), value });
  return { type: 'Input.ChoiceSet', id: field.id, style: 'compact', choices, ...(value ? { value } : {}), ...extra };
}

function input(field: FormField, value: string | undefined, error: string | undefined, choices: ChoiceSource, budget: Budget): CardElement {
  const common: Record<string, unknown> = {
    label: label(field.label, 100),
    isRequired: field.required,
    errorMessage: label(error ?? `${field.label} is required.`, 500),
  };
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        id: field.id,
        ...(field.type === 'textarea' ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.placeholder ? { placeholder: label(field.placeholder) } : {}),
        ...(value !== undefined ? { value: cut(value, Math.max(field.maxLength ?? 0, budget.textChars)) } : {}),
        ...common,
      };
    case 'select':
      return choiceSet(field, field.options, value, { ...common, placeholder: 'Choose…' });
    case 'search': {
      const options = choices(field.source);
      const initial = value ?? field.initial?.value;
      if (field.source === 'person' && options.length > MAX_SEARCH_CHOICES) {
        return { type: 'Input.Text', id: field.id, placeholder: 'e-mail address, e.g. bo@acme.example', ...(initial ? { value: initial } : {}), ...common };
      }
      const withInitial = field.initial && !options.some((o) => o.value === field.initial?.value) ? [field.initial, ...options] : options;
      return choiceSet(field, withInitial, initial, { ...common, placeholder: field.source === 'requirement' ? 'Choose a clause or control…' : 'Choose a person…' });
    }
    case 'date':
      return { type: 'Input.Date', id: field.id, ...(value ? { value } : {}), ...common };
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        id: field.id,
        title: label(field.text, 200),
        valueOn: 'true',
        valueOff: 'false',
        value: value === 'true' || (value === undefined && field.initial === true) ? 'true' : 'false',
        wrap: true,
        ...common,
      };
  }
}

function initialValue(field: FormField): string | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'select':
    case 'date':
      return field.initial;
    case 'search':
      return field.initial?.value;
    case 'checkbox':
      return field.initial === undefined ? undefined : String(field.initial);
  }
}

/** The id of the TextBlock that shows a field's error, so the card says which field it belongs to. */
export const errorId = (fieldId: string): string => `${fieldId}.error`;

function formCard(form: Form, opts: FormRenderOptions, budget: Budget): AdaptiveCard {
  const body: CardElement[] = [textBlock(plain(form.title, budget), { size: 'Medium', weight: 'Bolder' })];
  if (form.intro) body.push(textBlock(plain(form.intro, budget)));
  const general = opts.errors?._form;
  if (general) body.push(textBlock(plain(general, budget), { id: errorId('_form'), color: 'attention', weight: 'Bolder' }));
  for (const field of form.fields) {
    const error = opts.errors?.[field.id];
    const submitted = opts.values ? stringValue(opts.values[field.id]) : undefined;
    body.push(input(field, submitted ?? initialValue(field), error, opts.choices, budget));
    if (field.hint) body.push(textBlock(plain(field.hint, budget), { isSubtle: true, size: 'Small', spacing: 'None' }));
    if (error) body.push(textBlock(plain(error, budget), { id: errorId(field.id), color: 'attention', size: 'Small', spacing: 'None' }));
  }
  // Errors on keys with no input of their own (e.g. a derived field) must still be seen.
  const known = new Set(['_form', ...form.fields.map((f) => f.id)]);
  for (const [key, message] of Object.entries(opts.errors ?? {})) {
    if (!known.has(key)) body.push(textBlock(plain(message, budget), { id: errorId(key), color: 'attention' }));
  }
  const data: Record<string, unknown> = { [FORM_DATA_KEY]: { instance: opts.instance } satisfies FormSubmitData };
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body,
    actions: [{ type: 'Action.Submit', title: label(form.submitLabel, 80), style: 'positive', data }],
    fallbackText: cut(form.title, 500),
    msteams: { width: 'Full' },
  };
}

/** A neutral form as a card whose submit button carries back its inputs and the form's instance id. */
export function renderForm(form: Form, opts: FormRenderOptions): CardActivity {
  const summary = Object.keys(opts.errors ?? {}).length > 0 ? `${form.title}: please correct the fields marked in red.` : form.title;
  return fit((budget) => formCard(form, opts, budget), summary);
}
