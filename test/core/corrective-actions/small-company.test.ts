// Issue 14.7, verification in a small company: Lena is the only audit lead and, once Ana has
// left, the only internal auditor; she owns the corrective action. Nobody may verify their own
// action, so it is verified by an external auditor or by top management; with neither in the
// organisation file the action is blocked, every answer says whom to add, and the digest lists it.
import { describe, expect, it } from 'vitest';
import { markImplemented } from '../../../src/core/corrective-actions/mark-implemented.js';
import { implementedReply } from '../../../src/core/corrective-actions/action-messages.js';
import { planAction } from '../../../src/core/corrective-actions/plan-action.js';
import { showAction } from '../../../src/core/corrective-actions/list-actions.js';
import { verifyAction } from '../../../src/core/corrective-actions/verify-action.js';
import { isAuditbotError } from '../../../src/core/errors.js';
import type { Message } from '../../../src/core/message.js';
import { listMyWork } from '../../../src/core/my-work/list-my-work.js';
import { mineMessage } from '../../../src/core/my-work/my-work-messages.js';
import { buildDigest } from '../../../src/core/reporting/build-digest.js';
import type { PersonRecord } from '../../../src/core/shared/people.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { insertAudits, SEED, SEED_AUDITS, seedSnapshot } from '../../helpers/seed.js';
import { as, PLAN, recordNonconformity } from './fixture.js';

const CEO = 'cara@acme.example';
const EXTERNAL = 'eve@partner.example';
const SECOND_LEAD = 'sam@acme.example';
const ADD = "add an external auditor (roles: [external]) or a top-management person outside the owner's team (roles: [top-management]) to the organisation file and import it again";

const extra = (email: string, name: string, team: string | null, roles: PersonRecord['roles'], n: number): PersonRecord => ({
  email,
  name,
  team,
  manager: null,
  timezone: null,
  roles,
  slackId: `U0SMALL${n}`,
  teamsId: `00000000-0000-4000-9000-00000000000${n}`,
  chat: null,
  lastPlatform: null,
  active: true,
});

type Extra = 'top-management' | 'external' | 'second lead';

/** The seeded organisation with Lena as its only lead and Carl no auditor; Ana still active. */
function people(extras: readonly Extra[], anaActive: boolean): PersonRecord[] {
  const list = seedSnapshot().people.map((p) => (p.email === SEED.otherAuditor ? { ...p, roles: [] } : p.email === SEED.auditor ? { ...p, active: anaActive } : p));
  if (extras.includes('top-management')) list.push(extra(CEO, 'Cara Okafor', 'finance', ['top-management'], 1));
  if (extras.includes('external')) list.push(extra(EXTERNAL, 'Eve Ekström', null, ['external'], 2));
  if (extras.includes('second lead')) list.push(extra(SECOND_LEAD, 'Sam Whitfield', 'finance', ['lead'], 3));
  return list;
}

function reorganise(t: TestCore, extras: readonly Extra[], anaActive: boolean): void {
  const snapshot = seedSnapshot();
  snapshot.people = people(extras, anaActive);
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(snapshot));
}

/**
 * Ana raises a nonconformity on A.5.15 owned by Lena, then leaves; Lena plans and implements
 * the action. Returns the action and what Lena was told when she marked it implemented.
 */
function smallCompany(extras: readonly Extra[] = []) {
  const t = makeTestCore('2027-01-04T10:00:00Z', { timezone: 'Europe/London' });
  reorganise(t, extras, true);
  insertAudits(t.db, SEED_AUDITS);
  const action = recordNonconformity(t, { owner: SEED.lead });
  reorganise(t, extras, false);
  planAction(t.core, as(SEED.lead), { actionId: action.id, ...PLAN, due: action.due });
  const implemented = markImplemented(t.core, as(SEED.lead), { actionId: action.id, links: 'https://tickets.acme.example/ISMS-4' });
  return { t, id: action.id, implemented, reply: implementedReply(implemented.action, implemented.verifiers, false) };
}

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

const VERDICT = { effective: true, reason: 'Sampled the January leavers: every account disabled on the day.' };
const textOf = (m: Message): string => JSON.stringify(m);
const verifyRequestsTo = (t: TestCore, email: string) => t.core.store.transaction((tx) => tx.outbox.list().filter((o) => o.recipient === email && o.key.includes(':verify:')));

