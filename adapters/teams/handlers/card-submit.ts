// An Action.Submit on one of the bot's cards arrives as a message activity whose `value` holds
// the inputs merged with the button's data: either a form (the data holds only the id of the
// form's stored instance) or a button (`{ action, value }`). What a form offered and acts on is
// read back from the server by src/chat, never from the card.
import type { TurnContext } from 'botbuilder';
import { errorMessage, runAction, submitForm } from '../../../src/chat/dispatch.js';
import type { ShownReply } from '../../../src/chat/dispatch.js';
import type { ChatContext } from '../../../src/chat/types.js';
import type { FormValues } from '../../../src/core/message.js';
import { FORM_DATA_KEY, renderForm, renderMessage } from '../render.js';
import { choicesFrom, replaceCard, replyActivity, sendReply } from '../reply.js';

export type CardSubmit =
  | { kind: 'form'; instance: unknown; inputs: Record<string, unknown> }
  | { kind: 'action'; actionId: string; value: string }
  | { kind: 'unrecognised' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCardSubmit(value: unknown): CardSubmit {
  if (!isRecord(value)) return { kind: 'unrecognised' };
  const data = value[FORM_DATA_KEY];
  if (isRecord(data)) {
    // Every other key is an input of the card (or something a client added): src/chat refuses
    // what the form did not offer.
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== FORM_DATA_KEY) inputs[k] = v;
    return { kind: 'form', instance: data.instance, inputs };
  }
  if (typeof value.action === 'string' && value.action !== '') {
    return { kind: 'action', actionId: value.action, value: typeof value.value === 'string' ? value.value : '' };
  }
  return { kind: 'unrecognised' };
}

/** The part of this form's submission key Teams adds: the instance alone names one card. */
const SUBMISSION_KEY = 'teams';

/** What was typed, as strings, to show again on a card that comes back with errors. */
function typedValues(inputs: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(inputs)) if (typeof v === 'string' || typeof v === 'boolean') values[k] = v;
  return values;
}

export async function handleCardSubmit(context: TurnContext, chat: ChatContext): Promise<void> {
  const submit = parseCardSubmit(context.activity.value);
  switch (submit.kind) {
    case 'form': {
      const result = await submitForm(chat, submit.instance, submit.inputs, SUBMISSION_KEY);
      if (!result.ok) {
        if (result.form && result.instance) {
          await replaceCard(context, renderForm(result.form, { values: typedValues(submit.inputs), errors: result.errors, instance: result.instance, choices: choicesFrom(chat.core) }));
        } else {
          // No form of theirs to show again (unknown, expired, someone else's): the card says so instead.
          await replaceCard(context, renderMessage(errorMessage(Object.values(result.errors).join(' '))));
        }
        return;
      }
      const answer = replyActivity(chat.core, result.reply);
      if (!answer) return;
      if (result.reply.kind === 'form') await context.sendActivity(answer);
      else await replaceCard(context, answer);
      return;
    }
    case 'action': {
      const reply: ShownReply = (await runAction(chat, submit.actionId, submit.value)) ?? {
        kind: 'message',
        message: errorMessage('This button no longer does anything. Type "help" to see what you can do now.'),
      };
      await sendReply(context, chat, reply);
      return;
    }
    case 'unrecognised':
      await context.sendActivity(renderMessage(errorMessage('I could not read that card. Type "help" to start again.')));
      return;
  }
}
