// The nudges job: the reminder engine's runner (src/core/reminders/run-reminders.ts) with the
// nudge policy (plan-nudges.ts), one message per person (idempotency key
// `nudge:evidence:<person>:<hash of the stages>`), a `reminders` row per request and stage and an
// `evidence.reminded` or `evidence.escalated` trail event for each, in one transaction.
import { type Core } from '../context.js';
import { reminderBundleKey } from '../reminders/plan-reminders.js';
import { runReminderJob, type ReminderJob } from '../reminders/run-reminders.js';
import { nudgeMessage } from './evidence-messages.js';
import { NUDGE_KEY_PREFIX, nudgeBundle, nudgePolicy, type EscalationRole, type NudgeRequest, type PlannedEscalation, type PlannedReminder, type ReminderKind } from './plan-nudges.js';
import { evidenceSubject } from './types.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';

export interface NudgeRunCounts {
  /** Messages queued, one per person. */
  messages: number;
  /** Reminder stages queued to owners. */
  reminded: number;
  /** Escalation stages queued to managers and lead auditors. */
  escalated: number;
  /** Requests awaiting their owner that the plan looked at. */
  open: number;
}

export const EVIDENCE_REMINDED = 'evidence.reminded';
export const EVIDENCE_ESCALATED = 'evidence.escalated';

const nudgeJob: ReminderJob<NudgeRequest, ReminderKind, EscalationRole> = {
  items: (tx) => tx.evidence.listAwaitingOwner(),
  subject: (r) => evidenceSubject(r.id),
  policy(tx, requests) {
    const leads = new Map<string, string>();
    for (const auditId of new Set(requests.map((r) => r.auditId))) {
      const lead = tx.programme.listAssignments({ auditId }).find((a) => a.role === 'lead');
      if (lead) leads.set(auditId, lead.email);
    }
    return nudgePolicy(leads);
  },
  key: (bundle) => reminderBundleKey(NUDGE_KEY_PREFIX, bundle, (r) => r.id),
  message(bundle, recipient, people) {
    const { nudges } = nudgeBundle(bundle);
    const escalations = nudges.filter((n): n is PlannedEscalation => n.type === 'escalation');
    return nudgeMessage({
      recipientName: recipient.name,
      reminders: nudges.filter((n): n is PlannedReminder => n.type === 'reminder'),
      escalations,
      ownerName: (email) => people.get(email)?.name ?? email,
      canReassign: recipient.roles.includes('lead') || escalations.some((e) => e.as.includes('lead')),
    });
  },
  trailEvent: (n, to) =>
    n.type === 'escalation' ? { action: EVIDENCE_ESCALATED, after: { stage: n.stage, to, as: n.as } } : { action: EVIDENCE_REMINDED, after: { stage: n.stage, to } },
};

export function runNudges(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): NudgeRunCounts {
  return runReminderJob(core, nudgeJob, actor);
}
