// The chase job: the reminder engine's runner (src/core/reminders/run-reminders.ts) with the
// chase policy (plan-chase.ts), one message per person (idempotency key
// `chase:action:<person>:<hash of the stages>`), a `reminders` row per action and stage and an
// `action.chased` or `action.escalated` trail event for each, in one transaction. Implemented
// actions are chased with their verifiers (issue 14.6); closed actions are never chased.
import { type Core } from '../context.js';
import { runReminderJob, type ReminderJob } from '../reminders/run-reminders.js';
import type { Tx } from '../ports.js';
import type { PersonRecord } from '../shared/people.js';
import { chooseVerifiers, verifierPool } from './action-access.js';
import { chaseMessage, type ChaseLine, type EscalationLine, type VerifyLine } from './action-messages.js';
import { chaseBundleKey, chasePolicy, type ChaseAction, type ChaseEscalationRole, type ChaseKind } from './plan-chase.js';
import { actionSubject, CHASED_STATUSES, type CorrectiveActionRecord } from './types.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';

export interface ChaseRunCounts {
  /** Messages queued, one per person. */
  messages: number;
  /** Reminder stages queued to owners. */
  chased: number;
  /** Escalation stages queued to managers and audit leads. */
  escalated: number;
  /** Items the plan looked at: actions waiting for their owner (open or planned), and one per verifier of each implemented action. */
  open: number;
}

type ChaseItem = CorrectiveActionRecord & ChaseAction;

/** The actions waiting for their owners, then one item per verifier of each implemented action. */
function chaseItems(tx: Tx): ChaseItem[] {
  const items: ChaseItem[] = tx.actions.list({ statuses: CHASED_STATUSES });
  const implemented = tx.actions.listAwaitingVerification();
  if (implemented.length === 0) return items;
  const people = new Map<string, PersonRecord>(tx.organisation.listPeople({ includeInactive: true }).map((p) => [p.email, p]));
  const pool = verifierPool(people.values());
  for (const { raisedBy, ...action } of implemented) {
    const verifiers = chooseVerifiers(people.get(raisedBy), action.owner, people.get(action.owner)?.team ?? null, raisedBy, pool).map((p) => p.email);
    for (const verifier of verifiers) items.push({ ...action, verifier, verifiers });
  }
  return items;
}

export const ACTION_CHASED = 'action.chased';
export const ACTION_ESCALATED = 'action.escalated';

const chaseJob: ReminderJob<ChaseItem, ChaseKind, ChaseEscalationRole> = {
  items: chaseItems,
  subject: (a) => actionSubject(a.id),
  policy: (_tx, _actions, people) => chasePolicy([...people.values()].filter((p) => p.active && p.roles.includes('lead')).map((p) => p.email)),
  key: chaseBundleKey,
  message(bundle, recipient, people) {
    // One line per action: its no-plan and due-date reminders together.
    const lines = new Map<string, ChaseLine>();
    const escalations: EscalationLine[] = [];
    const verifications: VerifyLine[] = [];
    const nameOf = (email: string): string => people.get(email)?.name ?? email;
    for (const planned of bundle.items) {
      const action = planned.item;
      if (planned.type === 'reminder' && planned.kind === 'verify') {
        verifications.push({ action, findingId: action.findingId, ownerName: nameOf(action.owner), workingDays: planned.workingDays });
      } else if (planned.type === 'reminder') {
        const line = lines.get(action.id) ?? { action, findingId: action.findingId, noPlanDays: null, due: null };
        if (planned.kind === 'no-plan') line.noPlanDays = planned.workingDays;
        else if (planned.kind !== 'verify') line.due = { kind: planned.kind, workingDays: planned.workingDays };
        lines.set(action.id, line);
      } else {
        const verifierNames = action.verifiers?.map(nameOf);
        escalations.push({ action, findingId: action.findingId, ownerName: nameOf(action.owner), as: planned.as, workingDaysLate: planned.workingDaysLate, remindersSent: planned.remindersSent, ...(verifierNames ? { verifierNames } : {}) });
      }
    }
    return chaseMessage({ recipientName: recipient.name, reminders: [...lines.values()], verifications, escalations });
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
