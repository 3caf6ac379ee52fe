// Submission of any modal rendered from a neutral Form. The modal carries only its form
// instance id; the pipeline checks the values against the stored form and hands them to the
// form's handler (and so through the core's schema). The answer is the acknowledgement: field
// errors return into the modal next to their inputs, a next form replaces the modal, anything
// that failed shows in the modal; success closes it and the reply reaches the person as a DM.
// The view id and hash name the submission, so a retry or a double click is recorded once.
import type { App, ViewSubmitAction } from '@slack/bolt';
import { noticeMessage } from '../../../../src/chat/faults.js';
import type { Identity } from '../../../../src/chat/types.js';
import type { SlackDeps } from '../../deps.js';
import { guard, SlackAdapterError } from '../../errors.js';
import { presentReply } from '../../reply.js';
import { decodeMetadata, FORM_CALLBACK_ID, readFormValues, renderForm, renderMessageModal, toViewErrors } from '../../render.js';

export function registerFormSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(
    { callback_id: FORM_CALLBACK_ID, type: 'view_submission' },
    guard(deps.sink, async ({ ack, body, view, client }) => {
      const instance = decodeMetadata(view.private_metadata);
      if (!instance) throw new SlackAdapterError('payload_invalid', `view ${view.id} carries no form instance`);
      let sender: Identity | null = null;
      const reply = await deps.chat.handle({
        inbound: { kind: 'form', instance, values: readFormValues(view.state), key: `slack:${view.id}:${view.hash}` },
        platform: 'slack',
        // The person opened this modal moments ago, so they are known; the Slack lookup is only
        // the fallback for a database restored in between.
        identify: async () => (sender = deps.identity.known(body.user.id) ?? (await deps.identity.resolve(body.user.id))),
      });
      switch (reply.kind) {
        case 'invalid': {
          const errors = toViewErrors(reply.errors, view as { blocks: { type: string; block_id?: string }[] });
          if (Object.keys(errors).length > 0) await ack({ response_action: 'errors', errors });
          else await ack({ response_action: 'update', view: renderMessageModal('Not saved', noticeMessage(Object.values(reply.errors).join(' '))) });
          return;
        }
        case 'form':
          // A next step: the modal turns into the next form.
          await ack({ response_action: 'update', view: renderForm(reply.form, reply.instance) });
          deps.changed();
          return;
        case 'message':
          if (reply.fault) {
            await ack({ response_action: 'update', view: renderMessageModal('Not saved', reply.message) });
            return;
          }
          break;
        case 'none':
          break;
      }
      await ack();
      deps.changed();
      await presentReply(reply, { client, userId: body.user.id });
      const who = sender as Identity | null;
      if (who?.kind === 'person') await deps.home.refresh(who.person);
    }),
  );
}
