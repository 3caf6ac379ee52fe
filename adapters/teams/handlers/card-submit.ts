// An Action.Submit on one of the bot's cards arrives as a message activity whose `value` holds
// the inputs merged with the button's data: either a form (the neutral form and its instance
// id travel in the data) or a button (`{ action, value }`).
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { errorMessage, findAction, submitForm } from '../../../src/chat/dispatch.js';
import type { ChatContext, ChatReply } from '../../../src/chat/types.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import type { Form, FormValues } from '../../../src/core/message.js';
import { FORM_DATA_KEY, renderForm, renderMessage } from '../render.js';
import { choicesFrom, replaceCard, replyActivity, sendReply } from '../reply.js';

// Only the shape routing depends on is checked here; the values themselves are the core's to judge.
const FormEnvelope = z.object({
  instance: z.string().min(1).max(200),
  form: z
    .object({
      id: z.string().min(1),
      title: z.string(),
      submitLabel: z.string(),
      fields: z.array(z.looseObject({ id: z.string().min(1), type: z.string() })),
      context: z.record(z.string(), z.string()).optional(),
    })
    .loose(),
});

const ButtonData = z.object({ action: z.string().min(1), value: z.unknown() });

export type CardSubmit =
  | { kind: 'form'; form: Form; instance: string; values: FormValues }
  | { kind: 'action'; actionId: string; value: string }
  | { kind: 'unrecognised' };

/** The typed values of the form's own fields; anything else in the payload is ignored. */
function formValues(form: Form, raw: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    const v = raw[field.id];
    if (field.type === 'checkbox') values[field.id] = v === true || v === 'true';
    else if (typeof v === 'string') values[field.id] = v;
    else if (typeof v === 'number') values[field.id] = String(v);
  }
  return values;
}

export function parseCardSubmit(value: unknown): CardSubmit {
  if (typeof value !== 'object' || value === null) return { kind: 'unrecognised' };
  const raw = value as Record<string, unknown>;
  const envelope = FormEnvelope.safeParse(raw[FORM_DATA_KEY]);
  if (envelope.success) {
    const form = envelope.data.form as unknown as Form;
    return { kind: 'form', form, instance: envelope.data.instance, values: formValues(form, raw) };
  }
  const button = ButtonData.safeParse(raw);
  if (button.success) return { kind: 'action', actionId: button.data.action, value: typeof button.data.value === 'string' ? button.data.value : '' };
  return { kind: 'unrecognised' };
}

/** The key under which the core records this form's submission: one per rendered card. */
export const submissionKey = (instance: string): string => `teams:${instance}`;

async function runAction(chat: ChatContext, actionId: string, value: string): Promise<ChatReply> {
  const handler = findAction(actionId);
  if (!handler) return { kind: 'message', message: errorMessage('This button no longer does anything. Type "help" to see what you can do now.') };
  try {
    return await handler.run(chat, value);
  } catch (e) {
    if (isAuditbotError(e)) return { kind: 'message', message: errorMessage(e.message) };
    throw e;
  }
}

export async function handleCardSubmit(context: TurnContext, chat: ChatContext): Promise<void> {
  const submit = parseCardSubmit(context.activity.value);
  switch (submit.kind) {
    case 'form': {
      const { form, instance, values } = submit;
      const result = await submitForm(chat, form.id, values, form.context ?? {}, submissionKey(instance));
      if (!result.ok) {
        await replaceCard(context, renderForm(form, { values, errors: result.errors, instance, choices: choicesFrom(chat.core) }));
        return;
      }
      const answer = replyActivity(chat.core, result.reply);
      if (!answer) return;
      if (result.reply.kind === 'form') await context.sendActivity(answer);
      else await replaceCard(context, answer);
      return;
    }
    case 'action':
      await sendReply(context, chat, await runAction(chat, submit.actionId, submit.value));
      return;
    case 'unrecognised':
      await context.sendActivity(renderMessage(errorMessage('I could not read that card. Type "help" to start again.')));
      return;
  }
}
