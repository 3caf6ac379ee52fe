// The neutral Message and Form model rendered as Block Kit, within Slack's limits. Everything
// that reaches a Slack text object is escaped (`&`, `<`, `>`), so nothing a person typed can
// become a mention (`<!channel>`, `<@U0123>`, `<!subteam^S1>`) or a link (`<https://x|click>`);
// plain_text is used wherever Slack allows it. Platform JSON lives here and nowhere else.
import type { types } from '@slack/bolt';
import { isFormInstanceId } from '../../src/chat/form-instances.js';
import type { Block, Button, Form, FormField, FormOption, FormValues, Message } from '../../src/core/message.js';

type KnownBlock = types.KnownBlock;
type PlainTextElement = types.PlainTextElement;
type PlainTextOption = types.PlainTextOption;
type InputBlock = types.InputBlock;
type ModalView = types.ModalView;
type HomeView = types.HomeView;
type SlackButton = types.Button;

/** Slack's documented limits (and the safe total for `msg_blocks_too_long`). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  /** Slack refuses about 12k characters of block text in one message; we stay at 11k. */
  totalText: 11_000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 3000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  viewTitle: 24,
  viewButton: 24,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  actionId: 255,
  blockId: 255,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  fallbackText: 3000,
  errorText: 2000,
} as const;

/** The callback id of every modal rendered from a neutral Form. */
export const FORM_CALLBACK_ID = 'auditbot.form';
/** Action ids of external selects: Slack asks the options listener for `search.<source>`. */
export const searchActionId = (source: 'requirement' | 'person'): string => `search.${source}`;
/** Action ids of rendered buttons end in `@<n>` so that they are unique within a message. */
export const ACTION_ID_SEPARATOR = '@';

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `raw` and cuts it so that the escaped text is at most `max` characters, ending with
 * an ellipsis when cut. Cuts between code points, never inside an entity or a surrogate pair.
 */
export function fitEscaped(raw: string, max: number): string {
  // Escaping never shortens text, so text longer than `max` is cut without escaping it all.
  if (raw.length <= max) {
    const full = escapeSlack(raw);
    if (full.length <= max) return full;
  }
  let out = '';
  for (const ch of raw) {
    const e = escapeSlack(ch);
    if (out.length + e.length + 1 > max) break;
    out += e;
  }
  return `${out}…`;
}

