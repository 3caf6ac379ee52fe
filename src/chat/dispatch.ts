import { isAuditbotError } from '../core/errors.js';
import type { Message } from '../core/message.js';
import { outsiderAnswer } from '../core/organisation/outsider-answer.js';
import { issueFormInstance, openFormInstance } from './form-instances.js';
import { acceptFormValues } from './form-values.js';
import { checkActionValue, commandTooLong, DEFAULT_FIELD_CHARS, fieldTooLong } from './limits.js';
import { ACTION_HANDLERS, CHAT_COMMANDS, FORM_HANDLERS } from './registry.js';
import type { ActionHandler, ChatCommand, ChatContext, ChatReply, FormHandler, ShownReply, SubmitOutcome } from './types.js';

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
 * The context with the person as the organisation knows them now, or null when they are not,
 * or no longer, an active person: adapters check identity as a request arrives, and this holds
 * the same line for every path into the chat surface (a person deactivated since, a console
 * or a test acting as anyone).
 */
function asActivePerson(ctx: ChatContext): ChatContext | null {
  const person = ctx.core.store.transaction((tx) => tx.organisation.getPerson(ctx.actor.email));
  return person?.active ? { ...ctx, actor: person } : null;
}

const outsider = (ctx: ChatContext): ShownReply => ({ kind: 'message', visibility: 'private', message: outsiderAnswer(ctx.core) });

/** A handler's reply as shown: a form is stored as an instance first, and carries its id. */
function shown(ctx: ChatContext, reply: ChatReply): ShownReply {
  return reply.kind === 'form' ? { kind: 'form', form: reply.form, instance: issueFormInstance(ctx, reply.form) } : reply;
}

/**
 * Runs typed text as a command; unknown text gets the help. Core refusals become a plain answer.
 * Text longer than any command could be is refused before it is parsed.
 */
export async function runChatText(context: ChatContext, text: string, commands: ChatCommand[] = CHAT_COMMANDS): Promise<ShownReply> {
  const tooLong = commandTooLong(text);
  if (tooLong) return { kind: 'message', visibility: 'private', message: tooLong };
  const ctx = asActivePerson(context);
  if (!ctx) return outsider(context);
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
    return shown(ctx, await found.command.run(ctx, found.args, found.rawArgs));
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

/** Presses a button: null when no handler has `actionId` (an old message); core refusals become a plain answer. */
export async function runAction(context: ChatContext, actionId: string, value: string, handlers: ActionHandler[] = ACTION_HANDLERS): Promise<ShownReply | null> {
  const handler = findAction(actionId, handlers);
  if (!handler) return null;
  const ctx = asActivePerson(context);
  if (!ctx) return outsider(context);
  try {
    return shown(ctx, await handler.run(ctx, value));
  } catch (e) {
    if (isAuditbotError(e)) return { kind: 'message', visibility: 'private', message: errorMessage(e.message) };
    throw e;
  }
}

/**
 * Submits the form instance `instanceId` with the values the platform sent. The form and its
 * context come from the stored instance, never from the submission; values for fields it did not
 * offer refuse the submission. A core validation error becomes per-field errors, other refusals
 * a general one (`_form`). `key` names this submission on its platform (e.g. Slack's view id and
 * hash) so that, with the instance, a retry or a double click is recorded once.
 */
export async function submitForm(context: ChatContext, instanceId: unknown, raw: Readonly<Record<string, unknown>>, key: string): Promise<SubmitOutcome> {
  const ctx = asActivePerson(context);
  if (!ctx) return { ok: false, errors: { _form: outsiderAnswer(context.core).summary } };
  const opened = openFormInstance(ctx, instanceId);
  if (!opened.ok) return { ok: false, errors: { _form: opened.error } };
  const { form } = opened;
  const instance = instanceId as string;
  const handler = findForm(form.id);
  if (!handler) return { ok: false, errors: { _form: `This form (${form.id}) is no longer supported. Please start again.` } };
  // Each value of the form's own fields is held to its field's limit before any other work.
  const offered = new Set(form.fields.map((f) => f.id));
  const tooLong = overLongFields(handler, Object.fromEntries(Object.entries(raw).filter(([id, v]) => offered.has(id) && typeof v === 'string')) as Record<string, string>);
  if (Object.keys(tooLong).length > 0) return { ok: false, errors: tooLong, form, instance };
  const accepted = acceptFormValues(ctx.core, form, raw);
  if (!accepted.ok) return { ok: false, errors: accepted.errors, form, instance };
  try {
    const result = await handler.submit(ctx, accepted.values, { ...form.context }, `form:${instance}:${key}`);
    return result.ok ? { ok: true, reply: shown(ctx, result.reply) } : { ok: false, errors: result.errors, form, instance };
  } catch (e) {
    if (isAuditbotError(e)) {
      return { ok: false, errors: Object.keys(e.fields).length > 0 ? { ...e.fields } : { _form: e.message }, form, instance };
    }
    throw e;
  }
}
