// Every chat command, form and action, one file each. Add one by adding its file and a line here.
import type { ActionHandler, ChatCommand, FormHandler } from './types.js';
import { whoamiCommand } from './commands/whoami.js';
import { findingCommand } from './commands/finding.js';
import { recordFindingForm } from './forms/record-finding.js';
import { programmeCommand } from './commands/programme.js';
import { auditCommand } from './commands/audit.js';
import { auditMineCommand, mineCommand } from './commands/mine.js';
import { auditPlanCommand } from './commands/audit-plan.js';
import { auditAssignCommand } from './commands/audit-assign.js';
import { auditStartCommand } from './commands/audit-start.js';
import { auditExplainCommand } from './commands/audit-explain.js';
import { auditStatusCommand } from './commands/audit-status.js';
import { evidenceCommand, evidenceReassignCommand, evidenceReviewCommand, evidenceWithdrawCommand, notMineCommand, snoozeCommand, submitCommand } from './commands/evidence.js';
import { notMineFormHandler, reassignEvidenceFormHandler, requestMoreFormHandler, snoozeEvidenceFormHandler, submitEvidenceFormHandler } from './forms/evidence.js';
import { acceptEvidenceAction, notMineAction, reassignEvidenceAction, requestMoreAction, snoozeEvidenceAction, submitEvidenceAction } from './buttons/evidence.js';
import { actionCommand, actionExtendCommand, actionImplementedCommand, actionOpenCommand, actionPlanCommand, actionsCommand, actionVerifyCommand } from './commands/actions.js';
import { markImplementedFormHandler, planActionFormHandler, requestExtensionFormHandler, verifyActionFormHandler } from './forms/actions.js';
import { markImplementedButton, openActionButtonHandler, planActionButton, requestExtensionButton, verifyActionButton } from './buttons/actions.js';
import { auditDigestCommand, auditDigestHereCommand, auditDigestNowCommand, auditDigestPreviewCommand } from './commands/digest.js';

export const CHAT_COMMANDS: ChatCommand[] = [
  whoamiCommand,
  findingCommand,
  programmeCommand, auditCommand, mineCommand, auditMineCommand, auditPlanCommand, auditAssignCommand, auditStartCommand, auditExplainCommand, auditStatusCommand,
  evidenceCommand, submitCommand, snoozeCommand, notMineCommand, evidenceReviewCommand, evidenceReassignCommand, evidenceWithdrawCommand,
  actionsCommand, actionCommand, actionPlanCommand, actionImplementedCommand, actionExtendCommand, actionVerifyCommand, actionOpenCommand,
  auditDigestCommand, auditDigestPreviewCommand, auditDigestNowCommand, auditDigestHereCommand,
];

export const FORM_HANDLERS: FormHandler[] = [
  recordFindingForm,
  submitEvidenceFormHandler, snoozeEvidenceFormHandler, notMineFormHandler, requestMoreFormHandler, reassignEvidenceFormHandler,
  planActionFormHandler, markImplementedFormHandler, requestExtensionFormHandler, verifyActionFormHandler,
];

export const ACTION_HANDLERS: ActionHandler[] = [
  submitEvidenceAction, snoozeEvidenceAction, notMineAction, acceptEvidenceAction, requestMoreAction, reassignEvidenceAction,
  planActionButton, markImplementedButton, requestExtensionButton, verifyActionButton, openActionButtonHandler,
];