/** Cuts unescaped text (input values, option values) to at most `max` UTF-16 units. */
function fitRaw(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  let out = '';
  for (const ch of raw) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

const plain = (raw: string, max: number): PlainTextElement => ({ type: 'plain_text', text: fitEscaped(raw, max), emoji: true });

/** How many characters `&`, `<` and `>` become once escaped; 1 for every other UTF-16 unit. */
const escapedWidth = (code: number): number => (code === 0x26 ? 5 : code === 0x3c || code === 0x3e ? 4 : 1);

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Where to cut text so that each piece, once escaped, is at most `max` characters, preferring
 * line and word ends (a break in the second half of a piece), never inside an entity or a
 * surrogate pair. One pass over the text; returns the end index (in `raw`) of each piece.
 */
function pieceEnds(raw: string, max: number): number[] {
  const ends: number[] = [];
  let start = 0;
  while (start < raw.length) {
    let i = start;
    let width = 0;
    let chars = 0;
    // The end (in `raw`) and the character count just after the last space or newline.
    let breakAt = -1;
    let charsAtBreak = 0;
    while (i < raw.length) {
      const code = raw.charCodeAt(i);
      const units = isHighSurrogate(code) && isLowSurrogate(raw.charCodeAt(i + 1)) ? 2 : 1;
      const w = units === 2 ? 2 : escapedWidth(code);
      // Every piece takes at least one character, so the loop always moves on.
      if (width + w > max && chars > 0) break;
      width += w;
      chars++;
      i += units;
      if (code === 0x0a || code === 0x20) {
        breakAt = i;
        charsAtBreak = chars;
      }
    }
    start = i < raw.length && breakAt > start && charsAtBreak > chars / 2 ? breakAt : i;
    ends.push(start);
  }
  return ends;
}

/** A rendered block with what it costs and how many neutral items it shows. */
interface Unit {
  block: KnownBlock;
  chars: number;
  items: number;
}

function textLength(block: KnownBlock): number {
  switch (block.type) {
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'header':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + ('text' in e && typeof e.text === 'string' ? e.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + (e.type === 'button' ? e.text.text.length : 0), 0);
    default:
      return 0;
  }
}

const unit = (block: KnownBlock, items = 1): Unit => ({ block, chars: textLength(block), items });

/**
 * A section stands for each piece of text past what any surface can show: it is counted in the
 * "and N more" line but never rendered (its cost alone is over the whole budget), so text of any
 * length costs one scan beyond the part that is shown.
 */
const HIDDEN: Unit = { block: { type: 'section', text: { type: 'plain_text', text: '…' } }, chars: SLACK_LIMITS.totalText + 1, items: 1 };

/** Text as sections of at most 3,000 escaped characters; pieces of only spaces are left out. */
function textUnits(raw: string): Unit[] {
  const units: Unit[] = [];
  let start = 0;
  let shown = 0;
  for (const end of pieceEnds(raw, SLACK_LIMITS.sectionText)) {
    const piece = raw.slice(start, end);
    start = end;
    if (piece.trim() === '') continue;
    if (shown > SLACK_LIMITS.totalText) {
      units.push(HIDDEN);
      continue;
    }
    const text = escapeSlack(piece);
    shown += text.length;
    units.push(unit({ type: 'section', text: { type: 'plain_text', text, emoji: true } }));
  }
  return units;
}

const contextUnit = (raw: string, items = 1): Unit => unit({ type: 'context', elements: [plain(raw, SLACK_LIMITS.contextText)] }, items);

function fieldUnits(list: { label: string; value: string }[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < list.length; i += SLACK_LIMITS.fieldsPerSection) {
    const chunk = list.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    const fields = chunk.map((f) => {
      // The label is ours and bold; the value may be typed by anyone, so it is escaped and
      // `verbatim` stops Slack from linking bare URLs or channel names inside it.
      const label = `*${fitEscaped(f.label, 200)}*\n`;
      const value = f.value.trim() === '' ? '—' : f.value;
      return { type: 'mrkdwn' as const, text: label + fitEscaped(value, SLACK_LIMITS.fieldText - label.length), verbatim: true };
    });
    units.push(unit({ type: 'section', fields }, chunk.length));
  }
  return units;
}

function listUnits(list: Extract<Block, { type: 'list' }>): Unit[] {
  const units: Unit[] = [];
  if (list.title) units.push(unit({ type: 'section', text: { type: 'mrkdwn', text: `*${fitEscaped(list.title, 200)}*`, verbatim: true } }, 0));
  // Items are grouped into sections, each as full as the section limit allows, so that a long
  // list is cut between items (and counted) rather than in the middle of one.
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    if (current.length === 0) return;
    units.push(unit({ type: 'section', text: { type: 'plain_text', text: current.join('\n'), emoji: true } }, current.length));
    current = [];
    length = 0;
  };
  for (const item of list.items) {
    const line = `• ${fitEscaped(item, SLACK_LIMITS.sectionText - 2)}`;
    if (length + line.length + (current.length > 0 ? 1 : 0) > SLACK_LIMITS.sectionText || current.length >= 20) flush();
    length += line.length + (current.length > 0 ? 1 : 0);
    current.push(line);
  }
  flush();
  const more = list.more ?? 0;
  if (more > 0) units.push(contextUnit(`…and ${more} more.${list.moreHint ? ` ${list.moreHint}` : ''}`, 0));
  return units;
}

function buttonUnits(list: Button[], counter: { n: number }): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < list.length; i += SLACK_LIMITS.actionsElements) {
    const elements: SlackButton[] = list.slice(i, i + SLACK_LIMITS.actionsElements).map((a) => {
      const suffix = `${ACTION_ID_SEPARATOR}${counter.n++}`;
      return {
        type: 'button',
        text: plain(a.label.trim() === '' ? 'Open' : a.label, SLACK_LIMITS.buttonText),
        // The suffix is kept whole, so ids stay unique even when a long id is cut.
        action_id: fitRaw(a.id, SLACK_LIMITS.actionId - suffix.length) + suffix,
        value: fitRaw(a.value, SLACK_LIMITS.buttonValue),
        ...(a.style ? { style: a.style } : {}),
      };
    });
    units.push(unit({ type: 'actions', elements }, elements.length));
  }
  return units;
}

