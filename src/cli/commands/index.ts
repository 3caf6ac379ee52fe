// Every CLI command: its words and summary, and how to load its file. Nothing here imports a
// command's code: a run loads only the file of the command it runs (and what that file imports),
// so `export findings` never loads Bolt or botbuilder. Add a command by adding its file and one
// entry here.
import type { CommandEntry } from '../framework.js';

export const COMMANDS: readonly CommandEntry[] = [
  {
    path: ['serve'],
    summary: 'Run the bot: chat adapters, scheduler, outbox dispatcher and GET /healthz on one HTTP server',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    path: ['console'],
    summary: 'Use Auditbot in this terminal as a person of the organisation',
    load: async () => (await import('./console.js')).consoleCommand,
  },
  {
    path: ['catalogue'],
    summary: 'Print the ISO/IEC 27001:2022 clauses (4.1–10.2) and the 93 Annex A controls',
    load: async () => (await import('./catalogue.js')).catalogueCommand,
  },
  {
    path: ['import'],
    summary: 'Import the organisation file (teams, people, areas, Statement of Applicability)',
    load: async () => (await import('./import.js')).importCommand,
  },
  {
    path: ['trail', 'verify'],
    summary: 'Check the hash chain of the audit trail; names the first event that does not match',
    load: async () => (await import('./trail.js')).trailVerifyCommand,
  },
  {
    path: ['export', 'trail'],
    summary: 'Export the append-only audit trail (every state change, hash-chained)',
    load: async () => (await import('./trail.js')).exportTrailCommand,
  },
  {
    path: ['export', 'findings'],
    summary: 'Export the findings register (every finding with its requirement, evidence, owner and auditor)',
    load: async () => (await import('./export-findings.js')).exportFindingsCommand,
  },
  {
    path: ['export', 'evidence'],
    summary: 'Export the evidence register (every request, its links, who accepted it and when)',
    load: async () => (await import('./export-evidence.js')).exportEvidenceCommand,
  },
  {
    path: ['export', 'actions'],
    summary: 'Export the corrective-action log (every action with its plan, due-date changes and verifications)',
    load: async () => (await import('./export-actions.js')).exportActionsCommand,
  },
  {
    path: ['export', 'programme'],
    summary: 'Export the audit programme register: every audit of a cycle with its window, scope, auditors and exceptions',
    load: async () => (await import('./export-programme.js')).exportProgrammeCommand,
  },
  {
    path: ['export', 'review'],
    summary: 'Export the management review input (clause 9.3): audit results, nonconformities, corrective actions and trends',
    load: async () => (await import('./export-review.js')).exportReviewCommand,
  },
  {
    path: ['export', 'audit'],
    summary: 'Export the report of one audit: scope, criteria, auditors and their independence, evidence, findings, conclusion',
    load: async () => (await import('./export-audit.js')).exportAuditCommand,
  },
  {
    path: ['export', 'calendar'],
    summary: 'Export audit windows, planned meetings, evidence and action due dates as an iCalendar file (RFC 5545)',
    load: async () => (await import('./export-calendar.js')).exportCalendarCommand,
  },
  {
    path: ['calendar', 'revoke'],
    summary: "End a person's private calendar feed link (GET /calendar/<token>.ics answers 404 from then on)",
    load: async () => (await import('./calendar.js')).calendarRevokeCommand,
  },
  {
    path: ['outbox'],
    summary: 'List queued notifications: pending, delivered and dead letters',
    load: async () => (await import('./outbox.js')).outboxListCommand,
  },
  {
    path: ['outbox', 'retry'],
    summary: 'Re-queue a dead or pending notification for delivery now',
    load: async () => (await import('./outbox.js')).outboxRetryCommand,
  },
  {
    path: ['job', 'run'],
    summary: 'Run a scheduled job now and print what it did (recorded like a cron run)',
    load: async () => (await import('./job.js')).jobRunCommand,
  },
  {
    path: ['preview'],
    summary: 'List who the scheduled jobs would message, and when, over the coming days (changes nothing)',
    load: async () => (await import('./preview.js')).previewCommand,
  },
  {
    path: ['job', 'runs'],
    summary: 'List recorded job runs, newest first (cron, catch-up and manual)',
    load: async () => (await import('./job.js')).jobRunsCommand,
  },
  {
    path: ['programme', 'plan'],
    summary: 'Plan (or re-plan) the audit programme of a cycle and assign independent auditors',
    load: async () => (await import('./programme.js')).programmePlanCommand,
  },
  {
    path: ['programme', 'show'],
    summary: 'Show the audit programme: month by month, auditors, coverage, exceptions and gaps',
    load: async () => (await import('./programme.js')).programmeShowCommand,
  },
  {
    path: ['audit', 'start'],
    summary: 'Start a planned audit now (the audit-starts job does it when the window opens)',
    load: async () => (await import('./audit.js')).auditStartCommand,
  },
  {
    path: ['audit', 'assign'],
    summary: 'Put a named person on an audit; if they are not independent, it is a recorded exception',
    load: async () => (await import('./audit.js')).auditAssignCommand,
  },
  {
    path: ['audit', 'explain'],
    summary: 'Say why an audit has its auditors, and who was excluded by which rule',
    load: async () => (await import('./audit.js')).auditExplainCommand,
  },
  {
    path: ['backup'],
    summary: 'Copy the database to a file while the bot keeps running, and check the copy',
    load: async () => (await import('./backup.js')).backupCommand,
  },
];
