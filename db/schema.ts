// The store of record. Times are ISO 8601 strings in UTC; people are keyed by lower-case
// e-mail; requirements are typed references (`9.2` for a clause, `A.5.15` for a control).

import type { Holiday } from '../src/core/shared/holidays.js';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const bool = (name: string) => integer(name, { mode: 'boolean' });

export const organisation = sqliteTable('organisation', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  /** The file's `management_review` block (cadence, chair, input providers); null without one. */
  managementReview: json<{ everyMonths: number | null; chair: string | null; inputs: Partial<Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', string>> }>('management_review'),
  updatedAt: text('updated_at').notNull(),
  /** The organisation file's `holidays` (shared/holidays.ts `Holiday`), in date order. */
  holidays: json<Holiday[]>('holidays'),
});

export const teams = sqliteTable('teams', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  active: bool('active').notNull().default(true),
});

export const people = sqliteTable(
  'people',
  {
    email: text('email').primaryKey(),
    name: text('name').notNull(),
    team: text('team').references(() => teams.key),
    manager: text('manager'),
    timezone: text('timezone'),
    roles: json<string[]>('roles').notNull(),
    slackId: text('slack_id'),
    teamsId: text('teams_id'),
    chat: text('chat', { enum: ['slack', 'teams'] }),
    lastPlatform: text('last_platform', { enum: ['slack', 'teams', 'console'] }),
    active: bool('active').notNull().default(true),
    /** ISO 3166 country code, for country holidays. */
    country: text('country'),
  },
  (t) => [uniqueIndex('people_slack_id').on(t.slackId), uniqueIndex('people_teams_id').on(t.teamsId)],
);

export const areas = sqliteTable('areas', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  team: text('team')
    .notNull()
    .references(() => teams.key),
  owner: text('owner')
    .notNull()
    .references(() => people.email),
  risk: text('risk', { enum: ['low', 'medium', 'high'] }).notNull(),
  criteria: json<string[]>('criteria').notNull(),
  active: bool('active').notNull().default(true),
});

/** Clauses and controls audited with an area, each with the person who owns it. */
export const areaScope = sqliteTable(
  'area_scope',
  {
    area: text('area')
      .notNull()
      .references(() => areas.key),
    requirement: text('requirement').notNull(),
    kind: text('kind', { enum: ['clause', 'control'] }).notNull(),
    owner: text('owner')
      .notNull()
      .references(() => people.email),
  },
  (t) => [primaryKey({ columns: [t.area, t.requirement] }), index('area_scope_owner').on(t.owner)],
);

/** Statement of Applicability: only the exclusions are listed; every other control applies. */
export const applicability = sqliteTable('applicability', {
  control: text('control').primaryKey(),
  applicable: bool('applicable').notNull(),
  justification: text('justification').notNull(),
});

/** Append-only, hash-chained audit trail. Triggers in the migration refuse UPDATE and DELETE. */
export const trailEvents = sqliteTable(
  'trail_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    before: text('before'),
    after: text('after'),
    channel: text('channel').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('trail_subject').on(t.subject)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    platform: text('platform', { enum: ['console', 'slack', 'teams'] }).notNull(),
    /** A person's e-mail, or `channel:<id>` for a channel post. */
    recipient: text('recipient').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
    /**
     * The earliest moment it may go (the recipient's working hours, issue 15); null for rows
     * queued before there was one, which may go at once.
     */
    deliverAt: text('deliver_at'),
  },
  (t) => [uniqueIndex('outbox_key').on(t.key), index('outbox_due').on(t.status, t.nextAttemptAt)],
);

