// The buttons on corrective-action messages. Plan, Mark implemented, Request extension and
// Verify open their form (the core checks the policy first and answers with the refusal
// instead of a form); "Open a corrective action" on an OFI's confirmation acts at once.
import { markImplementedForm, planActionForm, requestExtensionForm, verifyActionForm } from '../../core/corrective-actions/action-forms.js';
import { ACTION_BUTTONS } from '../../core/corrective-actions/action-ids.js';
import { openedReply } from '../../core/corrective-actions/action-messages.js';
import { openActionByChoice } from '../../core/corrective-actions/open-action-by-choice.js';
import { parseActionId } from '../../core/corrective-actions/types.js';
import type { Core } from '../../core/context.js';
import type { Form, Message } from '../../core/message.js';
import type { ButtonHandler } from '../types.js';
import { actorOf, formOrMessage as asReply, privately } from '../replies.js';
import type { Actor } from '../../core/shared/actor.js';

function formButton(buttonId: string, build: (core: Core, actor: Actor, id: string) => Form | Message): ButtonHandler {
  return {
    buttonId,
    run(ctx, value) {
      const id = parseActionId(value);
      if (id === null) {
        const text = `This button names no corrective action ("${value}"). Type "actions" to see yours.`;
        return privately({ summary: text, blocks: [{ type: 'text', text }] });
      }
      return asReply(build(ctx.core, actorOf(ctx), id));
    },
  };
}

export const planActionButton = formButton(ACTION_BUTTONS.plan, planActionForm);
export const markImplementedButton = formButton(ACTION_BUTTONS.implemented, markImplementedForm);
export const requestExtensionButton = formButton(ACTION_BUTTONS.extend, requestExtensionForm);
export const verifyActionButton = formButton(ACTION_BUTTONS.verify, verifyActionForm);

export const openActionButton: ButtonHandler = {
  buttonId: ACTION_BUTTONS.open,
  run(ctx, value) {
    const result = openActionByChoice(ctx.core, actorOf(ctx), { findingId: value });
    return privately(openedReply(result.case, !result.created));
  },
};
