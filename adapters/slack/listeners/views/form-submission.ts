// Submission of any modal rendered from a neutral Form. The modal carries only its form
// instance id; src/chat checks the values against the stored form and hands them to the form's
// chat handler (and so through the core's schema); field errors return into the modal next to
// their inputs; success closes the modal and the reply reaches the person as a DM. The view id
// and hash name the submission, so a retry or a double click is recorded once.
import type { App, ViewSubmitAction } from '@slack/bolt';
import { submitForm } from '../../../../src/chat/dispatch.js';
import { chatContext, type SlackDeps } from '../../deps.js';
import { guard, SlackAdapterError } from '../../errors.js';
import { presentReply } from '../../reply.js';
import { decodeMetadata, FORM_CALLBACK_ID, readFormValues, renderForm, renderMessageModal, toViewErrors } from '../../render.js';

export function registerFormSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(
    { callback_id: FORM_CALLBACK_ID, type: 'view_submission' },
    guard(deps.sink, async ({ ack, body, view, client }) => {
      const instance = decodeMetadata(view.private_metadata);
      if (!instance) throw new SlackAdapterError('payload_invalid', `view ${view.id} carries no form instance`);
      // The person opened this modal moments ago, so they are known; the Slack lookup is only
      // the fallback for a database restored in between.
      const identity = deps.identity.known(body.user.id) ?? (await deps.identity.resolve(body.user.id));
      if (identity.kind === 'outsider') {
        await ack({ response_action: 'update', view: renderMessageModal('Auditbot', identity.answer) });
        return;
      }
      const ctx = chatContext(deps, identity.person);
      const result = await submitForm(ctx, instance, readFormValues(view.state), `slack:${view.id}:${view.hash}`);
      if (!result.ok) {
        const errors = toViewErrors(result.errors, view as { blocks: { type: string; block_id?: string }[] });
        if (Object.keys(errors).length > 0) {
          await ack({ response_action: 'errors', errors });
        } else {
          const text = Object.values(result.errors).join(' ');
          await ack({ response_action: 'update', view: renderMessageModal('Not saved', { summary: text, blocks: [{ type: 'text', text }] }) });
        }
        return;
      }
      if (result.reply.kind === 'form') {
        // A next step: the modal turns into the next form.
        await ack({ response_action: 'update', view: renderForm(result.reply.form, result.reply.instance) });
        deps.changed();
        return;
      }
      await ack();
      deps.changed();
      await presentReply(result.reply, { client, userId: body.user.id });
      await deps.home.refresh(identity.person);
    }),
  );
}