export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    /** The cron slot this run serves; a manual run uses its start time. */
    scheduledFor: text('scheduled_for').notNull(),
    trigger: text('trigger', { enum: ['cron', 'catch-up', 'manual'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    outcome: text('outcome', { enum: ['running', 'ok', 'failed', 'skipped'] }).notNull(),
    counts: json<Record<string, number>>('counts'),
    error: text('error'),
  },
  (t) => [index('job_runs_job').on(t.job, t.scheduledFor)],
);

/** Keys of requests already handled (Slack retries, double clicks, repeated card submits). */
export const processedRequests = sqliteTable('processed_requests', {
  key: text('key').primaryKey(),
  result: text('result'),
  at: text('at').notNull(),
});

export const programmes = sqliteTable('programmes', {
  cycle: text('cycle').primaryKey(),
  start: text('start').notNull(),
  months: integer('months').notNull(),
  maxPerMonth: integer('max_per_month'),
  gaps: json<string[]>('gaps').notNull(),
  plannedAt: text('planned_at').notNull(),
  plannedBy: text('planned_by').notNull(),
});

export const audits = sqliteTable(
  'audits',
  {
    id: text('id').primaryKey(),
    cycle: text('cycle')
      .notNull()
      .references(() => programmes.cycle),
    status: text('status', { enum: ['planned', 'in_progress', 'reporting', 'closed'] }).notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    areas: json<string[]>('areas').notNull(),
    clauses: json<string[]>('clauses').notNull(),
    controls: json<string[]>('controls').notNull(),
    criteria: json<string[]>('criteria').notNull(),
    needsExternalAuditor: bool('needs_external_auditor').notNull().default(false),
    // `auditor`: the person the independence exception was made for.
    exception: json<{ justification: string; by: string; at: string; auditor?: string } | null>('exception'),
    evidenceDueDays: integer('evidence_due_days').notNull().default(10),
    /**
     * While no auditor is independent: who the hard rules kept off when that was found, for
     * `audit explain` (an assignment's own rationale replaces it once someone is assigned).
     */
    needsExternalRecord: json<{ excluded: { email: string; exclusions: { rule: string; detail: string }[] }[]; withoutAuditorRole: number } | null>('needs_external_record'),
    startedAt: text('started_at'),
    closedAt: text('closed_at'),
  },
  (t) => [index('audits_cycle').on(t.cycle, t.start)],
);

export const auditAuditors = sqliteTable(
  'audit_auditors',
  {
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    email: text('email')
      .notNull()
      .references(() => people.email),
    role: text('role', { enum: ['lead', 'second'] }).notNull(),
    /** Why this person was chosen and who was excluded, for `audit explain`. */
    rationale: json<unknown>('rationale').notNull(),
    assignedAt: text('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.role] }), index('audit_auditors_email').on(t.email)],
);

export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    classification: text('classification', { enum: ['major', 'minor', 'ofi', 'observation'] }).notNull(),
    requirement: text('requirement').notNull(),
    outOfScope: bool('out_of_scope').notNull().default(false),
    statement: text('statement').notNull(),
    evidence: text('evidence').notNull(),
    area: text('area')
      .notNull()
      .references(() => areas.key),
    owner: text('owner')
      .notNull()
      .references(() => people.email),
    raisedBy: text('raised_by')
      .notNull()
      .references(() => people.email),
    raisedAt: text('raised_at').notNull(),
    actionId: text('action_id'),
    /** `open`, or `withdrawn` with its reason (issue 14.1). */
    status: text('status', { enum: ['open', 'withdrawn', 'superseded'] }).notNull().default('open'),
    statusReason: text('status_reason'),
    /** The major finding a repeated minor was raised into (issue 14.3). */
    supersededBy: text('superseded_by'),
    /** The owner's answer and the lead's decision on a dispute (issue 14.2). */
    response: text('response', { enum: ['acknowledged', 'disputed', 'upheld', 'amended'] }),
    responseReason: text('response_reason'),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('findings_audit').on(t.auditId),
    index('findings_owner').on(t.owner),
    // Reporting (digest, review pack) counts findings by classification and time without
    // reading the wide rows: these indexes cover those queries.
    index('findings_class_raised').on(t.classification, t.raisedAt, t.id),
    index('findings_raised').on(t.raisedAt, t.area, t.classification),
  ],
);

/** Persisted Bot Framework conversation references, so proactive messages survive restarts. */
export const conversationRefs = sqliteTable('conversation_refs', {
  /** A person's e-mail, or `channel:<conversation id>` for a Teams channel. */
  owner: text('owner').primaryKey(),
  reference: text('reference').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Small key/value settings changed from chat (e.g. the Teams digest channel). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Sequences for human ids such as F-2027-0012 and CA-2027-0031. */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});


/** One request to a control or clause owner for evidence, per requirement in an audit's scope. */
export const evidenceRequests = sqliteTable(
  'evidence_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    requirement: text('requirement').notNull(),
    owner: text('owner')
      .notNull()
      .references(() => people.email),
    /** Due date (YYYY-MM-DD) in the owner's time zone. */
    due: text('due').notNull(),
    status: text('status', { enum: ['requested', 'submitted', 'accepted', 'more_requested', 'withdrawn'] }).notNull(),
    links: json<string[]>('links').notNull(),
    note: text('note'),
    comment: text('comment'),
    snoozeCount: integer('snooze_count').notNull().default(0),
    notMineReason: text('not_mine_reason'),
    requestedAt: text('requested_at').notNull(),
    submittedAt: text('submitted_at'),
    acceptedBy: text('accepted_by'),
    acceptedAt: text('accepted_at'),
  },
  (t) => [uniqueIndex('evidence_audit_requirement').on(t.auditId, t.requirement), index('evidence_owner').on(t.owner, t.status)],
);

