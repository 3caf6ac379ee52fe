// The one inbound path, the same for every platform:
//   adapter: parse payload → Inbound, and how to identify the person →
//   handle: bound the input → identify (outsiders get the outsider answer) → the person as the
//     organisation knows them now → registry entry → core use case → neutral reply →
//     refusal or fault, told apart once (faults.ts) →
//   adapter: render the Reply (Block Kit, Adaptive Card, text).
// A form shown is stored as an instance first (form-instances.ts); a submission is read back
// against it (form-values.ts). The pipeline never throws: whatever fails is in the reply.
import type { Core } from '../core/context.js';
import type { Message } from '../core/message.js';
import { outsiderAnswer } from '../core/organisation/outsider-answer.js';
import { faultMessage, isRefusal, noticeMessage, reportFault, type FaultLog } from './faults.js';
import { issueFormInstance, openFormInstance } from './form-instances.js';
import { acceptFormValues } from './form-values.js';
import { buttonValueTooLong, commandTooLong, DEFAULT_FIELD_CHARS, fieldTooLong } from './limits.js';
import type { ChatRegistry } from './registry.js';
import type { ChatContext, ChatFiles, ChatReply, ChatRequest, FormHandler, Inbound, Reply } from './types.js';

export interface ChatDeps {
  core: Core;
  registry: ChatRegistry;
  /** Where faults are logged, once each, with their reference. */
  log: FaultLog;
  /** How this platform makes and hands out files (`review pack`); without it, none are. */
  files?: ChatFiles;
}

/** The pipeline with its dependencies bound: what an adapter is given. */
export interface Chat {
  readonly core: Core;
  readonly registry: ChatRegistry;
  handle(request: ChatRequest): Promise<Reply>;
}

export const createChat = (deps: ChatDeps): Chat => ({ core: deps.core, registry: deps.registry, handle: (request) => handle(deps, request) });

export const STALE_BUTTON = 'This button is from an older message and no longer does anything. Type "help" to see what you can do now.';

type Handled<K extends Inbound['kind']> = Extract<Inbound, { kind: K }>;

/** The answer to input over its bounds, before anything else is done with it; null when it is within them. */
function outOfBounds(inbound: Inbound): Reply | null {
  const over = inbound.kind === 'command' ? commandTooLong(inbound.text) : inbound.kind === 'button' ? buttonValueTooLong(inbound.value) : null;
  return over ? { kind: 'message', visibility: 'private', message: over } : null;
}

/** What someone who is not (or no longer) an active person of the organisation hears, whatever they sent. */
const outsiderReply = (inbound: Inbound, answer: Message): Reply =>
  inbound.kind === 'form' ? { kind: 'invalid', errors: { _form: answer.summary } } : { kind: 'message', visibility: 'private', message: answer };

/**
 * The context with the person as the organisation knows them now, or null when they are not, or
 * no longer, an active person: adapters check identity as a request arrives, and this holds the
 * same line for every path (a person deactivated since, a console acting as anyone).
 */
function activeContext(deps: ChatDeps, request: ChatRequest, email: string): ChatContext | null {
  const { core } = deps;
  const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!person?.active) return null;
  return {
    core,
    actor: person,
    channel: request.platform,
    platform: request.platform,
    ...(request.conversationId ? { conversationId: request.conversationId } : {}),
    ...(request.shared ? { shared: true } : {}),
    ...(deps.files ? { files: deps.files } : {}),
  };
}

/** A handler's reply as shown: a form is stored as an instance first, and carries its id. */
function shown(ctx: ChatContext, reply: ChatReply): Reply {
  return reply.kind === 'form' ? { kind: 'form', form: reply.form, instance: issueFormInstance(ctx, reply.form) } : reply;
}

function helpReply(registry: ChatRegistry, unknown?: string): Reply {
  const help = registry.help();
  if (unknown === undefined) return { kind: 'message', message: help, help: true };
  const said = `I don't know "${unknown}".`;
  return { kind: 'message', message: { ...help, summary: `${said} ${help.summary}`, blocks: [{ type: 'text', text: said }, ...help.blocks] }, help: true };
}

/** What was asked, for the log line of a fault (never what was typed: it may be anything). */
type Asked = Record<string, string | boolean>;

async function runCommand(registry: ChatRegistry, ctx: ChatContext, inbound: Handled<'command'>, asked: Asked): Promise<Reply> {
  const resolved = registry.resolve(inbound.text, inbound.slash);
  if (resolved.kind === 'help') return helpReply(registry);
  if (resolved.kind === 'unknown') return helpReply(registry, resolved.typed);
  asked.command = resolved.command.words.join(' ');
  return shown(ctx, await resolved.command.run(ctx, resolved.args, resolved.rawArgs));
}

