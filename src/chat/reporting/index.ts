// Reporting in chat: programme progress (`audit status`) and the weekly digest on demand.
import type { Capability } from '../types.js';
import { auditStatusCommand } from './audit-status-command.js';
import { auditDigestCommand, auditDigestHereCommand, auditDigestNowCommand, auditDigestPreviewCommand } from './digest-commands.js';

export const reportingChat: Capability = {
  name: 'reporting',
  commands: [auditStatusCommand, auditDigestCommand, auditDigestPreviewCommand, auditDigestNowCommand, auditDigestHereCommand],
};