export const correctiveActions = sqliteTable(
  'corrective_actions',
  {
    id: text('id').primaryKey(),
    findingId: text('finding_id')
      .notNull()
      .references(() => findings.id),
    owner: text('owner')
      .notNull()
      .references(() => people.email),
    status: text('status', { enum: ['open', 'planned', 'implemented', 'closed', 'withdrawn'] }).notNull(),
    /** Due date (YYYY-MM-DD), set by the auditor; only an approved extension moves it. */
    due: text('due').notNull(),
    /** The owner's target date from the plan (YYYY-MM-DD), on or before the due date. */
    target: text('target'),
    correction: text('correction'),
    rootCause: text('root_cause'),
    plan: text('plan'),
    implementationLinks: json<string[]>('implementation_links').notNull(),
    openedAt: text('opened_at').notNull(),
    plannedAt: text('planned_at'),
    implementedAt: text('implemented_at'),
    closedAt: text('closed_at'),
  },
  (t) => [
    index('actions_owner').on(t.owner, t.status),
    uniqueIndex('actions_finding').on(t.findingId),
    // Reporting: overdue actions, openings and closures by time, and the state of each
    // finding's action, answered from indexes alone.
    index('actions_status_due').on(t.status, t.due),
    index('actions_opened').on(t.openedAt, t.status),
    index('actions_closed').on(t.closedAt),
    index('actions_finding_state').on(t.findingId, t.status, t.closedAt, t.due, t.id),
  ],
);

export const verifications = sqliteTable(
  'verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => correctiveActions.id),
    by: text('by')
      .notNull()
      .references(() => people.email),
    at: text('at').notNull(),
    effective: bool('effective').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('verifications_action').on(t.actionId), index('verifications_at').on(t.at, t.effective)],
);

/** The due date (YYYY-MM-DD) an auditor proposed for a finding's corrective action, when they did. */
export const findingDueProposals = sqliteTable('finding_due_proposals', {
  findingId: text('finding_id')
    .primaryKey()
    .references(() => findings.id),
  due: text('due').notNull(),
});

/**
 * An owner's request to move a corrective action's due date (issue 14.5): pending until an
 * audit lead approves it (with the date approved) or refuses it (with a reason).
 */
export const actionExtensionRequests = sqliteTable(
  'action_extension_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => correctiveActions.id),
    by: text('by')
      .notNull()
      .references(() => people.email),
    at: text('at').notNull(),
    due: text('due').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused'] }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    decision: text('decision'),
  },
  (t) => [index('action_extension_requests_action').on(t.actionId, t.status)],
);

/** Every due-date extension of a corrective action: the corrective-action log shows them all. */
export const actionExtensions = sqliteTable(
  'action_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => correctiveActions.id),
    by: text('by')
      .notNull()
      .references(() => people.email),
    at: text('at').notNull(),
    fromDue: text('from_due').notNull(),
    toDue: text('to_due').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('action_extensions_action').on(t.actionId, t.at)],
);

