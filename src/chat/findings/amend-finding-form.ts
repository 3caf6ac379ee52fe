import { AMEND_FORM_ID, amendFinding } from '../../core/findings/amend-finding.js';
import { changeReply } from '../../core/findings/finding-change-messages.js';
import { MAX_TEXT } from '../../core/findings/finding-schema.js';
import type { FormHandler } from '../types.js';
import { actorOf } from '../replies.js';

const value = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** The amend form's submission; the finding id travels in the form's context. */
export const amendFindingFormHandler: FormHandler = {
  formId: AMEND_FORM_ID,
  maxLengths: { statement: MAX_TEXT, evidence: MAX_TEXT, reason: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = amendFinding(
      ctx.core,
      actorOf(ctx),
      { findingId: formContext.findingId, classification: value(values.classification), requirement: value(values.requirement), statement: value(values.statement), evidence: value(values.evidence), reason: value(values.reason) },
      key,
    );
    const extra = result.repeated ? ['(This form was already submitted.)'] : [result.openedAction ? `Corrective action ${result.openedAction} is open for its owner.` : '', result.ownerTold ? 'The owner has been told.' : ''].filter(Boolean);
    return { ok: true, reply: { kind: 'message', visibility: 'private', message: changeReply(result, extra) } };
  },
};
