// An Action.Submit on one of the bot's cards arrives as a message activity whose `value` holds
// the inputs merged with the button's data: either a form (the data holds only the id of the
// form's stored instance) or a button (`{ action, value }`, the key cards already sent carry).
// What a form offered and acts on is read back from the server by the pipeline, never from the
// card. The answer to a form replaces its card, so an answered form cannot be sent again and a
// refused one keeps what was typed.
import type { TurnContext } from 'botbuilder';
import { noticeMessage } from '../../../src/chat/faults.js';
import type { Inbound, Reply } from '../../../src/chat/types.js';
import type { FormValues } from '../../../src/core/message.js';
import { FORM_DATA_KEY, renderForm, renderMessage, type ChoiceSource } from '../render.js';
import { replaceCard } from '../reply.js';

/** A card's submission as the pipeline takes it, with the inputs as sent; null when it is not one of the bot's. */
export type CardSubmit = (Extract<Inbound, { kind: 'form' }> & { inputs: Record<string, unknown> }) | Extract<Inbound, { kind: 'button' }>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The part of a form's submission key Teams adds: the instance alone names one card. */
const SUBMISSION_KEY = 'teams';

export function parseCardSubmit(value: unknown): CardSubmit | null {
  if (!isRecord(value)) return null;
  const data = value[FORM_DATA_KEY];
  if (isRecord(data)) {
    // Every other key is an input of the card (or something a client added): the pipeline
    // refuses what the form did not offer.
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== FORM_DATA_KEY) inputs[k] = v;
    return { kind: 'form', instance: data.instance, values: inputs, inputs, key: SUBMISSION_KEY };
  }
  if (typeof value.action === 'string' && value.action !== '') {
    return { kind: 'button', id: value.action, value: typeof value.value === 'string' ? value.value : '' };
  }
  return null;
}

export const UNREADABLE_CARD = 'I could not read that card. Type "help" to start again.';

/** What was typed, as strings, to show again on a card that comes back with errors. */
function typedValues(inputs: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(inputs)) if (typeof v === 'string' || typeof v === 'boolean') values[k] = v;
  return values;
}

/** Shows the answer to a form's submission on the card it was sent from. */
export async function showFormOutcome(context: TurnContext, choices: ChoiceSource, inputs: Record<string, unknown>, reply: Reply): Promise<void> {
  switch (reply.kind) {
    case 'invalid':
      // Without a form of theirs to show again (unknown, expired, someone else's) the card says why instead.
      await replaceCard(
        context,
        reply.form && reply.instance
          ? renderForm(reply.form, { values: typedValues(inputs), errors: reply.errors, instance: reply.instance, choices })
          : renderMessage(noticeMessage(Object.values(reply.errors).join(' '))),
      );
      return;
    case 'form':
      await context.sendActivity(renderForm(reply.form, { instance: reply.instance, choices }));
      return;
    case 'message':
      // A fault leaves the form as it was, to be sent again once it works.
      if (reply.fault) await context.sendActivity(renderMessage(reply.message));
      else await replaceCard(context, renderMessage(reply.message));
      return;
    case 'none':
      return;
  }
}
