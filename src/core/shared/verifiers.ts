// Who verifies a corrective action (ISO/IEC 27001 clause 10.2 f): never its owner, never anyone
// in the owner's team. First the auditor who raised the finding; when they cannot, every audit
// lead who is independent of the owner; when none is (a small company whose only internal
// auditor owns the action, issue 14.7), the external auditors and the top-management people who
// are. When that leaves nobody, the action is blocked until the organisation file names someone.
// It lives in shared/ because the read policy asks it too: whoever is asked to verify an action
// may see it.
import type { PersonRecord } from './people.js';

export type VerifierCandidate = Pick<PersonRecord, 'email' | 'team' | 'roles' | 'active'>;

/** Independent of an action's owner: neither the owner nor in the owner's team. */
export const independentOfOwner = (p: Pick<PersonRecord, 'email' | 'team'>, owner: string, ownerTeam: string | null): boolean =>
  p.email !== owner && !(ownerTeam !== null && p.team === ownerTeam);

/** External auditors and top management: who verifies when no audit lead is independent. */
export const isLastResortVerifier = (p: Pick<PersonRecord, 'roles'>): boolean => p.roles.includes('external') || p.roles.includes('top-management');

/** The people who could ever be asked, of `people`: active leads, external auditors and top management. */
export const verifierPool = <P extends VerifierCandidate>(people: Iterable<P>): P[] => [...people].filter((p) => p.active && (p.roles.includes('lead') || isLastResortVerifier(p)));

/** Who is asked to verify, in `pool` order: see the rule at the top of this file. */
export function chooseVerifiers<P extends VerifierCandidate>(raiser: P | null | undefined, owner: string, ownerTeam: string | null, raisedBy: string, pool: readonly P[]): P[] {
  if (raiser?.active && raiser.email === raisedBy && independentOfOwner(raiser, owner, ownerTeam)) return [raiser];
  const eligible = pool.filter((p) => p.active && independentOfOwner(p, owner, ownerTeam));
  const leads = eligible.filter((p) => p.roles.includes('lead'));
  return leads.length > 0 ? leads : eligible.filter(isLastResortVerifier);
}

/** What the organisation file needs when nobody can verify an action (plain words, for every answer that says so). */
export const ADD_A_VERIFIER = 'add an external auditor (roles: [external]) or a top-management person outside the owner\'s team (roles: [top-management]) to the organisation file and import it again';

/** An implemented action nobody may verify: what the answers and the digest say. */
export const blockedText = (actionId: string): string => `Blocked: nobody can verify ${actionId}; ${ADD_A_VERIFIER}`;
