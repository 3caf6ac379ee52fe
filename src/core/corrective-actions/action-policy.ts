// Who may do what to a corrective action, and when: a pure table of state × action × role.
// Each cell is either allowed or a refusal that says what is allowed and who can do it, so
// Slack, Teams and the console refuse the same things with the same words.
//
// The role is decided first (it does not change with the state), then the state:
//   plan       the owner, while the action is open or planned (a revised plan replaces the last);
//   implement  the owner, once it is planned;
//   extend     the owner or an independent audit lead, while it is open or planned;
//   verify     the auditor who raised the finding, an audit lead, an external auditor or top
//              management, once it is implemented, and never the owner or anyone in the owner's
//              team (clause 10.2: the effectiveness of the action is reviewed by someone
//              independent of it). Who is asked is shared/verifiers.ts; the refusals name them.
import type { ErrorCode } from '../errors.js';
import { ADD_A_VERIFIER } from '../shared/verifiers.js';
import type { ActionStatus } from './types.js';

export const ACTION_VERBS = ['plan', 'implement', 'extend', 'verify'] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

/**
 * How a person stands to one action, the first that applies: its owner, a member of the
 * owner's team, the auditor who raised the finding, an audit lead, an external auditor or
 * top-management person (`independent`, issue 14.7), or anyone else.
 */
export const ACTION_ROLES = ['owner', 'owner_team', 'raiser', 'lead', 'independent', 'other'] as const;
export type ActionRole = (typeof ACTION_ROLES)[number];

export type RefusalCode = Extract<ErrorCode, 'forbidden' | 'not_independent' | 'illegal_transition'>;

/** What the refusal messages name. Dates are `YYYY-MM-DD`. */
export interface PolicyFacts {
  id: string;
  findingId: string;
  owner: string;
  ownerName: string;
  /** The owner's team name, when they have one. */
  ownerTeam: string | null;
  raisedBy: string;
  raisedByName: string;
  due: string;
  implementedOn: string | null;
  closedOn: string | null;
  /** Whether the auditor who raised the finding is the one asked to verify it. */
  raiserVerifies: boolean;
  /** Who else is asked to verify it when the raiser cannot (shared/verifiers.ts); empty: nobody can. */
  verifiers: readonly VerifierFact[];
}

export interface VerifierFact {
  email: string;
  name: string;
  as: 'lead' | 'external' | 'top-management';
}

export type Decision = { allowed: true } | { allowed: false; code: RefusalCode; message: string };

type Cell = 'allowed' | { code: RefusalCode; say: (f: PolicyFacts) => string };

const refuse = (code: RefusalCode, say: (f: PolicyFacts) => string): Cell => ({ code, say });

const owner = (f: PolicyFacts): string => `${f.ownerName} (${f.owner})`;
const raiser = (f: PolicyFacts): string => `${f.raisedByName} (${f.raisedBy}), who raised finding ${f.findingId}`;
const on = (date: string | null): string => (date ? ` on ${date}` : '');
const VERIFIER_AS: Record<VerifierFact['as'], string> = { lead: 'audit lead', external: 'external auditor', 'top-management': 'top management' };
const orList = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`);
/** Who can verify the action, named; when nobody can, whom to add to the organisation file. */
const verifiers = (f: PolicyFacts): string => {
  if (f.raiserVerifies) return `${raiser(f)}, or an audit lead outside the owner's team`;
  if (f.verifiers.length > 0) return orList(f.verifiers.map((v) => `${v.name} (${v.email}, ${VERIFIER_AS[v.as]})`));
  return `someone independent of the owner, and nobody in the organisation file is (to unblock it, ${ADD_A_VERIFIER})`;
};

const onlyOwner = (what: string) => refuse('forbidden', (f) => `Only the owner of ${f.id}, ${owner(f)}, can ${what}.`);

const WHO: Record<ActionVerb, Record<ActionRole, Cell>> = {
  plan: {
    owner: 'allowed',
    owner_team: onlyOwner('plan it (the correction, the root cause, the action plan and a target date)'),
    raiser: onlyOwner('plan it (the correction, the root cause, the action plan and a target date)'),
    lead: onlyOwner('plan it (the correction, the root cause, the action plan and a target date)'),
    independent: onlyOwner('plan it (the correction, the root cause, the action plan and a target date)'),
    other: onlyOwner('plan it (the correction, the root cause, the action plan and a target date)'),
  },
  implement: {
    owner: 'allowed',
    owner_team: onlyOwner('mark it implemented'),
    raiser: onlyOwner('mark it implemented'),
    lead: onlyOwner('mark it implemented'),
    independent: onlyOwner('mark it implemented'),
    other: onlyOwner('mark it implemented'),
  },
  extend: {
    owner: 'allowed',
    owner_team: refuse('forbidden', (f) => `Only the owner of ${f.id}, ${owner(f)}, or an audit lead outside the owner's team can change its due date.`),
    raiser: refuse('forbidden', (f) => `Only the owner of ${f.id}, ${owner(f)}, or an audit lead can change its due date. If you agree it needs longer, tell them.`),
    lead: 'allowed',
    independent: refuse('forbidden', (f) => `Only the owner of ${f.id}, ${owner(f)}, or an audit lead can change its due date.`),
    other: refuse('forbidden', (f) => `Only the owner of ${f.id}, ${owner(f)}, or an audit lead can change its due date.`),
  },
  verify: {
    owner: refuse(
      'not_independent',
      (f) => `You own ${f.id}, so you cannot verify it: whether a corrective action worked is checked by someone independent of its owner (ISO/IEC 27001 clause 10.2). It can be verified by ${verifiers(f)}.`,
    ),
    owner_team: refuse(
      'not_independent',
      (f) =>
        `${f.id} is owned by ${owner(f)}${f.ownerTeam ? ` in your team (${f.ownerTeam})` : ', in your team'}, so you cannot verify it: whether a corrective action worked is checked by someone independent of the owner's team (ISO/IEC 27001 clause 10.2). It can be verified by ${verifiers(f)}.`,
    ),
    raiser: 'allowed',
    lead: 'allowed',
    independent: 'allowed',
    other: refuse('forbidden', (f) => `Only ${verifiers(f)}, can verify ${f.id}.`),
  },
};