function blockUnits(block: Block, counter: { n: number }): Unit[] {
  switch (block.type) {
    case 'text':
      return textUnits(block.text);
    case 'fields':
      return fieldUnits(block.fields);
    case 'list':
      return listUnits(block);
    case 'buttons':
      return buttonUnits(block.buttons, counter);
    case 'context':
      return block.text.trim() === '' ? [] : [contextUnit(block.text)];
    case 'divider':
      return [unit({ type: 'divider' }, 0)];
  }
}

/** How an overflow notice reads; kept short so its reserve is small. */
const overflowText = (n: number): string => `…and ${n} more not shown here.`;
const OVERFLOW_RESERVE = 80;

/** Renders a message's title and blocks to at most `maxBlocks` blocks and the text budget. */
export function renderBlocks(message: Pick<Message, 'title' | 'blocks'>, maxBlocks: number): KnownBlock[] {
  const counter = { n: 0 };
  const units: Unit[] = [];
  if (message.title && message.title.trim() !== '') units.push(unit({ type: 'header', text: plain(message.title, SLACK_LIMITS.headerText) }, 0));
  for (const b of message.blocks) units.push(...blockUnits(b, counter));

  const total = units.reduce((n, u) => n + u.chars, 0);
  if (units.length <= maxBlocks && total <= SLACK_LIMITS.totalText) return units.map((u) => u.block);

  // Too much: keep whole blocks in order while they fit beside a closing "and N more".
  const kept: KnownBlock[] = [];
  let chars = 0;
  let i = 0;
  for (; i < units.length; i++) {
    const u = units[i] as Unit;
    if (kept.length + 1 > maxBlocks - 1 || chars + u.chars > SLACK_LIMITS.totalText - OVERFLOW_RESERVE) break;
    kept.push(u.block);
    chars += u.chars;
  }
  const left = units.slice(i).reduce((n, u) => n + u.items, 0);
  kept.push(contextUnit(overflowText(Math.max(left, 1))).block);
  return kept;
}

/** The arguments of `chat.postMessage` (and `chat.postEphemeral`) for a neutral message. */
export function renderMessage(message: Message): { text: string; blocks: KnownBlock[] } {
  return { text: fitEscaped(message.summary, SLACK_LIMITS.fallbackText), blocks: renderBlocks(message, SLACK_LIMITS.messageBlocks) };
}

/** The App Home tab for a neutral message. */
export function renderHome(message: Message): HomeView {
  return { type: 'home', blocks: renderBlocks(message, SLACK_LIMITS.surfaceBlocks) };
}

/** A modal that shows a message (an answer, an error, a loading notice); it only closes. */
export function renderMessageModal(title: string, message: Message, extra: { callbackId?: string; externalId?: string } = {}): ModalView {
  return {
    type: 'modal',
    ...(extra.callbackId ? { callback_id: extra.callbackId } : {}),
    ...(extra.externalId ? { external_id: extra.externalId } : {}),
    title: plain(title, SLACK_LIMITS.viewTitle),
    close: plain('Close', SLACK_LIMITS.viewButton),
    blocks: renderBlocks({ blocks: message.blocks }, SLACK_LIMITS.surfaceBlocks),
  };
}

/**
 * What a rendered form carries through Slack and gets back on submission: the id of its stored
 * instance (src/chat/form-instances.ts) and nothing else. The form's fields, options and context
 * stay on the server, so a crafted view cannot change them.
 */
export const encodeMetadata = (instance: string): string => instance;

/** The instance id of a submitted view, or null when `private_metadata` holds none. */
export const decodeMetadata = (text: string | undefined): string | null => (isFormInstanceId(text) ? text : null);

const option = (o: FormOption): PlainTextOption => ({ text: plain(o.label, SLACK_LIMITS.optionText), value: fitRaw(o.value, SLACK_LIMITS.optionValue) });

/** Options for a select or an options (external select) response: at most 100. */
export function renderOptions(options: FormOption[]): PlainTextOption[] {
  return options.slice(0, SLACK_LIMITS.options).map(option);
}

const isDate = (s: string | undefined): s is string => s !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(s);

