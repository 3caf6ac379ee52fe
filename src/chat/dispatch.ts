import { isAuditbotError } from '../core/errors.js';
import type { Message } from '../core/message.js';
import { checkActionValue, commandTooLong, DEFAULT_FIELD_CHARS, fieldTooLong } from './limits.js';
import { ACTION_HANDLERS, CHAT_COMMANDS, FORM_HANDLERS } from './registry.js';
import type { ActionHandler, ChatCommand, ChatContext, ChatReply, FormHandler, FormResult } from './types.js';

/** Splits typed text into words, keeping "quoted phrases" together. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const m of text.trim().matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

export function findCommand(text: string, commands: ChatCommand[] = CHAT_COMMANDS): { command: ChatCommand; args: string[]; rawArgs: string } | null {
  const words = tokenize(text);
  const lower = words.map((w) => w.toLowerCase());
  let best: ChatCommand | null = null;
  for (const c of commands) {
    if (c.words.every((w, i) => lower[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  if (!best) return null;
  // The raw tail keeps the person's own spacing and quotes (e.g. the text after `finding`).
  let rest = text.trim();
  for (const w of best.words) rest = rest.replace(new RegExp(`^\\s*${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'), '');
  return { command: best, args: words.slice(best.words.length), rawArgs: rest.trim() };
}

export function helpMessage(commands: ChatCommand[] = CHAT_COMMANDS): Message {
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

export const errorMessage = (text: string, reference?: string): Message => ({
  summary: text,
  blocks: [{ type: 'text', text }, ...(reference ? [{ type: 'context' as const, text: `Reference: ${reference}` }] : [])],
});

/**
 * Runs typed text as a command; unknown text gets the help. Core refusals become a plain answer.
 * Text longer than any command could be is refused before it is parsed.
 */
export async function runChatText(ctx: ChatContext, text: string, commands: ChatCommand[] = CHAT_COMMANDS): Promise<ChatReply> {
  const tooLong = commandTooLong(text);
  if (tooLong) return { kind: 'message', visibility: 'private', message: tooLong };
  const found = findCommand(text, commands);
  if (!found) {
    const typed = text.trim();
    if (typed === '' || /^(help|\?)$/i.test(typed)) return { kind: 'message', message: helpMessage(commands) };
    const help = helpMessage(commands);
    return {
      kind: 'message',
      message: { ...help, summary: `I don't know "${typed}". ${help.summary}`, blocks: [{ type: 'text', text: `I don't know "${typed}".` }, ...help.blocks] },
    };
  }
  try {
    return await found.command.run(ctx, found.args, found.rawArgs);
  } catch (e) {
    if (isAuditbotError(e)) return { kind: 'message', message: errorMessage(e.message) };
    throw e;
  }
}

export const findForm = (formId: string, handlers: FormHandler[] = FORM_HANDLERS): FormHandler | undefined => handlers.find((h) => h.formId === formId);

/** The handler of a button; its value is bounded before the handler sees it. */
export function findAction(actionId: string, handlers: ActionHandler[] = ACTION_HANDLERS): ActionHandler | undefined {
  const handler = handlers.find((h) => h.actionId === actionId);
  if (!handler) return undefined;
  return {
    actionId: handler.actionId,
    async run(ctx, value) {
      checkActionValue(value);
      return handler.run(ctx, value);
    },
  };
}

/** Field errors for values over their field's limit (its maxLength, else the short default). */
function overLongFields(handler: FormHandler, values: Record<string, string | boolean | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [id, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    // Own keys only: a field named `constructor` must not find Object.prototype's.
    const limit = handler.maxLengths && Object.hasOwn(handler.maxLengths, id) ? handler.maxLengths[id] : undefined;
    const error = fieldTooLong(value, limit ?? DEFAULT_FIELD_CHARS);
    if (error) errors[id] = error;
  }
  return errors;
}

/**
 * Submits a form; a core validation error becomes per-field errors, other refusals a general one.
 * A value longer than its field takes is answered with a field error before the handler runs.
 */
export async function submitForm(ctx: ChatContext, formId: string, values: Record<string, string | boolean | undefined>, formContext: Record<string, string>, key: string): Promise<FormResult> {
  const handler = findForm(formId);
  if (!handler) return { ok: false, errors: { _form: `This form (${formId}) is no longer supported. Please start again.` } };
  const tooLong = overLongFields(handler, values);
  if (Object.keys(tooLong).length > 0) return { ok: false, errors: tooLong };
  try {
    return await handler.submit(ctx, values, formContext, key);
  } catch (e) {
    if (isAuditbotError(e)) {
      return { ok: false, errors: Object.keys(e.fields).length > 0 ? { ...e.fields } : { _form: e.message } };
    }
    throw e;
  }
}
