// What a submission may carry: values for the fields the form offered, and nothing else. Every
// platform's submission (a Slack view state, a Teams card's inputs, the console's answers) is
// read through here against the stored form instance, so a crafted payload cannot add a field
// the form never had (say, the area of a finding), choose an option it never offered, or name a
// requirement or person its search would never return. What is left is the core's to judge.
import type { Core } from '../core/context.js';
import type { Form, FormField, FormValues } from '../core/message.js';
import { parseRequirement, unknownRequirementMessage } from '../core/catalogue/requirement-references.js';

/** More than any field takes (the longest, a links field, takes 40,020): refused before any work; each field's own limit is checked after (pipeline.ts). */
export const MAX_VALUE_CHARS = 50_000;

export type AcceptedValues = { ok: true; values: FormValues } | { ok: false; errors: Record<string, string> };

/** Quotes what was sent, cut short: it may be anything. */
const quoted = (value: string): string => {
  const chars = [...value.replace(/\s+/g, ' ')];
  return `"${chars.length <= 40 ? chars.join('') : `${chars.slice(0, 39).join('')}…`}"`;
};

const looksLikeEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** A field's value as text, or why it cannot be one. */
function asText(raw: unknown): { text: string } | { error: string } {
  if (typeof raw === 'string') return raw.length > MAX_VALUE_CHARS ? { error: `This is ${raw.length.toLocaleString('en-GB')} characters, far more than the form takes. Please shorten it.` } : { text: raw };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { text: String(raw) };
  return { error: 'This answer could not be read. Please fill in the field again.' };
}

function acceptField(core: Core, field: FormField, raw: unknown): { value: string | boolean | undefined } | { error: string } {
  if (raw === undefined || raw === null) return { value: undefined };
  if (field.type === 'checkbox') {
    if (raw === true || raw === 'true' || raw === 'on') return { value: true };
    if (raw === false || raw === 'false' || raw === '') return { value: false };
    return { error: 'Tick the box, or leave it empty.' };
  }
  const read = asText(raw);
  if ('error' in read) return read;
  const text = read.text;
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'date':
      return { value: text };
    case 'select': {
      if (text.trim() === '') return { value: undefined };
      const wanted = text.trim().toLowerCase();
      const option = field.options.find((o) => o.value === text) ?? field.options.find((o) => o.value.toLowerCase() === wanted);
      if (option) return { value: option.value };
      return { error: `${quoted(text)} is not one of the choices this form offered for ${field.label}. Choose one from the list.` };
    }
    case 'search': {
      const typed = text.trim();
      if (typed === '') return { value: undefined };
      if (field.source === 'requirement') return parseRequirement(typed) ? { value: typed } : { error: unknownRequirementMessage(typed) };
      const email = typed.toLowerCase();
      if (!looksLikeEmail(email)) return { error: `${quoted(typed)} is not an e-mail address. Choose someone from the list.` };
      const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
      if (!person?.active) return { error: `Nobody with the e-mail ${email} is active in the organisation file. Choose someone from the list.` };
      return { value: email };
    }
  }
}

/**
 * The values of `form`'s own fields, checked against what the form offered. A key that is not
 * a field of the form refuses the whole submission: the form was not filled in, it was forged.
 */
export function acceptFormValues(core: Core, form: Form, raw: Readonly<Record<string, unknown>>): AcceptedValues {
  const fields = new Map(form.fields.map((f) => [f.id, f]));
  const unknown = Object.keys(raw).filter((key) => !fields.has(key));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map(quoted).join(', ');
    return {
      ok: false,
      errors: { _form: `This form has no field ${names}${unknown.length > 3 ? ` (and ${unknown.length - 3} more)` : ''}, so nothing was saved. Please open the form again and fill in what it asks.` },
    };
  }
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const result = acceptField(core, field, Object.hasOwn(raw, field.id) ? raw[field.id] : undefined);
    if ('error' in result) errors[field.id] = result.error;
    else if (result.value !== undefined) values[field.id] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
