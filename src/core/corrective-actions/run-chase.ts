// The chase job: plans the corrective-action reminders and escalations due now
// (`plan-chase.ts`) and queues one message per person. In ONE transaction it writes the outbox
// rows (idempotency key `chase:action:<person>:<hash of the stages>`), one `reminders` row per
// action and stage, and a trail event for each. The plan skips every stage already recorded,
// so a second run in the same hour queues nothing new, and closed (or implemented) actions are
// never chased.
import { type Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import { chaseMessage, type ChaseLine, type EscalationLine } from './action-messages.js';
import { chaseBundleKey, planChase, type ChasePerson, type PlannedActionEscalation, type PlannedChase } from './plan-chase.js';
import { actionSubject, CHASED_STATUSES, type CorrectiveActionRecord } from './types.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';
import { type PersonRecord, organisationTimezone, workingHoursOf } from '../shared/people.js';

export interface ChaseRunCounts {
  /** Messages queued, one per person. */
  messages: number;
  /** Reminder stages queued to owners. */
  chased: number;
  /** Escalation stages queued to managers and audit leads. */
  escalated: number;
  /** Actions waiting for their owner (open or planned) that the plan looked at. */
  open: number;
}

export const ACTION_CHASED = 'action.chased';
export const ACTION_ESCALATED = 'action.escalated';

export function runChase(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): ChaseRunCounts {
  return core.store.transaction((tx) => {
    const now = core.clock.now();
    const at = now.toISOString();
    const actions = tx.actions.list({ statuses: CHASED_STATUSES });
    const counts: ChaseRunCounts = { messages: 0, chased: 0, escalated: 0, open: actions.length };
    if (actions.length === 0) return counts;

    const everyone = tx.organisation.listPeople({ includeInactive: true });
    const records = new Map<string, PersonRecord>(everyone.map((p) => [p.email, p]));
    const people = new Map<string, ChasePerson>(everyone.map((p) => [p.email, { email: p.email, timezone: p.timezone, manager: p.manager?.toLowerCase() ?? null, active: p.active }]));
    const leads = everyone.filter((p) => p.active && p.roles.includes('lead')).map((p) => p.email);
    const bySubject = tx.actions.stagesSent(actions.map((a) => actionSubject(a.id)));
    const sent = new Map<string, Set<string>>();
    for (const a of actions) {
      const stages = bySubject.get(actionSubject(a.id));
      if (stages) sent.set(a.id, stages);
    }
    const byId = new Map<string, CorrectiveActionRecord>(actions.map((a) => [a.id, a]));

    const bundles = planChase({ now, timezone: organisationTimezone(tx, core), workingHours: workingHoursOf(core), actions, people, leads, sent });

    for (const bundle of bundles) {
      const recipient = records.get(bundle.recipient);
      if (!recipient) continue;
      const lines = new Map<string, ChaseLine>();
      const escalations: EscalationLine[] = [];
      for (const item of bundle.items) {
        const action = byId.get(item.action.id);
        if (!action) continue;
        if (item.type === 'chase') {
          const line = lines.get(action.id) ?? { action, findingId: action.findingId, noPlanDays: null, due: null };
          if (item.kind === 'no-plan') line.noPlanDays = item.workingDays;
          else line.due = { kind: item.kind, workingDays: item.workingDays };
          lines.set(action.id, line);
        } else {
          escalations.push({ action, findingId: action.findingId, ownerName: records.get(action.owner)?.name ?? action.owner, as: item.as, workingDaysLate: item.workingDaysLate, remindersSent: item.remindersSent });
        }
      }
      const message = chaseMessage({ recipientName: recipient.name, reminders: [...lines.values()], escalations });
      if (notifyPerson(tx, core, recipient, chaseBundleKey(bundle), message)) counts.messages++;
      for (const item of bundle.items) {
        const subject = actionSubject(item.action.id);
        if (!tx.actions.recordStage(subject, item.stage, at)) continue;
        const escalation = item.type === 'escalation';
        tx.trail.append({
          actor: actor.email,
          action: escalation ? ACTION_ESCALATED : ACTION_CHASED,
          subject,
          after: escalation ? { stage: item.stage, to: bundle.recipient, as: (item as PlannedActionEscalation).as } : { stage: item.stage, to: bundle.recipient, kind: (item as PlannedChase).kind },
          channel: actor.channel,
        });
        if (escalation) counts.escalated++;
        else counts.chased++;
      }
    }
    return counts;
  });
}