describe('issue 14.7: who verifies an action the only internal auditor owns', () => {
  it('with nobody eligible, the action is blocked: the answer says whom to add, the owner is refused, the digest lists it', () => {
    const { t, id, implemented, reply } = smallCompany();
    expect(implemented.verifiers).toEqual([]);
    expect(reply.summary).toBe(`Thank you. ${id} is marked implemented. Blocked: nobody can verify ${id}; ${ADD}.`);

    const own = refusal(() => verifyAction(t.core, as(SEED.lead), { actionId: id, ...VERDICT }));
    expect(own.code).toBe('not_independent');
    expect(own.message).toContain(`You own ${id}, so you cannot verify it`);
    // Not "It can be verified by Lena Lund", the person just refused.
    expect(own.message).not.toContain('Lena Lund (lena@acme.example)');
    expect(own.message).toContain(`It can be verified by someone independent of the owner, and nobody in the organisation file is (to unblock it, ${ADD}).`);

    expect(textOf(showAction(t.core, as(SEED.lead), id))).toContain(`Blocked: nobody can verify ${id}; ${ADD}.`);

    const { digest, message } = buildDigest(t.core);
    expect(digest.blocked).toEqual({ total: 1, items: [{ actionId: id, findingId: implemented.action.findingId, owner: SEED.lead }] });
    expect(digest.allClear).toBe(false);
    expect(message.summary).toContain('1 corrective action blocked: nobody can verify');
    const list = message.blocks.find((b) => b.type === 'list' && b.title === 'Corrective actions nobody can verify');
    expect(list).toMatchObject({ items: [`Blocked: nobody can verify ${id}; ${ADD} (finding ${implemented.action.findingId}, owner ${SEED.lead}).`] });
  });

  it('with top management in the organisation file, Cara is asked, sees it in "mine", verifies it, and the digest no longer lists it', () => {
    const { t, id, implemented, reply } = smallCompany(['top-management']);
    expect(implemented.verifiers).toEqual(['Cara Okafor']);
    expect(reply.summary).toBe(`Thank you. ${id} is marked implemented; Cara Okafor has been asked to verify that it worked.`);
    expect(verifyRequestsTo(t, CEO)).toHaveLength(1);

    const own = refusal(() => verifyAction(t.core, as(SEED.lead), { actionId: id, ...VERDICT }));
    expect(own.message).toContain('It can be verified by Cara Okafor (cara@acme.example, top management).');

    const cara = listMyWork(t.core, as(CEO));
    expect(cara.actions.toVerify.map((c) => c.action.id)).toEqual([id]);
    expect(textOf(mineMessage(cara, 'Europe/London'))).toContain('waiting for your verification');
    expect(buildDigest(t.core).digest.blocked.total).toBe(0);

    const r = verifyAction(t.core, as(CEO), { actionId: id, ...VERDICT });
    expect(r.case.action.status).toBe('closed');
    expect(r.verification?.by).toBe(CEO);
  });

  it('with an external auditor, Eve is asked and may verify', () => {
    const { t, id, implemented } = smallCompany(['external']);
    expect(implemented.verifiers).toEqual(['Eve Ekström']);
    expect(verifyRequestsTo(t, EXTERNAL)).toHaveLength(1);
    const own = refusal(() => verifyAction(t.core, as(SEED.lead), { actionId: id, ...VERDICT }));
    expect(own.message).toContain('It can be verified by Eve Ekström (eve@partner.example, external auditor).');
    expect(verifyAction(t.core, as(EXTERNAL), { actionId: id, ...VERDICT }).case.action.status).toBe('closed');
  });

  it('with a second, independent audit lead, the lead is asked first; top management is not bothered and may not even see it', () => {
    const { t, id, implemented } = smallCompany(['second lead', 'top-management']);
    expect(implemented.verifiers).toEqual(['Sam Whitfield']);
    expect(verifyRequestsTo(t, CEO)).toHaveLength(0);
    expect(refusal(() => verifyAction(t.core, as(CEO), { actionId: id, ...VERDICT })).code).toBe('not_found');
    expect(verifyAction(t.core, as(SECOND_LEAD), { actionId: id, ...VERDICT }).case.action.status).toBe('closed');
  });
});
