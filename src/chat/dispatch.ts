// The former entry points of the chat layer, kept while the adapters move onto the pipeline
// (pipeline.ts) one by one; each is the pipeline with the default registry.
import type { Form, Message } from '../core/message.js';
import { defaultRegistry } from './default-registry.js';
import { handle } from './pipeline.js';
import type { Resolution } from './registry.js';
import type { ChatCommand, ChatContext, Inbound, Reply } from './types.js';

/** A reply to a command or a button: never a form submission's `invalid`. */
export type ShownReply = Exclude<Reply, { kind: 'invalid' }>;
export type SubmitOutcome = { ok: true; reply: ShownReply } | { ok: false; errors: Record<string, string>; form?: Form; instance?: string };

const rethrow = {
  error(fields: Record<string, unknown>): void {
    throw fields.err;
  },
};

const run = (ctx: ChatContext, inbound: Inbound): Promise<Reply> =>
  handle({ core: ctx.core, registry: defaultRegistry, log: rethrow }, { inbound, platform: ctx.platform, identify: () => ({ kind: 'person', person: ctx.actor }), ...(ctx.conversationId ? { conversationId: ctx.conversationId } : {}) });

const asShown = (reply: Reply): ShownReply => (reply.kind === 'invalid' ? { kind: 'message', message: errorMessage(Object.values(reply.errors).join(' ')) } : reply);

export const runChatText = async (ctx: ChatContext, text: string): Promise<ShownReply> => asShown(await run(ctx, { kind: 'command', text }));

export async function runAction(ctx: ChatContext, buttonId: string, value: string): Promise<ShownReply | null> {
  if (!defaultRegistry.button(buttonId)) return null;
  return asShown(await run(ctx, { kind: 'button', id: buttonId, value }));
}

export async function submitForm(ctx: ChatContext, instance: unknown, values: Readonly<Record<string, unknown>>, key: string): Promise<SubmitOutcome> {
  const reply = await run(ctx, { kind: 'form', instance, values, key });
  return reply.kind === 'invalid' ? { ok: false, errors: reply.errors, ...(reply.form ? { form: reply.form } : {}), ...(reply.instance ? { instance: reply.instance } : {}) } : { ok: true, reply: asShown(reply) };
}

export function findCommand(text: string): { command: ChatCommand; args: string[]; rawArgs: string } | null {
  const r: Resolution = defaultRegistry.resolve(text);
  return r.kind === 'command' ? r : null;
}

export const helpMessage = (): Message => defaultRegistry.help();

export const errorMessage = (text: string, reference?: string): Message => ({
  summary: text,
  blocks: [{ type: 'text', text }, ...(reference ? [{ type: 'context' as const, text: `Reference: ${reference}` }] : [])],
});
