// Reading corrective actions: the corrective-action log (`auditbot export actions`, JSON shape
// in docs/json-contracts.md), a person's open actions ("my work", `actions`) and one action's whole chain
// (`action <id>`).
import type { Core } from '../context.js';
import type { Button, Message } from '../message.js';
import type { Tx } from '../ports.js';
import { mayReadAction } from '../shared/read-policy.js';
import { ACTION_BUTTONS, ownerButtons, verifyButton } from './action-ids.js';
import { actionCase, activePerson, loadCase, roleIn, todayOf, verifiersOf, type ActionCase } from './action-access.js';
import { actionDetailMessage, myActionsMessage, type HistoryLine } from './action-messages.js';
import { allowedVerbs } from './action-policy.js';
import { actionSubject, type ActionStatus, type CorrectiveActionRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import { isDescribed, subjectHistory, type HistoryEvent, type UndescribedEvent } from '../trail/subject-history.js';

export interface ActionLogEntry {
  id: string;
  findingId: string;
  owner: string;
  status: ActionStatus;
  due: string;
  correction: string | null;
  rootCause: string | null;
  plan: string | null;
  verifications: { by: string; at: string; effective: boolean; reason: string }[];
  /** Added beside the contract: the finding it corrects and the rest of the chain. */
  classification: string;
  requirement: string;
  area: string;
  auditId: string;
  raisedBy: string;
  implementationLinks: string[];
  openedAt: string;
  plannedAt: string | null;
  implementedAt: string | null;
  closedAt: string | null;
  extensions: { by: string; at: string; from: string; to: string; reason: string }[];
}

export const ACTION_LOG_KEYS = [
  'id',
  'findingId',
  'owner',
  'status',
  'due',
  'correction',
  'rootCause',
  'plan',
  'verifications',
  'classification',
  'requirement',
  'area',
  'auditId',
  'raisedBy',
  'implementationLinks',
  'openedAt',
  'plannedAt',
  'implementedAt',
  'closedAt',
  'extensions',
] as const satisfies readonly (keyof ActionLogEntry)[];

function logEntry(tx: Tx, a: CorrectiveActionRecord): ActionLogEntry {
  const finding = tx.findings.get(a.findingId);
  const extensions = tx.actions.listExtensions(a.id).map((e) => ({ by: e.by, at: e.at, from: e.from, to: e.to, reason: e.reason }));
  return {
    id: a.id,
    findingId: a.findingId,
    owner: a.owner,
    status: a.status,
    due: a.due,
    correction: a.correction,
    rootCause: a.rootCause,
    plan: a.plan,
    verifications: tx.actions.listVerifications(a.id).map((v) => ({ by: v.by, at: v.at, effective: v.effective, reason: v.reason })),
    classification: finding?.classification ?? '',
    requirement: finding?.requirement ?? '',
    area: finding?.area ?? '',
    auditId: finding?.auditId ?? '',
    raisedBy: finding?.raisedBy ?? '',
    implementationLinks: a.implementationLinks,
    openedAt: a.openedAt,
    plannedAt: a.plannedAt,
    implementedAt: a.implementedAt,
    closedAt: a.closedAt,
    extensions,
  };
}

/** The corrective-action log, oldest first; optionally one owner's or one status. */
export function listActionLog(core: Core, filter: { owner?: string; status?: ActionStatus } = {}): ActionLogEntry[] {
  return core.store.transaction((tx) =>
    tx.actions.list({ ...(filter.owner ? { owner: filter.owner } : {}), ...(filter.status ? { statuses: [filter.status] } : {}) }).map((a) => logEntry(tx, a)),
  );
}

const NOT_CLOSED: readonly ActionStatus[] = ['open', 'planned', 'implemented'];

/** The actions a person owns that are not closed yet, oldest first. */
export function listOpenActionsFor(core: Core, email: string): CorrectiveActionRecord[] {
  return core.store.transaction((tx) => tx.actions.list({ owner: email.toLowerCase(), statuses: NOT_CLOSED }));
}

export interface MyActions {
  owned: ActionCase[];
  toVerify: ActionCase[];
  today: string;
}

function loadMyActions(tx: Tx, core: Core, email: string): MyActions {
  const person = tx.organisation.getPerson(email.toLowerCase());
  // Only what the read policy lets the person see, even of their own work.
  const visible = (a: CorrectiveActionRecord): boolean => mayReadAction(tx, person, a);
  const owned = tx.actions
    .list({ owner: email.toLowerCase(), statuses: NOT_CLOSED })
    .filter(visible)
    .map((a) => actionCase(tx, a));
  const toVerify = person?.active
    ? tx.actions
        .list({ statuses: ['implemented'] })
        .filter(visible)
        .map((a) => actionCase(tx, a))
        .filter((c) => verifiersOf(tx, c).some((v) => v.email === person.email))
    : [];
  return { owned, toVerify, today: todayOf(tx, core, person) };
}

/** `actions` in chat: the person's open actions, and those waiting for their verification. */
export function myActions(core: Core, actor: Actor): Message {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    const mine = loadMyActions(tx, core, person.email);
    return myActionsMessage(mine.owned, mine.toVerify, mine.today);
  });
}

