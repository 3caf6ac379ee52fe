// The platform-neutral message and form model. The core says *what* to show; each adapter's
// renderer decides how (Block Kit, Adaptive Card, plain text). All strings here are plain
// text: renderers escape them, so nothing a person typed can become a mention or a link.

export interface Message {
  /** Plain-text summary: Slack's `text` fallback, Teams' summary, screen readers, notifications. */
  summary: string;
  title?: string;
  blocks: Block[];
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  /** A list that may be cut short by the renderer; `more` counts items left out upstream. */
  | { type: 'list'; title?: string; items: string[]; more?: number; moreHint?: string }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface Button {
  /** Stable button id, e.g. `evidence.submit`; adapters route a press on it. */
  id: string;
  label: string;
  /** Opaque value handed back when the button is pressed, e.g. a request id. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface Form {
  /** Stable form id, e.g. `finding.record`; adapters route the submission on it. */
  id: string;
  title: string;
  submitLabel: string;
  intro?: string;
  fields: FormField[];
  /** Opaque context carried through the form and returned on submit. */
  context?: Record<string, string>;
}

export interface FormOption {
  value: string;
  label: string;
}

export type FormField = {
  /** The key under which the value is submitted and field errors are reported. */
  id: string;
  label: string;
  hint?: string;
  required: boolean;
} & (
  | { type: 'text'; initial?: string; maxLength?: number; placeholder?: string }
  | { type: 'textarea'; initial?: string; maxLength?: number; placeholder?: string }
  | { type: 'select'; options: FormOption[]; initial?: string }
  /** Options too many to list: the adapter asks the core's search (`source`) as the person types. */
  | { type: 'search'; source: 'requirement' | 'person'; initial?: FormOption }
  | { type: 'date'; initial?: string }
  | { type: 'checkbox'; text: string; initial?: boolean }
);

export type FormValues = Record<string, string | boolean | undefined>;

export const text = (t: string): Block => ({ type: 'text', text: t });
export const fields = (f: { label: string; value: string }[]): Block => ({ type: 'fields', fields: f });
export const context = (t: string): Block => ({ type: 'context', text: t });
export const buttons = (b: Button[]): Block => ({ type: 'buttons', buttons: b });

/** Whether a use case answered with a form to fill in rather than a message (e.g. a refusal). */
export const isForm = (reply: Form | Message): reply is Form => 'fields' in reply && 'submitLabel' in reply;
