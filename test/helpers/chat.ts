// The chat pipeline (src/chat/pipeline.ts) as tests drive it without a platform: a typed line,
// a button pressed or a form submitted by a person already identified, through `handle` with
// the default registry (or another one). Faults are logged into `faults`, not thrown: the
// pipeline answers them, as it does on every platform.
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { handle, type ChatDeps } from '../../src/chat/pipeline.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import type { ChatContext, Inbound, Reply } from '../../src/chat/types.js';
import type { Form } from '../../src/core/message.js';

/** What each fault was logged with, in order. */
export const faults: Record<string, unknown>[] = [];

export const chatDeps = (ctx: Pick<ChatContext, 'core'>, registry: ChatRegistry = defaultRegistry): ChatDeps => ({
  core: ctx.core,
  registry,
  log: { error: (fields) => faults.push(fields) },
});

/** Sends `inbound` as the context's person, on the context's platform. */
export const send = (ctx: ChatContext, inbound: Inbound, registry: ChatRegistry = defaultRegistry): Promise<Reply> =>
  handle(chatDeps(ctx, registry), {
    inbound,
    platform: ctx.platform,
    identify: () => ({ kind: 'person', person: ctx.actor }),
    ...(ctx.conversationId ? { conversationId: ctx.conversationId } : {}),
  });

/** A typed line. */
export const runChatText = (ctx: ChatContext, text: string, registry?: ChatRegistry): Promise<Reply> => send(ctx, { kind: 'command', text }, registry);

/** A button pressed. */
export const pressButton = (ctx: ChatContext, id: string, value: string, registry?: ChatRegistry): Promise<Reply> => send(ctx, { kind: 'button', id, value }, registry);

/** A form's submission as the tests read it: saved with a reply, or refused with errors and the form to show them on. */
export type SubmitOutcome = { ok: true; reply: Reply } | { ok: false; errors: Record<string, string>; form?: Form; instance?: string };

export async function submitForm(ctx: ChatContext, instance: unknown, values: Readonly<Record<string, unknown>>, key: string, registry?: ChatRegistry): Promise<SubmitOutcome> {
  const reply = await send(ctx, { kind: 'form', instance, values, key }, registry);
  if (reply.kind !== 'invalid') return { ok: true, reply };
  return { ok: false, errors: reply.errors, ...(reply.form ? { form: reply.form } : {}), ...(reply.instance ? { instance: reply.instance } : {}) };
}

/** The command typed text resolves to, or null (help, or words no command has). */
export function findCommand(text: string, registry: ChatRegistry = defaultRegistry) {
  const resolved = registry.resolve(text);
  return resolved.kind === 'command' ? resolved : null;
}