async function pressButton(registry: ChatRegistry, ctx: ChatContext, inbound: Handled<'button'>): Promise<Reply> {
  const handler = registry.button(inbound.id);
  if (!handler) return { kind: 'message', visibility: 'private', message: noticeMessage(STALE_BUTTON) };
  return shown(ctx, await handler.run(ctx, inbound.value));
}

/** Field errors for values over their field's limit (its maxLength, else the short default). */
function overLongFields(handler: FormHandler, values: Readonly<Record<string, unknown>>, offered: ReadonlySet<string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [id, value] of Object.entries(values)) {
    if (typeof value !== 'string' || !offered.has(id)) continue;
    // Own keys only: a field named `constructor` must not find Object.prototype's.
    const limit = handler.maxLengths && Object.hasOwn(handler.maxLengths, id) ? handler.maxLengths[id] : undefined;
    const error = fieldTooLong(value, limit ?? DEFAULT_FIELD_CHARS);
    if (error) errors[id] = error;
  }
  return errors;
}

/**
 * Submits the form instance the platform carried back. The form and its context come from the
 * stored instance, never from the submission; values for fields it did not offer refuse the
 * submission. A core validation error becomes per-field errors, other refusals a general one
 * (`_form`). The platform's key names this submission, so that, with the instance, a retry or a
 * double click is recorded once.
 */
async function submitForm(registry: ChatRegistry, ctx: ChatContext, inbound: Handled<'form'>, asked: Asked): Promise<Reply> {
  const opened = openFormInstance(ctx, inbound.instance);
  if (!opened.ok) return { kind: 'invalid', errors: { _form: opened.error } };
  const { form } = opened;
  asked.form = form.id;
  const instance = inbound.instance as string;
  const handler = registry.form(form.id);
  if (!handler) return { kind: 'invalid', errors: { _form: `This form (${form.id}) is no longer supported. Please start again.` } };
  // Each value of the form's own fields is held to its field's limit before any other work.
  const tooLong = overLongFields(handler, inbound.values, new Set(form.fields.map((f) => f.id)));
  if (Object.keys(tooLong).length > 0) return { kind: 'invalid', errors: tooLong, form, instance };
  const accepted = acceptFormValues(ctx.core, form, inbound.values);
  if (!accepted.ok) return { kind: 'invalid', errors: accepted.errors, form, instance };
  try {
    const result = await handler.submit(ctx, accepted.values, { ...form.context }, `form:${instance}:${inbound.key}`);
    return result.ok ? shown(ctx, result.reply) : { kind: 'invalid', errors: result.errors, form, instance };
  } catch (e) {
    if (isRefusal(e)) return { kind: 'invalid', errors: Object.keys(e.fields).length > 0 ? { ...e.fields } : { _form: e.message }, form, instance };
    throw e;
  }
}

/** A refusal is the answer; anything else is a fault, logged once with the reference the person is given. */
function failed(deps: ChatDeps, request: ChatRequest, error: unknown, asked: Asked): Reply {
  const { inbound } = request;
  if (isRefusal(error)) {
    if (inbound.kind === 'form') return { kind: 'invalid', errors: Object.keys(error.fields).length > 0 ? { ...error.fields } : { _form: error.message } };
    return { kind: 'message', message: noticeMessage(error.message), ...(inbound.kind === 'button' ? { visibility: 'private' as const } : {}) };
  }
  const reference = reportFault(deps.log, error, { where: `chat ${inbound.kind}`, platform: request.platform, ...asked });
  return { kind: 'message', message: faultMessage(reference), fault: reference };
}

/** Handles one inbound request from any platform; never throws. */
export async function handle(deps: ChatDeps, request: ChatRequest): Promise<Reply> {
  const { inbound } = request;
  const asked: Asked = inbound.kind === 'button' ? { button: inbound.id.slice(0, 100) } : {};
  try {
    const over = outOfBounds(inbound);
    if (over) return over;
    const identity = await request.identify();
    if (identity.kind === 'outsider') return outsiderReply(inbound, identity.answer);
    const ctx = activeContext(deps, request, identity.person.email);
    if (!ctx) return outsiderReply(inbound, outsiderAnswer(deps.core));
    switch (inbound.kind) {
      case 'command':
        return await runCommand(deps.registry, ctx, inbound, asked);
      case 'button':
        return await pressButton(deps.registry, ctx, inbound);
      case 'form':
        return await submitForm(deps.registry, ctx, inbound, asked);
    }
  } catch (e) {
    return failed(deps, request, e, asked);
  }
}