function inputElement(field: FormField): InputBlock['element'] {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = Math.min(field.maxLength ?? SLACK_LIMITS.inputMaxLength, SLACK_LIMITS.inputMaxLength);
      const initial = field.initial ?? '';
      // Typed text longer than the limit is shown whole (no max_length), so nothing is lost
      // silently and the core's own message says how much to cut.
      const fits = initial.length <= max;
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.type === 'textarea',
        ...(initial !== '' ? { initial_value: initial } : {}),
        ...(fits ? { max_length: max } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, SLACK_LIMITS.placeholder) } : {}),
      };
    }
    case 'select': {
      const options = renderOptions(field.options);
      const initial = options.find((o) => o.value === field.initial);
      return {
        type: 'static_select',
        action_id: 'value',
        placeholder: plain('Choose…', SLACK_LIMITS.placeholder),
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'search':
      return {
        type: 'external_select',
        action_id: searchActionId(field.source),
        placeholder: plain(field.source === 'requirement' ? 'Type a clause, control or words' : 'Type a name or e-mail', SLACK_LIMITS.placeholder),
        min_query_length: 0,
        ...(field.initial ? { initial_option: option(field.initial) } : {}),
      };
    case 'date':
      return { type: 'datepicker', action_id: 'value', ...(isDate(field.initial) ? { initial_date: field.initial } : {}) };
    case 'checkbox': {
      const box: PlainTextOption = { text: plain(field.text, SLACK_LIMITS.optionText), value: 'true' };
      return { type: 'checkboxes', action_id: 'value', options: [box], ...(field.initial ? { initial_options: [box] } : {}) };
    }
  }
}

function inputBlock(field: FormField): KnownBlock {
  // A select with nothing to choose cannot be rendered as an input; say so in its place.
  if (field.type === 'select' && field.options.length === 0) {
    return { type: 'section', block_id: fitRaw(field.id, SLACK_LIMITS.blockId), text: plain(`${field.label}: nothing to choose from.${field.hint ? ` ${field.hint}` : ''}`, SLACK_LIMITS.sectionText) };
  }
  return {
    type: 'input',
    block_id: fitRaw(field.id, SLACK_LIMITS.blockId),
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    optional: !field.required,
    ...(field.hint ? { hint: plain(field.hint, SLACK_LIMITS.inputHint) } : {}),
    element: inputElement(field),
  };
}

/** A neutral Form as a modal: block ids are the field ids, so field errors land next to them. */
export function renderForm(form: Form, instance: string): ModalView {
  const blocks: KnownBlock[] = [];
  if (form.intro) blocks.push(...textUnits(form.intro).slice(0, 3).map((u) => u.block));
  for (const f of form.fields.slice(0, SLACK_LIMITS.surfaceBlocks - blocks.length)) blocks.push(inputBlock(f));
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, SLACK_LIMITS.viewTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.viewButton),
    close: plain('Cancel', SLACK_LIMITS.viewButton),
    private_metadata: encodeMetadata(instance),
    blocks,
  };
}

/** The state of one input as Slack submits it (a subset of Bolt's ViewStateValue). */
interface SubmittedValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_options?: { value: string }[] | null;
}

/** Reads a submitted modal back into neutral form values keyed by field (block) id. */
export function readFormValues(state: { values: Record<string, Record<string, SubmittedValue>> }): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const v = Object.values(actions)[0];
    if (!v) continue;
    switch (v.type) {
      case 'plain_text_input':
        values[blockId] = v.value ?? undefined;
        break;
      case 'static_select':
      case 'external_select':
        values[blockId] = v.selected_option?.value;
        break;
      case 'datepicker':
        values[blockId] = v.selected_date ?? undefined;
        break;
      case 'checkboxes':
        values[blockId] = (v.selected_options ?? []).length > 0;
        break;
      default:
        values[blockId] = v.value ?? undefined;
    }
  }
  return values;
}

/**
 * Field errors as `response_action: errors` wants them: keyed by the id of an input block of
 * the view. An error for anything else (`_form`, a field this form does not show) goes to the
 * first input, so the person always sees it.
 */
export function toViewErrors(errors: Record<string, string>, view: { blocks: { type: string; block_id?: string }[] }): Record<string, string> {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
  const out: Record<string, string> = {};
  const first = inputs[0];
  for (const [key, message] of Object.entries(errors)) {
    const target = inputs.includes(key) ? key : first;
    if (!target) continue;
    out[target] = out[target] ? `${out[target]} ${message}` : message;
  }
  for (const key of Object.keys(out)) out[key] = fitEscaped(out[key] as string, SLACK_LIMITS.errorText);
  return out;
}

/** The neutral button id of a rendered button's action id (`evidence.submit@3` → `evidence.submit`). */
export function buttonIdOf(actionId: string): string {
  const at = actionId.lastIndexOf(ACTION_ID_SEPARATOR);
  return at < 0 ? actionId : actionId.slice(0, at);
}
