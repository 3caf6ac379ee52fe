// Every kind of audit-trail event, with the shape of what it records: the one registry of the
// `action` strings the core appends, each with a zod schema of its `before` and `after` and the
// form of its subject. `trail.append` takes a TrailEvent, so TypeScript holds every call to its
// kind's shape; a test validates a realistic database's whole trail against these schemas. The
// schemas describe; they do not change how events are stored or hashed (trail-hash.ts).
import { z } from 'zod';
import type { Channel } from '../shared/actor.js';

const text = z.string();
const email = z.string().min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'an ISO 8601 time');
const strings = z.array(text);
const nullableText = text.nullable();

const actionStatus = z.enum(['open', 'planned', 'implemented', 'closed', 'withdrawn']);
const evidenceStatus = z.enum(['requested', 'submitted', 'accepted', 'more_requested', 'withdrawn']);
const auditStatus = z.enum(['planned', 'in_progress', 'reporting', 'closed']);
const checklistVerdict = z.enum(['unassessed', 'conforming', 'nonconformity', 'ofi', 'not_audited']);
const classification = z.enum(['major', 'minor', 'ofi', 'observation']);
const findingStatus = z.enum(['open', 'withdrawn', 'superseded']);
const findingResponse = z.enum(['acknowledged', 'disputed', 'upheld', 'amended']);
const auditorRole = z.enum(['lead', 'second']);
const outboxStatus = z.enum(['pending', 'delivered', 'dead']);
const escalatedAs = z.array(z.enum(['manager', 'lead']));
const excludedPerson = z.strictObject({ email, exclusions: z.array(z.strictObject({ rule: z.enum(['role', 'inactive', 'team', 'owner']), detail: text })) });

/** Nothing recorded on this side (stored as NULL). */
const none = z.undefined();

/** An event's subject, e.g. `action:CA-2027-0031`. */
const SUBJECTS = {
  organisation: /^organisation$/,
  person: /^person:[^\s@]+@[^\s@]+$/,
  chatAccount: /^chat-account:(slack|teams):\S+$/,
  programme: /^programme:\d{4}$/,
  audit: /^audit:IA-\d{4}-\d+$/,
  finding: /^finding:F-\d{4}-\d+$/,
  action: /^action:CA-\d{4}-\d+$/,
  evidence: /^evidence:\d+$/,
  outbox: /^outbox:\d+$/,
  setting: /^setting:[\w.-]+$/,
  review: /^review:MR-\d{4}-\d+$/,
} as const;

interface KindSpec {
  subject: RegExp;
  before: z.ZodType;
  after: z.ZodType;
}

const kind = <B extends z.ZodType, A extends z.ZodType>(subject: RegExp, before: B, after: A) => ({ subject, before, after }) satisfies KindSpec;

// --- shapes shared by several kinds
const fieldChanges = z.array(z.strictObject({ key: text, fields: strings }));
const entityChanges = z.strictObject({ added: strings, changed: fieldChanges, deactivated: strings });
const itemChanges = z.strictObject({ added: strings, changed: fieldChanges, removed: strings });
const organisationChanges = z.strictObject({
  organisation: z.strictObject({ added: z.boolean(), changed: strings }),
  teams: entityChanges,
  people: entityChanges,
  areas: entityChanges,
  scope: itemChanges,
  applicability: itemChanges,
});
/** What the changed entries were or became, by section and key (diff-organisation.ts). */
const sectionValues = z.record(text, z.record(text, z.unknown()));
const organisationValues = {
  organisation: sectionValues.optional(),
  teams: sectionValues.optional(),
  people: sectionValues.optional(),
  areas: sectionValues.optional(),
  scope: sectionValues.optional(),
  applicability: sectionValues.optional(),
};
/** An audit's window: ISO 8601 times. */
const auditWindow = { start: instant, end: instant };
const auditScope = { areas: strings, clauses: strings, controls: strings, criteria: strings };
/** An auditor put on an audit by the assignment rules, or a role left empty. */
const autoAssignment = z.union([
  z.strictObject({ role: auditorRole, email, chosenBecause: strings, independence: strings }),
  z.strictObject({ role: auditorRole, email: z.null() }),
]);
const roleHolder = z.strictObject({ role: auditorRole, email: email.nullable() });
const statusChange = kind(SUBJECTS.audit, z.strictObject({ status: auditStatus }), z.strictObject({ status: auditStatus }));
const programmeBefore = z.strictObject({ start: date, months: z.number().int(), maxPerMonth: z.number().int().nullable(), gaps: strings });
const programmeAfter = z.strictObject({
  start: date,
  months: z.number().int(),
  maxPerMonth: z.number().int().nullable(),
  frequency: z.strictObject({ high: z.number(), medium: z.number(), low: z.number() }),
  gaps: strings,
  incomplete: z.boolean(),
  audits: z.number().int(),
  added: strings,
  moved: strings,
  cancelled: strings,
  kept: strings,
  prioritised: strings,
});
const manualAssignment = z.strictObject({ role: auditorRole, email, source: z.literal('manual'), justification: text, independent: z.boolean(), violations: strings.optional() });
const reminderStage = { stage: text, to: email };