/** One line of an action's history, from its trail event. */
function historyLine(e: HistoryEvent | UndescribedEvent): string {
  if (!isDescribed(e)) return e.action;
  switch (e.action) {
    case 'action.opened':
      return `opened, due ${e.after.due}`;
    case 'action.planned':
      return `planned, to be done by ${e.after.target ?? e.after.due}`;
    case 'action.implemented':
      return `marked implemented with ${e.after.implementationLinks.length} link(s)`;
    case 'action.extension_requested':
      return `asked to move the due date from ${e.before.due} to ${e.after.due}: ${e.after.reason}`;
    case 'action.extension_decided':
      return `${e.after.status} the extension request${e.after.reason ? `: ${e.after.reason}` : ''}`;
    case 'action.extended':
      return `moved the due date from ${e.before.due} to ${e.after.due}: ${e.after.reason}`;
    case 'action.verified':
      return e.after.effective ? `verified effective: ${e.after.reason}` : `verified not effective, new due date ${e.after.due}: ${e.after.reason}`;
    case 'action.closed':
      return 'closed';
    case 'action.chased':
      return `reminder sent to ${e.after.to}`;
    case 'action.escalated':
      return `overdue, told ${e.after.to}`;
    default:
      return e.action;
  }
}

/** `action <id>`: the action, its chain so far, and the buttons the viewer may use now. */
export function showAction(core: Core, actor: Actor, id: string): Message {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    const c = loadCase(tx, person, id);
    // The history shown is the trail itself, read back for the person: evidence, not state.
    const history: HistoryLine[] = subjectHistory(tx, actionSubject(c.action.id)).map((e) => ({ at: e.at, actor: e.actor, what: historyLine(e) }));
    const verbs = allowedVerbs(c.action.status, roleIn(c, person));
    const owner = ownerButtons(c.action.id, c.action.status);
    const buttons: Button[] = [
      ...owner.filter((b) => (b.id === ACTION_BUTTONS.plan && verbs.includes('plan')) || (b.id === ACTION_BUTTONS.implemented && verbs.includes('implement')) || (b.id === ACTION_BUTTONS.extend && verbs.includes('extend'))),
      ...(verbs.includes('verify') ? [verifyButton(c.action.id)] : []),
    ];
    return actionDetailMessage(c, tx.actions.listVerifications(c.action.id), history, buttons);
  });
}

/** "My work": the person's open actions and those waiting for their verification, as they may see them. */
export function listMyActions(core: Core, email: string): MyActions {
  return core.store.transaction((tx) => loadMyActions(tx, core, email));
}
