// Corrective actions in chat: your actions, one action's chain, the owner's and the verifier's
// steps as commands and forms, and the buttons on corrective-action messages.
import type { Capability } from '../types.js';
import { markImplementedButton, openActionButton, planActionButton, requestExtensionButton, verifyActionButton } from './action-buttons.js';
import { actionCommand, actionExtendCommand, actionExtensionApproveCommand, actionExtensionRefuseCommand, actionImplementedCommand, actionOpenCommand, actionPlanCommand, actionsCommand, actionVerifyCommand } from './action-commands.js';
import { markImplementedFormHandler, planActionFormHandler, requestExtensionFormHandler, verifyActionFormHandler } from './action-forms.js';

export const correctiveActionsChat: Capability = {
  name: 'corrective-actions',
  commands: [actionsCommand, actionCommand, actionPlanCommand, actionImplementedCommand, actionExtendCommand, actionExtensionApproveCommand, actionExtensionRefuseCommand, actionVerifyCommand, actionOpenCommand],
  forms: [planActionFormHandler, markImplementedFormHandler, requestExtensionFormHandler, verifyActionFormHandler],
  buttons: [planActionButton, markImplementedButton, requestExtensionButton, verifyActionButton, openActionButton],
};