export const TRAIL_EVENT_KINDS = {
  // Organisation and people
  'organisation.imported': kind(SUBJECTS.organisation, sectionValues.optional(), z.strictObject({ file: text, changes: organisationChanges, ...organisationValues })),
  'person.chat_contact_learnt': kind(
    SUBJECTS.person,
    z.strictObject({ slackId: nullableText.optional(), teamsId: nullableText.optional(), timezone: nullableText.optional() }),
    z.strictObject({ slackId: nullableText.optional(), teamsId: nullableText.optional(), timezone: nullableText.optional() }),
  ),
  'person.chat_account_refused': kind(
    SUBJECTS.chatAccount,
    none,
    z.discriminatedUnion('reason', [
      z.strictObject({ reason: z.literal('person_has_other_account'), platform: z.enum(['slack', 'teams']), accountId: text, email, linkedId: text }),
      z.strictObject({ reason: z.literal('account_belongs_to_other'), platform: z.enum(['slack', 'teams']), accountId: text, email, holder: email }),
    ]),
  ),
  'settings.digest_channel_set': kind(SUBJECTS.setting, z.strictObject({ conversationId: text }).optional(), z.strictObject({ conversationId: text })),

  // The management review (clause 9.3)
  'review.scheduled': kind(SUBJECTS.review, none, z.strictObject({ meetingDate: date, chair: email, proposedAfter: text.optional() })),
  'review.held': kind(
    SUBJECTS.review,
    z.strictObject({ status: z.literal('scheduled') }),
    z.strictObject({
      status: z.literal('held'),
      attendees: strings,
      decisions: z.array(z.strictObject({ kind: z.enum(['improvement', 'change', 'resources']), text })),
      actions: z.array(z.strictObject({ id: text, text, owner: email, due: date })),
    }),
  ),
  'review.input_provided': kind(
    SUBJECTS.review,
    none,
    z.strictObject({ letter: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g']), text, links: strings, objectives: z.array(z.strictObject({ objective: text, status: z.enum(['met', 'on track', 'at risk', 'not met']) })) }),
  ),
  'review.input_requested': kind(/^review-input:MR-\d{4}-\d+:[a-g]$/, none, z.strictObject({ stage: text, to: email, kind: z.enum(['request', 'overdue']) })),
  'review.action_done': kind(/^review-action:RA-\d{4}-\d+$/, z.strictObject({ status: z.literal('open') }), z.strictObject({ status: z.literal('done') })),
  'review.action_chased': kind(/^review-action:RA-\d{4}-\d+$/, none, z.strictObject({ stage: text, to: email, kind: z.enum(['due-soon', 'overdue']) })),
  'review.action_escalated': kind(/^review-action:RA-\d{4}-\d+$/, none, z.strictObject({ stage: text, to: email, as: z.array(z.literal('chair')) })),
  'review.input_escalated': kind(/^review-input:MR-\d{4}-\d+:[a-g]$/, none, z.strictObject({ stage: text, to: email, as: z.array(z.literal('chair')) })),

  // The programme and its audits
  'programme.planned': kind(SUBJECTS.programme, z.null(), programmeAfter),
  'programme.replanned': kind(SUBJECTS.programme, programmeBefore, programmeAfter),
  'audit.planned': kind(SUBJECTS.audit, none, z.strictObject({ ...auditWindow, ...auditScope, auditors: z.array(autoAssignment) })),
  'audit.replanned': kind(
    SUBJECTS.audit,
    z.strictObject({ start: instant.optional(), end: instant.optional(), clauses: strings.optional(), controls: strings.optional(), criteria: strings.optional() }),
    z.strictObject({ start: instant.optional(), end: instant.optional(), clauses: strings.optional(), controls: strings.optional(), criteria: strings.optional() }),
  ),
  'audit.cancelled': kind(
    SUBJECTS.audit,
    z.strictObject({ status: auditStatus, areas: strings, ...auditWindow, auditors: z.array(z.strictObject({ email, role: auditorRole })) }),
    z.strictObject({ reason: text }),
  ),
  /** By the assignment rules (a list of the roles that changed), or by a lead's override. */
  'audit.assigned': kind(SUBJECTS.audit, z.union([z.array(roleHolder), z.strictObject({ role: auditorRole, email }), z.null()]), z.union([z.array(autoAssignment), manualAssignment])),
  'audit.unassigned': kind(SUBJECTS.audit, z.array(roleHolder).nullable(), z.array(autoAssignment)),
  'audit.reassigned': kind(SUBJECTS.audit, z.strictObject({ role: auditorRole, email }), manualAssignment),
  'audit.independence_exception': kind(SUBJECTS.audit, none, z.strictObject({ auditor: email, role: auditorRole, justification: text, by: email, at: instant, violations: strings })),
  'audit.needs_external': kind(
    SUBJECTS.audit,
    z.strictObject({ needsExternalAuditor: z.literal(false) }),
    z.strictObject({ needsExternalAuditor: z.literal(true), excluded: z.array(excludedPerson), withoutAuditorRole: z.number().int() }),
  ),
  'audit.started': statusChange,
  'audit.reporting': statusChange,
  'audit.closed': statusChange,
  'audit.reopened': kind(SUBJECTS.audit, z.strictObject({ status: z.literal('reporting') }), z.strictObject({ status: z.literal('in_progress'), reason: text })),
  'audit.checklist_verdict': kind(
    SUBJECTS.audit,
    z.strictObject({ requirement: text, verdict: checklistVerdict, reason: nullableText }),
    z.strictObject({ requirement: text, verdict: checklistVerdict, reason: nullableText, notes: nullableText, findings: strings }),
  ),
  'audit.working_paper': kind(SUBJECTS.audit, z.strictObject({ id: z.number().int(), body: z.record(text, z.unknown()) }).optional(), z.strictObject({ id: z.number().int(), requirement: text, body: z.record(text, z.unknown()) })),
  'audit.meeting_recorded': kind(
    SUBJECTS.audit,
    none,
    z.strictObject({ kind: z.enum(['opening', 'closing']), heldAt: instant, attendees: strings, notes: text, findingsPresented: strings, acknowledgement: z.enum(['acknowledged', 'disagreed']).nullable(), auditeeStatement: nullableText }),
  ),
  'audit.concluded': kind(SUBJECTS.audit, none, z.strictObject({ conclusion: z.enum(['conforms', 'conforms_with_minor_nonconformities', 'does_not_conform']), summary: text, strengths: text })),
  'audit.finalised': kind(SUBJECTS.audit, none, z.strictObject({ conclusion: text, told: z.array(email) })),
  'audit.plan_saved': kind(
    SUBJECTS.audit,
    none,
    z.strictObject({ objectives: text, method: z.enum(['remote', 'on_site', 'mixed']), criteria: strings, auditees: z.array(email), schedule: z.array(z.strictObject({ what: text, at: instant })) }),
  ),
  'audit.plan_shared': kind(SUBJECTS.audit, none, z.strictObject({ told: z.array(email) })),
  'audit.corrected': kind(SUBJECTS.audit, none, z.strictObject({ correction: text, reason: text })),

  // Evidence
  'evidence.requested': kind(
    SUBJECTS.evidence,
    none,
    z.strictObject({
      id: z.number().int(),
      auditId: text,
      requirement: text,
      owner: email,
      due: date,
      status: evidenceStatus,
      links: strings,
      note: nullableText,
      comment: nullableText,
      snoozeCount: z.number().int(),
      notMineReason: nullableText,
      requestedAt: instant,
      submittedAt: instant.nullable(),
      acceptedBy: email.nullable(),
      acceptedAt: instant.nullable(),
    }),
  ),
  'evidence.submitted': kind(
    SUBJECTS.evidence,
    z.strictObject({ status: evidenceStatus, links: strings, note: nullableText }),
    z.strictObject({ status: evidenceStatus, links: strings, note: nullableText }),
  ),
  'evidence.accepted': kind(
    SUBJECTS.evidence,
    z.strictObject({ status: evidenceStatus }),
    z.strictObject({ status: evidenceStatus, acceptedBy: email.nullable(), acceptedAt: instant.nullable(), links: strings }),
  ),
  'evidence.more_requested': kind(
    SUBJECTS.evidence,
    z.strictObject({ status: evidenceStatus, due: date }),
    z.strictObject({ status: evidenceStatus, due: date, comment: nullableText }),
  ),
  'evidence.snoozed': kind(SUBJECTS.evidence, z.strictObject({ due: date, snoozeCount: z.number().int() }), z.strictObject({ due: date, snoozeCount: z.number().int(), days: z.number().int() })),
  'evidence.not_mine': kind(SUBJECTS.evidence, z.strictObject({ notMineReason: z.null() }), z.strictObject({ notMineReason: text })),
  'evidence.reassigned': kind(SUBJECTS.evidence, z.strictObject({ owner: email, due: date, notMineReason: nullableText }), z.strictObject({ owner: email, due: date })),
  'evidence.withdrawn': kind(SUBJECTS.evidence, z.strictObject({ status: evidenceStatus }), z.strictObject({ status: evidenceStatus, reason: text })),
  'evidence.reminded': kind(SUBJECTS.evidence, none, z.strictObject(reminderStage)),
  'evidence.escalated': kind(SUBJECTS.evidence, none, z.strictObject({ ...reminderStage, as: escalatedAs })),

  // Findings and corrective actions
  'finding.recorded': kind(
    SUBJECTS.finding,
    none,
    z.strictObject({
      id: text,
      auditId: text,
      classification,
      requirement: text,
      outOfScope: z.boolean(),
      statement: text,
      evidence: text,
      area: text,
      owner: email,
      raisedBy: email,
      raisedAt: instant,
      actionId: nullableText,
      dueDate: date.nullable(),
    }),
  ),
  'finding.amended': kind(
    SUBJECTS.finding,
    z.strictObject({ statement: text.optional(), evidence: text.optional(), requirement: text.optional(), classification: classification.optional(), outOfScope: z.boolean().optional() }),
    z.strictObject({ statement: text.optional(), evidence: text.optional(), requirement: text.optional(), classification: classification.optional(), outOfScope: z.boolean().optional(), reason: text.optional() }),
  ),
  'finding.withdrawn': kind(SUBJECTS.finding, z.strictObject({ status: findingStatus }), z.strictObject({ status: findingStatus, reason: text })),
  'finding.acknowledged': kind(SUBJECTS.finding, z.strictObject({ response: findingResponse.nullable() }), z.strictObject({ response: findingResponse })),
  'finding.disputed': kind(SUBJECTS.finding, z.strictObject({ response: findingResponse.nullable() }), z.strictObject({ response: findingResponse, reason: text })),
  'finding.dispute_upheld': kind(SUBJECTS.finding, z.strictObject({ response: findingResponse.nullable() }), z.strictObject({ response: findingResponse, reason: text })),
  'finding.superseded': kind(SUBJECTS.finding, z.strictObject({ status: findingStatus }), z.strictObject({ status: findingStatus, by: text })),
  'finding.raised_to_major': kind(SUBJECTS.finding, none, z.strictObject({ requirement: text, area: text, minors: strings, reason: text })),
  'action.extension_requested': kind(SUBJECTS.action, z.strictObject({ due: date }), z.strictObject({ due: date, reason: text, request: z.number().int() })),
  'action.extension_decided': kind(SUBJECTS.action, none, z.strictObject({ request: z.number().int(), status: z.enum(['approved', 'refused']), due: date, reason: text.optional() })),
  'action.withdrawn': kind(SUBJECTS.action, z.strictObject({ status: actionStatus }), z.strictObject({ status: actionStatus, closedAt: instant, reason: text })),
  'finding.possible_major': kind(SUBJECTS.finding, none, z.strictObject({ cycle: text, area: text, requirement: text, findings: strings, told: z.array(email) })),
  'action.opened': kind(
    SUBJECTS.action,
    none,
    z.strictObject({ id: text, findingId: text, classification, owner: email, status: actionStatus, due: date, dueProposed: z.boolean() }),
  ),
  'action.planned': kind(
    SUBJECTS.action,
    // `target` (issue 14.5): the owner's date, kept apart from the due date; absent before it existed.
    z.strictObject({ status: actionStatus, correction: nullableText, rootCause: nullableText, plan: nullableText, target: date.nullable().optional(), due: date }),
    z.strictObject({ status: actionStatus, correction: nullableText, rootCause: nullableText, plan: nullableText, target: date.nullable().optional(), due: date }),
  ),
  'action.implemented': kind(
    SUBJECTS.action,
    z.strictObject({ status: actionStatus, implementationLinks: strings }),
    z.strictObject({ status: actionStatus, implementationLinks: strings }),
  ),
  'action.extended': kind(SUBJECTS.action, z.strictObject({ due: date }), z.strictObject({ due: date, reason: text })),
  'action.verified': kind(
    SUBJECTS.action,
    z.strictObject({ status: actionStatus, due: date }),
    z.strictObject({ status: actionStatus, due: date, effective: z.boolean(), reason: text }),
  ),
  'action.closed': kind(SUBJECTS.action, none, z.strictObject({ status: actionStatus, closedAt: instant })),
  'action.chased': kind(SUBJECTS.action, none, z.strictObject({ ...reminderStage, kind: z.enum(['no-plan', 'due-soon', 'overdue', 'verify']) })),
  'action.escalated': kind(SUBJECTS.action, none, z.strictObject({ ...reminderStage, as: escalatedAs })),

  // Delivery
  'outbox.requeued': kind(
    SUBJECTS.outbox,
    z.strictObject({ key: text, status: outboxStatus, attempts: z.number().int(), lastError: nullableText }),
    z.strictObject({ key: text, status: outboxStatus, attempts: z.number().int(), nextAttemptAt: instant }),
  ),
} as const satisfies Record<string, KindSpec>;

export type TrailAction = keyof typeof TRAIL_EVENT_KINDS;

type Side<S extends z.ZodType, K extends 'before' | 'after'> = undefined extends z.input<S> ? { [P in K]?: z.input<S> } : { [P in K]: z.input<S> };

/** One event to append: its kind (`action`) decides the shape of `before` and `after`. */
export type TrailEvent = {
  [A in TrailAction]: { actor: string; action: A; subject: string; channel: Channel } & Side<(typeof TRAIL_EVENT_KINDS)[A]['before'], 'before'> &
    Side<(typeof TRAIL_EVENT_KINDS)[A]['after'], 'after'>;
}[TrailAction];

export const isTrailAction = (action: string): action is TrailAction => Object.hasOwn(TRAIL_EVENT_KINDS, action);

/** A stored event as its columns hold it (before and after as JSON text, NULL when absent). */
export interface StoredEventColumns {
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}

/** Why a stored event does not match its kind, or null when it does. */
export function checkStoredEvent(e: StoredEventColumns): string | null {
  if (!isTrailAction(e.action)) return `"${e.action}" is not a registered kind of trail event (src/core/trail/event-kinds.ts)`;
  const spec: KindSpec = TRAIL_EVENT_KINDS[e.action];
  if (!spec.subject.test(e.subject)) return `its subject "${e.subject}" is not of the form ${String(spec.subject)}`;
  for (const side of ['before', 'after'] as const) {
    let value: unknown;
    try {
      value = e[side] === null ? undefined : JSON.parse(e[side]);
    } catch {
      return `its ${side} is not JSON`;
    }
    const parsed = spec[side].safeParse(value);
    if (!parsed.success) return `its ${side} does not match: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(whole)'}: ${i.message}`).join('; ')}`;
  }
  return null;
}
