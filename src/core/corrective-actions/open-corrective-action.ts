// Opens the corrective action of a finding (ISO/IEC 27001:2022 clause 10.2), inside the
// caller's transaction: recording a nonconformity opens its action in the same transaction as
// the finding. The action is owned by the finding's owner and due on the date the auditor
// proposed, else 30 days (major) or 90 days (minor, or an opportunity for improvement opened by
// choice) from today, configurable with ACTION_DUE_DAYS_MAJOR / ACTION_DUE_DAYS_MINOR.
import type { Core } from '../context.js';
import { dateOfDayNumber, dayNumber, localDate } from '../shared/working-time.js';
import { notifyPerson } from '../shared/notify.js';
import type { Tx } from '../ports.js';
import { actionCase, coverDueStage, dueDaysFor } from './action-access.js';
import { actionOpenedMessage } from './action-messages.js';
import { flagRepeatedMinor } from './flag-repeated-minor.js';
import { actionSubject, type CorrectiveActionRecord, type FindingOfAction } from './types.js';
import type { Actor } from '../shared/actor.js';
import { organisationTimezone, workingHoursFor } from '../shared/people.js';
import { onWorkingDay } from '../shared/due-dates.js';

export const ACTION_OPENED = 'action.opened';

export interface OpenActionOptions {
  /** The due date (`YYYY-MM-DD`) the auditor proposed; the default for the classification otherwise. */
  due?: string;
  /** Who opened it, for the trail; the auditor who raised the finding when not given. */
  actor?: Actor;
  /**
   * Whether to send the owner the action's own message. Recording a finding tells the owner in
   * the finding's message, which then carries the action's buttons, so it passes false.
   */
  tellOwner?: boolean;
}

/** The default due date of an action opened today on a finding of this classification. */
export function defaultDue(tx: Tx, core: Core, classification: FindingOfAction['classification']): string {
  const today = localDate(core.clock.now(), organisationTimezone(tx, core));
  // A due date never lands on a weekend or an organisation-wide holiday.
  return onWorkingDay(dateOfDayNumber(dayNumber(today) + dueDaysFor(core, classification)), workingHoursFor(tx, core, null));
}

/**
 * Opens the action and links the finding to it (`findings.action_id`); a finding that already
 * has one gets it back unchanged. The caller updates its own copy of the finding.
 */
export function openCorrectiveAction(tx: Tx, core: Core, finding: FindingOfAction, opts: OpenActionOptions = {}): CorrectiveActionRecord {
  const existing = tx.actions.getByFinding(finding.id);
  if (existing) return existing;
  const now = core.clock.now();
  const actor = opts.actor ?? { email: finding.raisedBy, channel: 'system' };
  // The action takes its finding's year, which is its audit's cycle (issue 14.10).
  const year = /^F-(\d{4})-/.exec(finding.id)?.[1] ?? localDate(now, organisationTimezone(tx, core)).slice(0, 4);
  const action: CorrectiveActionRecord = {
    id: `CA-${year}-${String(tx.sequences.next(`action:${year}`)).padStart(4, '0')}`,
    findingId: finding.id,
    owner: finding.owner,
    status: 'open',
    due: opts.due ?? defaultDue(tx, core, finding.classification),
    target: null,
    correction: null,
    rootCause: null,
    plan: null,
    implementationLinks: [],
    openedAt: now.toISOString(),
    plannedAt: null,
    implementedAt: null,
    closedAt: null,
  };
  tx.actions.insert(action);
  tx.trail.append({
    actor: actor.email,
    action: ACTION_OPENED,
    subject: actionSubject(action.id),
    after: { id: action.id, findingId: finding.id, classification: finding.classification, owner: action.owner, status: action.status, due: action.due, dueProposed: opts.due !== undefined },
    channel: actor.channel,
  });
  const c = actionCase(tx, action);
  coverDueStage(tx, core, action, c.owner);
  if (opts.tellOwner !== false && c.owner?.active) {
    const openedBy = tx.organisation.getPerson(actor.email);
    notifyPerson(tx, core, c.owner, `action:${action.id}:opened`, actionOpenedMessage(c, openedBy?.name ?? actor.email));
  }
  flagRepeatedMinor(tx, core, { ...finding, actionId: action.id }, actor);
  return action;
}