/**
 * Every submission of evidence on a request, by whom: whoever ever provided evidence on a request
 * may not review it, even after it was reassigned to someone else and submitted again.
 */
export const evidenceSubmissions = sqliteTable(
  'evidence_submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => evidenceRequests.id),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => people.email),
    submittedAt: text('submitted_at').notNull(),
  },
  (t) => [index('evidence_submissions_request').on(t.requestId, t.submittedBy)],
);

/**
 * Stages already queued, so none repeats: evidence nudges and action chases, and one-off notices
 * (a possible major nonconformity, a refused chat account reported to the leads).
 */
export const reminders = sqliteTable(
  'reminders',
  {
    subject: text('subject').notNull(),
    stage: text('stage').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.stage] })],
);

/**
 * Every form shown to a person (Slack modal, Teams card, console questions), kept here so that
 * the client carries only the opaque `id`: what the form offered and the context it acts on
 * (e.g. which request or action) are read back from this row, never from the submission.
 */
export const formInstances = sqliteTable(
  'form_instances',
  {
    /** Random and unguessable: the only thing a platform carries. */
    id: text('id').primaryKey(),
    formId: text('form_id').notNull(),
    /** The person it was shown to; nobody else may submit it. */
    person: text('person')
      .notNull()
      .references(() => people.email),
    platform: text('platform', { enum: ['console', 'slack', 'teams'] }).notNull(),
    /** The neutral Form as shown: its fields, options and context. */
    form: text('form').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('form_instances_expires').on(t.expiresAt)],
);

// --- Conducting an audit (issue 13). A requirement in an audit's scope without a row in
// `checklist_verdicts` is unassessed: the checklist is the scope, the rows are what was decided.

/** The verdict an auditor gave a requirement in an audit's scope. */
export const checklistVerdicts = sqliteTable(
  'checklist_verdicts',
  {
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    requirement: text('requirement').notNull(),
    verdict: text('verdict', { enum: ['unassessed', 'conforming', 'nonconformity', 'ofi', 'not_audited'] }).notNull(),
    /** Why a requirement was not audited; null otherwise. */
    reason: text('reason'),
    notes: text('notes'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.requirement] })],
);

/** Working papers of a checklist item: documents reviewed, samples, interviews, free notes. */
export const workingPapers = sqliteTable(
  'working_papers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    requirement: text('requirement').notNull(),
    kind: text('kind', { enum: ['document', 'sample', 'interview', 'note'] }).notNull(),
    /** The paper itself; its shape is the kind's (src/core/conduct/types.ts). */
    body: json<unknown>('body').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('working_papers_audit').on(t.auditId, t.requirement)],
);

/** The opening and closing meetings of an audit (one of each; recording again replaces it until the audit closes). */
export const auditMeetings = sqliteTable(
  'audit_meetings',
  {
    auditId: text('audit_id')
      .notNull()
      .references(() => audits.id),
    kind: text('kind', { enum: ['opening', 'closing'] }).notNull(),
    /** ISO 8601 UTC. */
    heldAt: text('held_at').notNull(),
    attendees: json<string[]>('attendees').notNull(),
    notes: text('notes').notNull(),
    /** Closing meeting: the finding ids presented. */
    findingsPresented: json<string[]>('findings_presented').notNull(),
    /** Closing meeting: `acknowledged` or `disagreed`, with what the auditees said. */
    acknowledgement: text('acknowledgement', { enum: ['acknowledged', 'disagreed'] }),
    auditeeStatement: text('auditee_statement'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.kind] })],
);

/** The lead auditor's conclusion of an audit. */
export const auditConclusions = sqliteTable('audit_conclusions', {
  auditId: text('audit_id')
    .primaryKey()
    .references(() => audits.id),
  conclusion: text('conclusion', { enum: ['conforms', 'conforms_with_minor_nonconformities', 'does_not_conform'] }).notNull(),
  summary: text('summary').notNull(),
  strengths: text('strengths').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: text('recorded_at').notNull(),
});

