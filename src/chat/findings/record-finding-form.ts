import { FINDING_FORM_ID } from '../../core/findings/finding-forms.js';
import { confirmationMessage } from '../../core/findings/finding-messages.js';
import { FINDING_FIELDS, MAX_TEXT, type RecordFindingRequest } from '../../core/findings/finding-schema.js';
import { recordFinding } from '../../core/findings/record-finding.js';
import type { FormValues } from '../../core/message.js';
import type { FormHandler } from '../types.js';

/** Takes only the finding's fields from what the platform sent; the core's schema does the rest. */
function toRequest(values: FormValues): RecordFindingRequest {
  const request: RecordFindingRequest = {};
  for (const id of Object.values(FINDING_FIELDS)) {
    if (values[id] !== undefined) request[id] = values[id];
  }
  return request;
}

export const recordFindingForm: FormHandler = {
  formId: FINDING_FORM_ID,
  maxLengths: { [FINDING_FIELDS.statement]: MAX_TEXT, [FINDING_FIELDS.evidence]: MAX_TEXT },
  submit(ctx, values, _formContext, submissionKey) {
    const { story, created } = recordFinding(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, toRequest(values), submissionKey);
    return { ok: true, reply: { kind: 'message', visibility: 'private', message: confirmationMessage(story, !created) } };
  },
};
