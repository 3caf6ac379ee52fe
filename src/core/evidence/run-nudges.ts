// The nudges job: plans the reminders and escalations due now (`plan-nudges.ts`) and queues
// one message per person. In ONE transaction it writes the outbox rows (idempotency key
// `nudge:evidence:<person>:<hash of the stages>`), one `reminders` row per request and stage,
// and a trail event for each. The plan skips every stage already recorded, so running twice in
// the same minute queues nothing new, and a crash after queueing (the outbox row still
// pending) cannot make the next run queue the stage again: the row is delivered once, later.
import { type Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import { nudgeMessage } from './evidence-messages.js';
import { bundleKey, planNudges, type NudgePerson, type PlannedEscalation, type PlannedReminder } from './plan-nudges.js';
import { evidenceSubject } from './types.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';
import { type PersonRecord, organisationTimezone, workingHoursOf } from '../shared/people.js';

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

export function runNudges(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): NudgeRunCounts {
  return core.store.transaction((tx) => {
    const now = core.clock.now();
    const at = now.toISOString();
    const requests = tx.evidence.listAwaitingOwner();
    const counts: NudgeRunCounts = { messages: 0, reminded: 0, escalated: 0, open: requests.length };
    if (requests.length === 0) return counts;

    const everyone = tx.organisation.listPeople({ includeInactive: true });
    const records = new Map<string, PersonRecord>(everyone.map((p) => [p.email, p]));
    const people = new Map<string, NudgePerson>(everyone.map((p) => [p.email, { email: p.email, timezone: p.timezone, manager: p.manager?.toLowerCase() ?? null, active: p.active }]));
    const auditIds = new Set(requests.map((r) => r.auditId));
    const leads = new Map<string, string>();
    for (const auditId of auditIds) {
      const lead = tx.programme.listAssignments({ auditId }).find((a) => a.role === 'lead');
      if (lead) leads.set(auditId, lead.email);
    }

    const bundles = planNudges({
      now,
      timezone: organisationTimezone(tx, core),
      workingHours: workingHoursOf(core),
      requests,
      people,
      leads,
      sent: tx.evidence.stagesSentForAwaiting(),
    });

    const nameOf = (email: string): string => records.get(email)?.name ?? email;
    for (const bundle of bundles) {
      const recipient = records.get(bundle.recipient);
      if (!recipient) continue;
      const reminders = bundle.nudges.filter((n): n is PlannedReminder => n.type === 'reminder');
      const escalations = bundle.nudges.filter((n): n is PlannedEscalation => n.type === 'escalation');
      const message = nudgeMessage({
        recipientName: recipient.name,
        reminders,
        escalations,
        ownerName: nameOf,
        canReassign: recipient.roles.includes('lead') || escalations.some((e) => e.as.includes('lead')),
      });
      if (notifyPerson(tx, core, recipient, bundleKey(bundle), message)) counts.messages++;
      for (const n of bundle.nudges) {
        const subject = evidenceSubject(n.request.id);
        if (!tx.evidence.recordStage(subject, n.stage, at)) continue;
        const escalation = n.type === 'escalation';
        tx.trail.append({
          actor: actor.email,
          action: escalation ? EVIDENCE_ESCALATED : EVIDENCE_REMINDED,
          subject,
          after: escalation ? { stage: n.stage, to: bundle.recipient, as: n.as } : { stage: n.stage, to: bundle.recipient },
          channel: actor.channel,
        });
        if (escalation) counts.escalated++;
        else counts.reminded++;
      }
    }
    return counts;
  });
}