/** An audit's plan: objectives, method, criteria as edited for this audit, auditees and schedule. */
export const auditPlans = sqliteTable('audit_plans', {
  auditId: text('audit_id')
    .primaryKey()
    .references(() => audits.id),
  objectives: text('objectives').notNull(),
  method: text('method', { enum: ['remote', 'on_site', 'mixed'] }).notNull(),
  criteria: json<string[]>('criteria').notNull(),
  auditees: json<string[]>('auditees').notNull(),
  /** Opening meeting, interviews, closing meeting: what and when (ISO 8601 UTC). */
  schedule: json<{ what: string; at: string }[]>('schedule').notNull(),
  sharedAt: text('shared_at'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});
/** A management review meeting (ISO/IEC 27001:2022 clause 9.3), planned by a lead. */
export const managementReviews = sqliteTable(
  'management_reviews',
  {
    /** `MR-2027-01`: the year of the meeting and its number in that year. */
    id: text('id').primaryKey(),
    /** Local date of the meeting, in the organisation's time zone. */
    meetingDate: text('meeting_date').notNull(),
    chair: text('chair')
      .notNull()
      .references(() => people.email),
    status: text('status', { enum: ['scheduled', 'held'] }).notNull(),
    scheduledBy: text('scheduled_by').notNull(),
    scheduledAt: text('scheduled_at').notNull(),
    /** Set once, when the chair or a lead records the outcome; the record is final. */
    heldAt: text('held_at'),
    heldBy: text('held_by'),
    attendees: json<string[]>('attendees'),
    decisions: json<{ kind: 'improvement' | 'change' | 'resources'; text: string }[]>('decisions'),
  },
  (t) => [uniqueIndex('management_reviews_meeting_date').on(t.meetingDate)],
);

/** An action decided at a management review (clause 9.3.3), shown as input (a) of the next one. */
export const reviewActions = sqliteTable(
  'review_actions',
  {
    /** `RA-2027-0001`. */
    id: text('id').primaryKey(),
    reviewId: text('review_id')
      .notNull()
      .references(() => managementReviews.id),
    text: text('text').notNull(),
    owner: text('owner')
      .notNull()
      .references(() => people.email),
    /** Local date. */
    due: text('due').notNull(),
    createdAt: text('created_at').notNull(),
    /** `open` until its owner (or a lead) marks it done; chased while open. */
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    doneAt: text('done_at'),
    doneBy: text('done_by'),
  },
  (t) => [index('review_actions_review').on(t.reviewId), index('review_actions_status').on(t.status)],
);

/** An input of clause 9.3.2 given for a review by the person the organisation file names for it. */
export const reviewInputs = sqliteTable(
  'review_inputs',
  {
    reviewId: text('review_id')
      .notNull()
      .references(() => managementReviews.id),
    /** The input's letter in clause 9.3.2, `a`–`g`. */
    letter: text('letter', { enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }).notNull(),
    providedBy: text('provided_by')
      .notNull()
      .references(() => people.email),
    providedAt: text('provided_at').notNull(),
    text: text('text').notNull(),
    links: json<string[]>('links').notNull(),
    /** For the fulfilment of information security objectives: each objective with its status. */
    objectives: json<{ objective: string; status: 'met' | 'on track' | 'at risk' | 'not met' }[]>('objectives').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.letter] })],
);

/**
 * Private calendar feed links (`GET /calendar/<token>.ics`): one per person, the token itself is
 * never stored, only its SHA-256, so a copy of the database cannot be used to read feeds.
 */
export const calendarTokens = sqliteTable('calendar_tokens', {
  email: text('email').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

/**
 * Short-lived links to a management review pack (`GET /review-pack/<token>.html`, Teams): each
 * for one person and one review, until `expires_at`. Only the token's SHA-256 is stored.
 */
export const reviewPackLinks = sqliteTable(
  'review_pack_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email')
      .notNull()
      .references(() => people.email),
    reviewId: text('review_id')
      .notNull()
      .references(() => managementReviews.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('review_pack_links_expires_at').on(t.expiresAt)],
);
