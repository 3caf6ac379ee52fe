// The chat surface shared by every adapter (console, Slack, Teams): text commands, form
// submissions and button actions. Each handler calls a core use case and answers with a
// neutral Message or Form; adapters only parse their platform's payload and render the reply.
import type { Core } from '../core/context.js';
import type { Form, FormValues, Message } from '../core/message.js';
import type { Channel, Platform } from '../core/shared/actor.js';
import type { PersonRecord } from '../core/shared/people.js';

export interface ChatContext {
  core: Core;
  /** The person acting, already resolved from the platform identity. */
  actor: PersonRecord;
  channel: Extract<Channel, 'console' | 'slack' | 'teams'>;
  platform: Platform;
  /** Where the command was typed, e.g. a Slack channel or Teams conversation id (for `audit digest here`). */
  conversationId?: string;
}

export type ChatReply =
  | { kind: 'message'; message: Message; visibility?: 'private' | 'conversation' }
  | { kind: 'form'; form: Form }
  | { kind: 'none' };

/**
 * A reply as adapters receive it from `src/chat/dispatch.ts`: a form comes with the id of its
 * stored instance (form-instances.ts), the only thing the platform carries and sends back.
 */
export type ShownReply = Exclude<ChatReply, { kind: 'form' }> | { kind: 'form'; form: Form; instance: string };

export interface ChatCommand {
  /** Words that select the command, e.g. ['audit', 'mine']. */
  words: string[];
  /** How to type it, e.g. `audit assign <audit id> <email> <justification>`. */
  usage: string;
  summary: string;
  /** Shown in help under "For audit leads"; the core still enforces the rule. */
  leadOnly?: boolean;
  run(ctx: ChatContext, args: string[], rawArgs: string): ChatReply | Promise<ChatReply>;
}

export type FormResult =
  | { ok: true; reply: ChatReply }
  /** Field id → message; adapters show each next to its input. */
  | { ok: false; errors: Record<string, string> };

/** The outcome of `submitForm`: on errors, the stored form (when there is one) to show them on. */
export type SubmitOutcome =
  | { ok: true; reply: ShownReply }
  | { ok: false; errors: Record<string, string>; form?: Form; instance?: string };

export interface FormHandler {
  /** The Form.id it handles, e.g. `finding.record`. */
  formId: string;
  /**
   * The most characters each free-text field takes (its maxLength in the form). Every other
   * value (choices, pickers, dates, ids) is bounded by a short default before `submit` runs.
   */
  maxLengths?: Readonly<Record<string, number>>;
  /**
   * `values` hold only the fields the form offered (form-values.ts) and `formContext` is the
   * stored form's own. `submissionKey` identifies one submission (its form instance, plus the
   * Slack view id and hash) so that a retry or a double click is recorded once.
   */
  submit(ctx: ChatContext, values: FormValues, formContext: Record<string, string>, submissionKey: string): FormResult | Promise<FormResult>;
}

export interface ActionHandler {
  /** The Action.id it handles, e.g. `evidence.submit`. */
  actionId: string;
  run(ctx: ChatContext, value: string): ChatReply | Promise<ChatReply>;
}
