// `audit conclude <id>` opens the conclusion form; its submission records the lead auditor's conclusion.
import { concludedMessage } from '../../core/conduct/conduct-messages.js';
import { CONCLUSION_FORM_ID, openConclusionForm } from '../../core/conduct/conduct-forms.js';
import { CONCLUSION_FIELDS as C, MAX_CONCLUSION_TEXT, recordConclusion } from '../../core/conduct/record-conclusion.js';
import type { ChatCommand, FormHandler } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

export const auditConcludeCommand: ChatCommand = {
  words: ['audit', 'conclude'],
  usage: 'audit conclude <audit id>',
  summary: 'record the conclusion of an audit: conforms, with minor nonconformities, or does not conform (its lead auditor)',
  run(ctx, args) {
    const auditId = args[0] ?? usage('audit conclude <audit id>, e.g. audit conclude IA-2027-07');
    return { kind: 'form', form: openConclusionForm(ctx.core, actorOf(ctx), { auditId }) };
  },
};

export const auditConcludeForm: FormHandler = {
  formId: CONCLUSION_FORM_ID,
  maxLengths: { [C.summary]: MAX_CONCLUSION_TEXT, [C.strengths]: MAX_CONCLUSION_TEXT },
  submit(ctx, values, formContext) {
    const record = recordConclusion(ctx.core, actorOf(ctx), { auditId: formContext.auditId, conclusion: values[C.conclusion], summary: values[C.summary], strengths: values[C.strengths] });
    return { ok: true, reply: privately(concludedMessage(record)) };
  },
};
