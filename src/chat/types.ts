// The chat surface shared by every adapter (console, Slack, Teams). An adapter parses its
// platform's payload into an Inbound (a typed command, a form submission or a button press),
// says how to identify the person, and hands both to the pipeline (pipeline.ts), which answers
// with a Reply for the adapter to render. Capabilities register their commands, forms and
// buttons (registry.ts); each handler calls a core use case and answers with a neutral Message
// or Form.
import type { Core } from '../core/context.js';
import type { Block, Form, FormOption, FormValues, Message } from '../core/message.js';
import type { ManagementReviewPack } from '../core/review/build-management-review.js';
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
  /**
   * Typed where others read and the platform has no private answer (a Teams channel or group
   * chat): an answer meant for the person alone is queued to their personal chat instead.
   */
  shared?: boolean;
  /** How files are made and handed to the person asking; absent where the chat cannot hand out files. */
  files?: ChatFiles;
}

/** Files made outside the core, which stays pure: src/app.ts gives this port. */
export interface ReportFiles {
  /** The review pack as one self-contained, print-ready HTML page with its charts. */
  reviewPackHtml(pack: ManagementReviewPack): Promise<string>;
}

/** A review pack to hand over: a link names the review; the page is made only when it is needed. */
export interface ReviewPackFile {
  reviewId: string;
  name: string;
  title: string;
  html(): Promise<string>;
}

/**
 * How a platform hands a file to the person asking: Slack uploads it to their DM, Teams gives
 * them a short-lived link, the console writes it to disk. Answers with what to tell them.
 */
export interface FileHandover {
  giveReviewPack(ctx: ChatContext, file: ReviewPackFile): Promise<Block[]>;
}

export interface ChatFiles {
  reports: ReportFiles;
  handover: FileHandover;
}

/** What a handler answers with. */
export type ChatReply =
  | { kind: 'message'; message: Message; visibility?: 'private' | 'conversation' }
  | { kind: 'form'; form: Form }
  | { kind: 'none' };

export interface ChatCommand {
  /** Words that select the command, e.g. ['audit', 'mine']. */
  words: string[];
  /** How to type it, e.g. `audit assign <audit id> <email> <justification>`. */
  usage: string;
  summary: string;
  /** Shown in help under "For audit leads"; the core still enforces the rule. */
  leadOnly?: boolean;
  /**
   * As a slash command of its own word (`/finding …`), everything typed is its text, even when
   * longer commands start with the same word (`finding show`): those are typed elsewhere.
   */
  slashTakesAllText?: boolean;
  /** `args` are the words after the command's own; `rawArgs` is the rest of the line as typed. */
  run(ctx: ChatContext, args: string[], rawArgs: string): ChatReply | Promise<ChatReply>;
}

export type FormResult =
  | { ok: true; reply: ChatReply }
  /** Field id → message; adapters show each next to its input. */
  | { ok: false; errors: Record<string, string> };

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

export interface ButtonHandler {
  /** The Button.id it handles, e.g. `evidence.submit`. */
  buttonId: string;
  /** `value` is the pressed button's, already bounded by the pipeline. */
  run(ctx: ChatContext, value: string): ChatReply | Promise<ChatReply>;
}

/** Where the options of a form's search field come from, as the person types (FormField `search`). */
export interface SearchSource {
  source: 'requirement' | 'person';
  search(core: Core, query: string, limit: number): FormOption[];
}

/** One capability's part of the chat surface: its commands, forms, buttons and search sources. */
export interface Capability {
  name: string;
  commands?: readonly ChatCommand[];
  forms?: readonly FormHandler[];
  buttons?: readonly ButtonHandler[];
  searches?: readonly SearchSource[];
}

/** What arrives from a platform, parsed once by its adapter. */
export type Inbound =
  /**
   * A line typed to the bot (a DM, a Teams message, the console), or what followed a slash
   * command: `/audit plan 2027 …` arrives as `{ text: 'plan 2027 …', slash: 'audit' }`.
   */
  | { kind: 'command'; text: string; slash?: string }
  /**
   * A form submitted: the id of the stored instance the platform carried back, the values it
   * sent, and what names this submission on its platform (e.g. Slack's view id and hash).
   */
  | { kind: 'form'; instance: unknown; values: Readonly<Record<string, unknown>>; key: string }
  /** A button pressed: its id and value as the platform sent them back. */
  | { kind: 'button'; id: string; value: string };

/** Who sent an inbound request, by the identity rules of the platform (the adapter's part). */
export type Identity = { kind: 'person'; person: PersonRecord } | { kind: 'outsider'; answer: Message };

export interface ChatRequest {
  inbound: Inbound;
  platform: Extract<Platform, 'console' | 'slack' | 'teams'>;
  /**
   * Who sent it. Called only once the input is within its bounds, so a payload far over any
   * limit costs no lookup on the platform.
   */
  identify(): Identity | Promise<Identity>;
  /** Where it was sent from, e.g. a Slack channel or a Teams conversation. */
  conversationId?: string;  /** Sent where others read and the platform has no private answer (ChatContext.shared). */
  shared?: boolean;
}

/** The pipeline's answer, for the adapter to render. */
export type Reply =
  | {
      kind: 'message';
      message: Message;
      /** Private: only the person who asked (ephemeral on Slack, their personal chat on Teams). */
      visibility?: 'private' | 'conversation';
      /** The message is the command list (help, or a command nobody knows). */
      help?: true;
      /** Something failed on our side: the reference the person was given and the log carries. */
      fault?: string;
    }
  /** A form to show; the platform carries only `instance`, the id of the stored form. */
  | { kind: 'form'; form: Form; instance: string }
  /** A form submission refused: field id → message (`_form` for the form as a whole), and the form to show them on. */
  | { kind: 'invalid'; errors: Record<string, string>; form?: Form; instance?: string }
  | { kind: 'none' };
