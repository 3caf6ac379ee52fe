// Evidence in chat: what you are asked for and what waits for your review, the owner's and the
// auditor's commands, the forms behind them and the buttons on evidence messages.
import type { Capability } from '../types.js';
import { acceptEvidenceButton, notMineButton, reassignEvidenceButton, requestMoreButton, snoozeEvidenceButton, submitEvidenceButton } from './evidence-buttons.js';
import { evidenceCommand, evidenceReassignCommand, evidenceReviewCommand, evidenceWithdrawCommand, notMineCommand, snoozeCommand, submitCommand } from './evidence-commands.js';
import { notMineFormHandler, reassignEvidenceFormHandler, requestMoreFormHandler, snoozeEvidenceFormHandler, submitEvidenceFormHandler } from './evidence-forms.js';

export const evidenceChat: Capability = {
  name: 'evidence',
  commands: [evidenceCommand, submitCommand, snoozeCommand, notMineCommand, evidenceReviewCommand, evidenceReassignCommand, evidenceWithdrawCommand],
  forms: [submitEvidenceFormHandler, snoozeEvidenceFormHandler, notMineFormHandler, requestMoreFormHandler, reassignEvidenceFormHandler],
  buttons: [submitEvidenceButton, snoozeEvidenceButton, notMineButton, acceptEvidenceButton, requestMoreButton, reassignEvidenceButton],
};
