// The chase job: the reminder engine's runner (src/core/reminders/run-reminders.ts) with the
// chase policy (plan-chase.ts), one message per person (idempotency key
// `chase:action:<person>:<hash of the stages>`), a `reminders` row per action and stage and an
// `action.chased` or `action.escalated` trail event for each, in one transaction. Closed (or
// implemented) actions are never chased.
import { type Core } from '../context.js';
import { runReminderJob, type ReminderJob } from '../reminders/run-reminders.js';
import { chaseMessage, type ChaseLine, type EscalationLine } from './action-messages.js';
import { chaseBundleKey, chasePolicy, type ChaseEscalationRole, type ChaseKind } from './plan-chase.js';
import { actionSubject, CHASED_STATUSES, type CorrectiveActionRecord } from './types.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';

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

const chaseJob: ReminderJob<CorrectiveActionRecord, ChaseKind, ChaseEscalationRole> = {
  items: (tx) => tx.actions.list({ statuses: CHASED_STATUSES }),
  subject: (a) => actionSubject(a.id),
  policy: (_tx, _actions, people) => chasePolicy([...people.values()].filter((p) => p.active && p.roles.includes('lead')).map((p) => p.email)),
  key: chaseBundleKey,
  message(bundle, recipient, people) {
    // One line per action: its no-plan and due-date reminders together.
    const lines = new Map<string, ChaseLine>();
    const escalations: EscalationLine[] = [];
    for (const planned of bundle.items) {
      const action = planned.item;
      if (planned.type === 'reminder') {
        const line = lines.get(action.id) ?? { action, findingId: action.findingId, noPlanDays: null, due: null };
        if (planned.kind === 'no-plan') line.noPlanDays = planned.workingDays;
        else line.due = { kind: planned.kind, workingDays: planned.workingDays };
        lines.set(action.id, line);
      } else {
        escalations.push({ action, findingId: action.findingId, ownerName: people.get(action.owner)?.name ?? action.owner, as: planned.as, workingDaysLate: planned.workingDaysLate, remindersSent: planned.remindersSent });
      }
    }
    return chaseMessage({ recipientName: recipient.name, reminders: [...lines.values()], escalations });
  },
  trailEvent: (planned, to) =>
    planned.type === 'escalation'
      ? { action: ACTION_ESCALATED, after: { stage: planned.stage, to, as: planned.as } }
      : { action: ACTION_CHASED, after: { stage: planned.stage, to, kind: planned.kind } },
};

export function runChase(core: Core, actor: Actor = { email: SYSTEM_ACTOR, channel: 'scheduler' }): ChaseRunCounts {
  const { reminded, ...counts } = runReminderJob(core, chaseJob, actor);
  return { messages: counts.messages, chased: reminded, escalated: counts.escalated, open: counts.open };
}
