// Findings in chat: `finding [what you saw]` opens the finding form; its submission records it.
import type { Capability } from '../types.js';
import { findingCommand } from './finding-command.js';
import { recordFindingForm } from './record-finding-form.js';

export const findingsChat: Capability = {
  name: 'findings',
  commands: [findingCommand],
  forms: [recordFindingForm],
};
