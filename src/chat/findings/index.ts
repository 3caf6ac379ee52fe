// Findings in chat: `finding [what you saw]` opens the finding form; its submission records it.
// `findings`, `finding show|amend|withdraw` list, show and change recorded findings.
import type { Capability } from '../types.js';
import { amendFindingFormHandler } from './amend-finding-form.js';
import { findingCommand } from './finding-command.js';
import { findingAcknowledgeCommand, findingAmendCommand, findingDisputeCommand, findingRaiseMajorCommand, findingShowCommand, findingsCommand, findingUpholdCommand, findingWithdrawCommand } from './finding-change-commands.js';
import { recordFindingForm } from './record-finding-form.js';

export const findingsChat: Capability = {
  name: 'findings',
  commands: [findingCommand, findingsCommand, findingShowCommand, findingAmendCommand, findingWithdrawCommand, findingAcknowledgeCommand, findingDisputeCommand, findingUpholdCommand, findingRaiseMajorCommand],
  forms: [recordFindingForm, amendFindingFormHandler],
};
