// Submissions of the evidence forms. The request id travels in the form's context; the core
// validates the values and reports errors by field (`links`, `note`, `days`, …), which
// the pipeline hands to the adapter to show next to each input.
import { EVIDENCE_FORMS } from '../../core/evidence/evidence-ids.js';
import { notMineReply, reassignReply, reviewReply, snoozeReply, submitReply } from '../../core/evidence/evidence-replies.js';
import { markNotMine } from '../../core/evidence/mark-not-mine.js';
import { reassignEvidence } from '../../core/evidence/reassign-evidence.js';
import { reviewEvidence } from '../../core/evidence/review-evidence.js';
import { snoozeEvidence } from '../../core/evidence/snooze-evidence.js';
import { submitEvidence } from '../../core/evidence/submit-evidence.js';
import { EVIDENCE_FIELDS as F, MAX_TEXT } from '../../core/evidence/evidence-schema.js';
import type { Message } from '../../core/message.js';
import type { FormHandler, FormResult } from '../types.js';
import { actorOf } from '../replies.js';
import { MAX_LINKS_TEXT } from '../../core/shared/links-schema.js';

const done = (message: Message): FormResult => ({ ok: true, reply: { kind: 'message', visibility: 'private', message } });

const value = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const submitEvidenceFormHandler: FormHandler = {
  formId: EVIDENCE_FORMS.submit,
  maxLengths: { [F.links]: MAX_LINKS_TEXT, [F.note]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = submitEvidence(ctx.core, actorOf(ctx), { requestId: formContext.requestId, links: value(values.links), note: value(values.note) }, key);
    return done(submitReply(result));
  },
};

export const snoozeEvidenceFormHandler: FormHandler = {
  formId: EVIDENCE_FORMS.snooze,
  submit(ctx, values, formContext, key) {
    return done(snoozeReply(snoozeEvidence(ctx.core, actorOf(ctx), { requestId: formContext.requestId, days: value(values.days) }, key)));
  },
};

export const notMineFormHandler: FormHandler = {
  formId: EVIDENCE_FORMS.notMine,
  maxLengths: { [F.reason]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    return done(notMineReply(markNotMine(ctx.core, actorOf(ctx), { requestId: formContext.requestId, reason: value(values.reason) }, key)));
  },
};

export const requestMoreFormHandler: FormHandler = {
  formId: EVIDENCE_FORMS.more,
  maxLengths: { [F.comment]: MAX_TEXT },
  submit(ctx, values, formContext, key) {
    const result = reviewEvidence(ctx.core, actorOf(ctx), { requestId: formContext.requestId, decision: 'more', comment: value(values.comment), due: value(values.due) }, key);
    return done(reviewReply(result));
  },
};

export const reassignEvidenceFormHandler: FormHandler = {
  formId: EVIDENCE_FORMS.reassign,
  submit(ctx, values, formContext, key) {
    return done(reassignReply(reassignEvidence(ctx.core, actorOf(ctx), { requestId: formContext.requestId, owner: value(values.owner), due: value(values.due) }, key)));
  },
};
