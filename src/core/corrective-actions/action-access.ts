// What the corrective-action use cases share: finding an action and its finding, the role a
// person holds on it, the policy check, who is independent enough to verify it, and how a
// repeated submission is recognised.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { dayNumber, localDate, workingDayMask } from '../shared/working-time.js';
import type { Tx } from '../ports.js';
import { noSuchFinding, visibleAction, visibleFinding } from '../shared/read-policy.js';
import { decide, roleOf, type ActionRole, type ActionVerb, type PolicyFacts, type VerifierFact } from './action-policy.js';
import { currentStageName } from '../reminders/policy.js';
import { dueTrack } from './plan-chase.js';
import { actionSubject, type CorrectiveActionRecord, type FindingOfAction } from './types.js';
import { type PersonRecord, activePerson, timezoneOf, workingHoursFor } from '../shared/people.js';
import { chooseVerifiers, verifierPool } from '../shared/verifiers.js';

export { activePerson };

/** An action with everything its messages and its policy need. */
export interface ActionCase {
  action: CorrectiveActionRecord;
  finding: FindingOfAction;
  /** The owner's person record; null only if they were removed from the organisation file. */
  owner: PersonRecord | null;
  raiser: PersonRecord | null;
  facts: PolicyFacts;
}

/** The finding, if `viewer` may see it (read-policy.ts); otherwise the answer for a finding that does not exist. */
export const loadFinding = (tx: Tx, viewer: PersonRecord, id: string): FindingOfAction => visibleFinding(tx, viewer, id);

function findingOf(tx: Tx, id: string): FindingOfAction {
  const finding = tx.findings.get(id);
  if (!finding) throw noSuchFinding(id);
  return finding;
}

const dateOf = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

const verifierFact = (p: PersonRecord): VerifierFact => ({ email: p.email, name: p.name, as: p.roles.includes('lead') ? 'lead' : p.roles.includes('external') ? 'external' : 'top-management' });

export function actionCase(tx: Tx, action: CorrectiveActionRecord): ActionCase {
  const finding = findingOf(tx, action.findingId);
  const owner = tx.organisation.getPerson(action.owner);
  const raiser = tx.organisation.getPerson(finding.raisedBy);
  const ownerTeam = owner?.team ? (tx.organisation.listTeams().find((t) => t.key === owner.team)?.name ?? owner.team) : null;
  const asked = chooseVerifiers(raiser, action.owner, owner?.team ?? null, finding.raisedBy, verifierPool(tx.organisation.listPeople()));
  const raiserVerifies = asked.length === 1 && asked[0]?.email === finding.raisedBy;
  return {
    action,
    finding,
    owner,
    raiser,
    facts: {
      id: action.id,
      findingId: finding.id,
      owner: action.owner,
      ownerName: owner?.name ?? action.owner,
      ownerTeam,
      raisedBy: finding.raisedBy,
      raisedByName: raiser?.name ?? finding.raisedBy,
      due: action.due,
      implementedOn: dateOf(action.implementedAt),
      closedOn: dateOf(action.closedAt),
      raiserVerifies,
      verifiers: raiserVerifies ? [] : asked.map(verifierFact),
    },
  };
}

/** The action with its finding, if `viewer` may see it; otherwise the answer for an action that does not exist. */
export const loadCase = (tx: Tx, viewer: PersonRecord, id: string): ActionCase => actionCase(tx, visibleAction(tx, viewer, id));

/** How `person` stands to the action (owner, owner's team, raiser, lead, other). */
export const roleIn = (c: ActionCase, person: Pick<PersonRecord, 'email' | 'team' | 'roles'>): ActionRole => roleOf(person, c.action.owner, c.owner?.team ?? null, c.finding.raisedBy);

/** Refuses, with the policy's message, anything the table does not allow; returns the role. */
export function authorize(c: ActionCase, person: PersonRecord, verb: ActionVerb): ActionRole {
  const role = roleIn(c, person);
  const decision = decide(c.action.status, verb, role, c.facts);
  if (!decision.allowed) throw new AuditbotError(decision.code, decision.message);
  return role;
}

/** Active people with the lead role, in e-mail order. */
export const activeLeads = (tx: Tx): PersonRecord[] => tx.organisation.listPeople().filter((p) => p.active && p.roles.includes('lead'));

/**
 * Who is asked to verify an implemented action (shared/verifiers.ts): the auditor who raised the
 * finding when they are active and independent of the owner; otherwise every audit lead who is;
 * otherwise the external auditors and top management who are. Empty: the action is blocked.
 */
export function verifiersOf(tx: Tx, c: ActionCase): PersonRecord[] {
  return chooseVerifiers(c.raiser, c.action.owner, c.owner?.team ?? null, c.finding.raisedBy, verifierPool(tx.organisation.listPeople()));
}

export { chooseVerifiers, verifierPool };

/**
 * The action a repeated submission (Slack retry, double click, re-sent card) acted on the first
 * time, or null when `key` is new or absent. `kind` keeps keys of different forms apart.
 */
export function earlierSubmission(tx: Tx, kind: string, key: string | undefined): CorrectiveActionRecord | null {
  if (!key) return null;
  const earlier = tx.processed.get(`${kind}:${key}`);
  return earlier?.result ? tx.actions.get(earlier.result) : null;
}

export function recordSubmission(tx: Tx, kind: string, key: string | undefined, at: string, actionId: string): void {
  if (key) tx.processed.claim(`${kind}:${key}`, at, actionId);
}

/** Default days from opening to due, by classification (ACTION_DUE_DAYS_MAJOR / _MINOR). */
export const DEFAULT_DUE_DAYS = { major: 30, minor: 90 } as const;

export function dueDaysFor(core: Core, classification: FindingOfAction['classification']): number {
  const configured = core.settings.actionDueDays;
  return classification === 'major' ? (configured?.major ?? DEFAULT_DUE_DAYS.major) : (configured?.minor ?? DEFAULT_DUE_DAYS.minor);
}

/**
 * A message sent now that states the due date (the action opened, sent back with a new due
 * date, its due date moved) already does the job of the due-date reminder that has come, so
 * that stage is recorded as queued and the next chase does not repeat it minutes later.
 */
export function coverDueStage(tx: Tx, core: Core, action: CorrectiveActionRecord, owner: PersonRecord | null): void {
  const timezone = timezoneOf(tx, core, owner);
  const hours = workingHoursFor(tx, core, owner);
  const day = { today: dayNumber(localDate(core.clock.now(), timezone)), mask: workingDayMask(hours), timezone, ...(hours.holidays ? { holidays: hours.holidays } : {}) };
  const stage = currentStageName(dueTrack, action, day);
  if (stage) tx.reminders.record(actionSubject(action.id), stage, core.clock.now().toISOString());
}

/** Today's date in a person's time zone (the organisation's when they have none). */
export const todayOf = (tx: Tx, core: Core, person: PersonRecord | null): string => localDate(core.clock.now(), timezoneOf(tx, core, person));
