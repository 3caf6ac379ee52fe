// The seeded organisation (test/helpers/seed.ts) plus Pat, an audit lead in the platform team
// (the team of the IAM owners), so that "a lead in the owner's team" can be shown refused, and
// Ada, an admin; and helpers to bring a corrective action to each state through the core.
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import type { CorrectiveActionRecord } from '../../../src/core/corrective-actions/types.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { recordFinding } from '../../../src/core/findings/record-finding.js';
import { withdrawFinding } from '../../../src/core/findings/withdraw-finding.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { insertAudits, SEED, SEED_AUDITS, seedSnapshot } from '../../helpers/seed.js';
import type { Actor } from '../../../src/core/shared/actor.js';
import type { PersonRecord } from '../../../src/core/shared/people.js';

/** An audit lead in the platform team, which owns the IAM area: never independent of its owners. */
export const TEAM_LEAD = 'pat@acme.example';

/** An admin: may read every action (read-policy.ts) but holds no role in any. */
export const ADMIN = 'ada@acme.example';

/**
 * One person per role of action-policy.ts, each of whom may see the action (read-policy.ts), so
 * that the refusals the table words are the ones they get; those who may not see it at all are
 * answered as if it did not exist (test/security covers every role).
 */
export const ROLE_PEOPLE = {
  owner: SEED.iamOwner,
  owner_team: TEAM_LEAD,
  raiser: SEED.auditor,
  lead: SEED.lead,
  other: ADMIN,
} as const;

export function setupActions(at = '2027-01-04T10:00:00Z', edit: (people: PersonRecord[]) => void = () => {}, file?: string): TestCore {
  const t = makeTestCore(at, { timezone: 'Europe/London', ...(file ? { file } : {}) });
  const snapshot = seedSnapshot();
  snapshot.people.push({
    email: TEAM_LEAD,
    name: 'Pat Park',
    team: 'platform',
    manager: null,
    timezone: null,
    roles: ['lead', 'auditor'],
    slackId: 'U0SEED0008',
    teamsId: '00000000-0000-4000-8000-000000000008',
    chat: null,
    lastPlatform: null,
    active: true,
  });
  snapshot.people.push({
    email: ADMIN,
    name: 'Ada Admin',
    team: 'finance',
    manager: null,
    timezone: null,
    roles: ['admin'],
    slackId: 'U0SEED0009',
    teamsId: '00000000-0000-4000-8000-000000000009',
    chat: null,
    lastPlatform: null,
    active: true,
  });
  edit(snapshot.people);
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(snapshot));
  insertAudits(t.db, SEED_AUDITS);
  return t;
}

export const as = (email: string, channel: Actor['channel'] = 'console'): Actor => ({ email, channel });

let keys = 0;

/** Records a nonconformity as Ana in the IAM audit; returns its corrective action. */
export function recordNonconformity(t: TestCore, values: Record<string, string> = {}): CorrectiveActionRecord {
  const { story } = recordFinding(
    t.core,
    as(SEED.auditor),
    {
      auditId: SEED.audits.iam,
      classification: 'minor',
      requirement: 'A.5.15',
      statement: 'Two leavers still had active accounts in the identity provider.',
      evidence: 'Identity provider export of 2027-01-04 compared with the HR leavers list.',
      ...values,
    },
    `fixture-${++keys}`,
  );
  const action = t.core.store.transaction((tx) => tx.actions.getByFinding(story.finding.id));
  if (!action) throw new Error('a nonconformity should open a corrective action');
  return action;
}

export const PLAN = {
  correction: 'Disabled both accounts on 2027-01-05.',
  rootCause: 'Leaver tickets from HR did not reach the identity team.',
  plan: 'Automate deprovisioning from the HR system; weekly reconciliation report.',
};

export const getAction = (t: TestCore, id: string): CorrectiveActionRecord => {
  const a = t.core.store.transaction((tx) => tx.actions.get(id));
  if (!a) throw new Error(`no action ${id}`);
  return a;
};

/** Brings a fresh action to `state` the way people would: plan, implement, verify effective. */
export function actionIn(t: TestCore, state: CorrectiveActionRecord['status']): CorrectiveActionRecord {
  const action = recordNonconformity(t);
  if (state === 'open') return action;
  planAction(t.core, as(SEED.iamOwner), { actionId: action.id, ...PLAN, due: action.due });
  if (state === 'planned') return getAction(t, action.id);
  markImplemented(t.core, as(SEED.iamOwner), { actionId: action.id, links: 'https://tickets.example/IAM-7' });
  if (state === 'implemented') return getAction(t, action.id);
  if (state === 'withdrawn') {
    // Implemented, then its finding withdrawn by the auditor: the action is cancelled with it.
    withdrawFinding(t.core, as(SEED.auditor), { findingId: action.findingId, reason: 'Recorded against the wrong audit.' });
    return getAction(t, action.id);
  }
  verifyAction(t.core, as(SEED.auditor), { actionId: action.id, effective: true, reason: 'Sampled 10 leavers since January: all disabled within a day.' });
  return getAction(t, action.id);
}
