// The audit programme in chat: the programme, one audit, and the lead's commands to plan,
// assign, start and explain.
import type { Capability } from '../types.js';
import { auditAssignCommand } from './audit-assign-command.js';
import { auditCommand } from './audit-command.js';
import { auditExplainCommand } from './audit-explain-command.js';
import { auditPlanCommand } from './audit-plan-command.js';
import { auditStartCommand } from './audit-start-command.js';
import { programmeCommand } from './programme-command.js';

export const programmeChat: Capability = {
  name: 'programme',
  commands: [programmeCommand, auditCommand, auditPlanCommand, auditAssignCommand, auditStartCommand, auditExplainCommand],
};