const closed = refuse('illegal_transition', (f) => `${f.id} was verified effective and closed${on(f.closedOn)}, so it can no longer change. If the problem comes back, an auditor can record a new finding.`);

const withdrawn = refuse('illegal_transition', (f) => `${f.id} was withdrawn with its finding ${f.findingId}${on(f.closedOn)}, so nothing more is needed on it. If the problem is real after all, an auditor can record a new finding.`);

const WHEN: Record<ActionVerb, Record<ActionStatus, Cell>> = {
  plan: {
    open: 'allowed',
    planned: 'allowed',
    implemented: refuse(
      'illegal_transition',
      (f) => `${f.id} was marked implemented${on(f.implementedOn)} and waits for verification by ${verifiers(f)}, so its plan cannot change now. If it is found not effective, it comes back to the owner to plan again.`,
    ),
    closed,
    withdrawn,
  },
  implement: {
    open: refuse('illegal_transition', (f) => `${f.id} has no plan yet. The owner, ${owner(f)}, plans it first (the correction, the root cause, the action plan and a target date), then marks it implemented.`),
    planned: 'allowed',
    implemented: refuse('illegal_transition', (f) => `${f.id} is already marked implemented${on(f.implementedOn)} and waits for verification by ${verifiers(f)}.`),
    closed,
    withdrawn,
  },
  extend: {
    open: 'allowed',
    planned: 'allowed',
    implemented: refuse(
      'illegal_transition',
      (f) => `${f.id} is already implemented and waits for verification by ${verifiers(f)}, so there is no due date to move. If it is found not effective, the verifier sets a new due date.`,
    ),
    closed,
    withdrawn,
  },
  verify: {
    open: refuse('illegal_transition', (f) => `${f.id} has not been planned or implemented yet, so there is nothing to verify. It can be verified once the owner, ${owner(f)}, marks it implemented.`),
    planned: refuse('illegal_transition', (f) => `${f.id} is planned (due ${f.due}) but not implemented yet, so there is nothing to verify. It can be verified once the owner, ${owner(f)}, marks it implemented.`),
    implemented: 'allowed',
    closed: refuse('illegal_transition', (f) => `${f.id} was already verified effective and closed${on(f.closedOn)}, so there is nothing more to verify.`),
    withdrawn,
  },
};

/** The rule for one cell of the table. */
export function decide(status: ActionStatus, verb: ActionVerb, role: ActionRole, facts: PolicyFacts): Decision {
  for (const cell of [WHO[verb][role], WHEN[verb][status]]) {
    if (cell !== 'allowed') return { allowed: false, code: cell.code, message: cell.say(facts) };
  }
  return { allowed: true };
}

/** A person as the role needs them. */
export interface PolicyPerson {
  email: string;
  team: string | null;
  roles: readonly string[];
}

/**
 * The role of `person` for an action owned by `ownerEmail` (whose team is `ownerTeam`) on a
 * finding raised by `raisedBy`. Being the owner or in the owner's team comes first, so a lead
 * or the raiser in the owner's team is never treated as independent.
 */
export function roleOf(person: PolicyPerson, ownerEmail: string, ownerTeam: string | null, raisedBy: string): ActionRole {
  if (person.email === ownerEmail) return 'owner';
  if (ownerTeam !== null && person.team === ownerTeam) return 'owner_team';
  if (person.email === raisedBy) return 'raiser';
  if (person.roles.includes('lead')) return 'lead';
  if (person.roles.includes('external') || person.roles.includes('top-management')) return 'independent';
  return 'other';
}

/** The verbs `role` may use on an action in `status`: what to offer as buttons. */
export function allowedVerbs(status: ActionStatus, role: ActionRole): ActionVerb[] {
  return ACTION_VERBS.filter((v) => WHO[v][role] === 'allowed' && WHEN[v][status] === 'allowed');
}
