// The button on a management review input request opens the form for that input; submitting it
// gives the input (clause 9.3.2), shown in the pack with who gave it and when.
import { INPUT_FIELDS as F, INPUT_TEXT_MAX, inputProvidedMessage, provideInput, provideInputForm, REVIEW_INPUT_BUTTON, REVIEW_INPUT_FORM } from '../../core/review/provide-input.js';
import { MAX_LINKS_TEXT } from '../../core/shared/links-schema.js';
import { actorOf, formOrMessage } from '../replies.js';
import type { ButtonHandler, FormHandler } from '../types.js';

const value = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const reviewInputButton: ButtonHandler = {
  buttonId: REVIEW_INPUT_BUTTON,
  run(ctx, pressed) {
    return formOrMessage(provideInputForm(ctx.core, actorOf(ctx), pressed));
  },
};

export const reviewInputFormHandler: FormHandler = {
  formId: REVIEW_INPUT_FORM,
  maxLengths: { [F.text]: INPUT_TEXT_MAX, [F.links]: MAX_LINKS_TEXT, [F.objectives]: INPUT_TEXT_MAX },
  submit(ctx, values, formContext) {
    const result = provideInput(ctx.core, actorOf(ctx), {
      reviewId: formContext.reviewId ?? '',
      letter: (formContext.letter ?? '') as 'a',
      text: value(values.text),
      links: value(values.links),
      objectives: value(values.objectives),
    });
    return { ok: true, reply: { kind: 'message', visibility: 'private', message: inputProvidedMessage(result) } };
  },
};
