// Every form shown to a person is stored as an instance: its definition (fields, options), its
// context (which request or action it acts on), who it was shown to and when. Platforms carry
// only the instance's random id (Slack in the modal's private_metadata, Teams in the card's
// submit data, the console in memory), so nothing a client sends back can change what the form
// offered or what it acts on. A submission names its instance; one that is unknown, expired or
// shown to someone else is refused before any handler runs.
import { randomBytes } from 'node:crypto';
import type { Form } from '../core/message.js';
import type { ChatContext } from './types.js';

/** A form is answered within a day; after that it is opened again, with what is true then. */
export const FORM_INSTANCE_TTL_MS = 24 * 60 * 60 * 1000;

/** Expired instances are kept a week longer, so a late submission hears "expired", not "unknown". */
const KEEP_EXPIRED_MS = 7 * 24 * 60 * 60 * 1000;

/** 24 random bytes, base64url: 32 characters no one can guess. */
const ID_BYTES = 24;
const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export const isFormInstanceId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

export const FORM_UNKNOWN = 'I cannot find this form among those I showed you, so nothing was saved. Please open it again from the message or command that offered it.';
export const FORM_EXPIRED = 'This form was opened more than a day ago and has expired, so nothing was saved. Please open it again: it will show what is true now.';

/** Stores `form` as shown to the person acting now; returns the id the platform carries. */
export function issueFormInstance(ctx: ChatContext, form: Form): string {
  const id = randomBytes(ID_BYTES).toString('base64url');
  const now = ctx.core.clock.now();
  ctx.core.store.transaction((tx) => {
    tx.formInstances.deleteExpiredBefore(new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString());
    tx.formInstances.insert({
      id,
      formId: form.id,
      person: ctx.actor.email,
      platform: ctx.platform,
      form,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + FORM_INSTANCE_TTL_MS).toISOString(),
    });
  });
  return id;
}

export type FormInstanceLookup = { ok: true; form: Form } | { ok: false; error: string };

/** The form behind `id`, if it was shown to the person acting now and has not expired. */
export function openFormInstance(ctx: ChatContext, id: unknown): FormInstanceLookup {
  if (!isFormInstanceId(id)) return { ok: false, error: FORM_UNKNOWN };
  const instance = ctx.core.store.transaction((tx) => tx.formInstances.get(id));
  // Someone else's form is answered as an unknown one: its existence is none of their business.
  if (!instance || instance.person !== ctx.actor.email) return { ok: false, error: FORM_UNKNOWN };
  if (instance.expiresAt <= ctx.core.clock.now().toISOString()) return { ok: false, error: FORM_EXPIRED };
  return { ok: true, form: instance.form };
}
