// Every CLI command, one file each. Add a command by adding its file and one line here.
import type { CommandSpec } from '../framework.js';
import { auditAssignCommand, auditExplainCommand, auditStartCommand } from './audit.js';
import { catalogueCommand } from './catalogue.js';
import { consoleCommand } from './console.js';
import { exportActionsCommand } from './export-actions.js';
import { exportAuditCommand } from './export-audit.js';
import { exportEvidenceCommand } from './export-evidence.js';
import { exportFindingsCommand } from './export-findings.js';
import { exportProgrammeCommand } from './export-programme.js';
import { exportReviewCommand } from './export-review.js';
import { importCommand } from './import.js';
import { jobRunCommand, jobRunsCommand } from './job.js';
import { outboxListCommand, outboxRetryCommand } from './outbox.js';
import { programmePlanCommand, programmeShowCommand } from './programme.js';
import { backupCommand } from './backup.js';
import { serveCommand } from './serve.js';
import { exportTrailCommand, trailVerifyCommand } from './trail.js';

export const COMMANDS: CommandSpec[] = [serveCommand, consoleCommand, catalogueCommand, importCommand, trailVerifyCommand, exportTrailCommand, exportFindingsCommand, exportEvidenceCommand, exportActionsCommand, exportProgrammeCommand, exportReviewCommand, exportAuditCommand, outboxListCommand, outboxRetryCommand, jobRunCommand, jobRunsCommand, programmePlanCommand, programmeShowCommand, auditStartCommand, auditAssignCommand, auditExplainCommand, backupCommand];
