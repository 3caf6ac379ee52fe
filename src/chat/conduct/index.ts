// Conducting an audit in chat: its checklist and verdicts, findings from a checklist item,
// meetings, the conclusion, reporting and closing.
import type { Capability } from '../types.js';
import { auditChecklistCommand } from './audit-checklist-command.js';
import { auditConcludeCommand, auditConcludeForm } from './audit-conclude.js';
import { auditFindingCommand } from './audit-finding-command.js';
import { auditCloseCommand, auditReopenCommand, auditReportCommand } from './audit-lifecycle-commands.js';
import { auditMeetingCommand, auditMeetingForm } from './audit-meeting.js';
import { auditVerdictCommand } from './audit-verdict-command.js';
import { auditPlanEditCommand, auditPlanForm, auditPlanShareCommand } from './audit-plan-commands.js';
import { auditCorrectCommand, auditDocumentCommand, auditNoteCommand, auditRedrawCommand, auditResultCommand } from './audit-paper-commands.js';
import { auditInterviewCommand, auditInterviewForm, auditSampleCommand, auditSampleForm } from './audit-paper-forms.js';

export const conductChat: Capability = {
  name: 'conduct',
  commands: [auditPlanEditCommand, auditPlanShareCommand, auditChecklistCommand, auditVerdictCommand, auditFindingCommand, auditDocumentCommand, auditSampleCommand, auditResultCommand, auditRedrawCommand, auditInterviewCommand, auditNoteCommand, auditMeetingCommand, auditReportCommand, auditReopenCommand, auditConcludeCommand, auditCloseCommand, auditCorrectCommand],
  forms: [auditPlanForm, auditConcludeForm, auditMeetingForm, auditSampleForm, auditInterviewForm],
};
