// Submissions of the corrective-action forms. The action id travels in the form's context; the
// core validates the values and reports errors by field (`correction`, `rootCause`, `plan`,
// `due`, `links`, `reason`, `effective`), which the pipeline hands to the adapter to show next
// to each input.
import { ACTION_FIELDS as F, ACTION_FORMS } from '../../core/corrective-actions/action-ids.js';
import { extendedReply, extensionRequestedReply, implementedReply, plannedReply, verifiedReply } from '../../core/corrective-actions/action-messages.js';
import { MAX_TEXT } from '../../core/corrective-actions/action-schema.js';
import { markImplemented } from '../../core/corrective-actions/mark-implemented.js';
import { planAction } from '../../core/corrective-actions/plan-action.js';
import { requestExtension } from '../../core/corrective-actions/request-extension.js';
import { verifyAction } from '../../core/corrective-actions/verify-action.js';
import type { Message } from '../../core/message.js';
import type { FormHandler, FormResult } from '../types.js';
import { actorOf } from '../replies.js';
import { MAX_LINKS_TEXT } from '../../core/shared/links-schema.js';

const done = (message: Message): FormResult => ({ ok: true, reply: { kind: 'message', visibility: 'private', message } });

const value = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const planActionFormHandler: FormHandler = {
  formId: ACTION_FORMS.plan,
  maxLengths: { [F.correction]: MAX_TEXT, [F.rootCause]: MAX_TEXT, [F.plan]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = planAction(
      ctx.core,
      actorOf(ctx),
      { actionId: formContext.actionId, correction: value(values.correction), rootCause: value(values.rootCause), plan: value(values.plan), due: value(values.due) },
      key,
    );
    return done(plannedReply(result.action, result.repeated));
  },
};

export const markImplementedFormHandler: FormHandler = {
  formId: ACTION_FORMS.implemented,
  maxLengths: { [F.links]: MAX_LINKS_TEXT },
  submit(ctx, values, formContext, key) {
    const result = markImplemented(ctx.core, actorOf(ctx), { actionId: formContext.actionId, links: value(values.links) }, key);
    return done(implementedReply(result.action, result.verifiers, result.repeated));
  },
};

export const requestExtensionFormHandler: FormHandler = {
  formId: ACTION_FORMS.extend,
  maxLengths: { [F.reason]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = requestExtension(ctx.core, actorOf(ctx), { actionId: formContext.actionId, due: value(values.due), reason: value(values.reason) }, key);
    const due = value(values.due) ?? result.action.due;
    return done(result.pending && !result.repeated ? extensionRequestedReply(result.action, due, result.told) : extendedReply(result.action, result.from, result.told, result.repeated));
  },
};

export const verifyActionFormHandler: FormHandler = {
  formId: ACTION_FORMS.verify,
  maxLengths: { [F.reason]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = verifyAction(ctx.core, actorOf(ctx), { actionId: formContext.actionId, effective: values.effective, reason: value(values.reason), due: value(values.due) }, key);
    return done(verifiedReply(result.case, result.case.action.status === 'closed', result.repeated));
  },
};
