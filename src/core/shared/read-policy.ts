// Who may read what: one rule for every command, button, form, App Home and digest, on every
// platform. Nonconformities are confidential (docs/security.md, "Who sees what"): a finding, its corrective
// action and the evidence of an audit are visible to
//   - that audit's auditors (lead and second) and the auditor who raised the finding,
//   - the owner of the area (for evidence: of an area the audit covers),
//   - the owner of the finding or action (of the evidence request) and that owner's manager,
//   - whoever verified the action, and, while it waits for verification, whoever is asked to
//     verify it (an external auditor or top management when no audit lead can, issue 14.7),
//   - audit leads and admins;
// and only to active people. To anyone else they do not exist: the refusal is the very answer
// an id that does not exist gets (`noSuch*` below), word for word, so ids cannot be probed.
// `audit explain` (who was excluded from an audit, and why) is for audit leads and that
// audit's auditors only. An audit's header (window, scope, auditors) is part of the programme,
// which every active person may see.
//
// Write rules (who may plan, verify, review, …) live with each use case; each of them first
// asks this module whether the person may see the record at all.
//
// The rule is one for every capability, so it lives in shared/ and names no capability: the
// records it judges are described by the fields it reads, and whatever else it needs comes
// through the store. (Evidence's `noSuchRequest` lives with evidence, which numbers requests.)
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import type { Actor } from './actor.js';
import { requireLead, type PersonRecord } from './people.js';
import { chooseVerifiers, isLastResortVerifier, verifierPool } from './verifiers.js';

export type Viewer = Pick<PersonRecord, 'email' | 'roles' | 'active'>;

/** What the rule reads of a finding. */
interface FindingSeen {
  id: string;
  auditId: string;
  area: string;
  owner: string;
  raisedBy: string;
  actionId: string | null;
}

/** What the rule reads of a corrective action. */
interface ActionSeen {
  id: string;
  findingId: string;
  owner: string;
  status?: string;
}

/** What the rule reads of an evidence request. */
interface RequestSeen {
  auditId: string;
  owner: string;
}

/** Audit leads and admins read every finding, action and evidence request. */
export const readsEverything = (viewer: Viewer): boolean => viewer.active && (viewer.roles.includes('lead') || viewer.roles.includes('admin'));

const auditsIt = (tx: Tx, email: string, auditId: string): boolean => tx.programme.listAssignments({ auditId }).some((a) => a.email === email);

/** The owner of `ownerEmail`'s work, or their manager. */
function ownsOrManages(tx: Tx, email: string, ownerEmail: string): boolean {
  if (email === ownerEmail) return true;
  return tx.organisation.getPerson(ownerEmail)?.manager === email;
}

const ownsArea = (tx: Tx, email: string, areaKey: string): boolean => tx.organisation.getArea(areaKey)?.owner === email;

/** Whether `viewer` may see `finding` (and so its corrective action, `action` when there is one). */
export function mayReadFinding(tx: Tx, viewer: Viewer | null, finding: FindingSeen, action: ActionSeen | null = null): boolean {
  if (!viewer?.active) return false;
  if (readsEverything(viewer)) return true;
  const me = viewer.email;
  if (me === finding.raisedBy || auditsIt(tx, me, finding.auditId)) return true;
  if (ownsArea(tx, me, finding.area)) return true;
  if (ownsOrManages(tx, me, finding.owner)) return true;
  const a = action ?? (finding.actionId ? tx.actions.get(finding.actionId) : tx.actions.getByFinding(finding.id));
  if (!a) return false;
  if (a.owner !== finding.owner && ownsOrManages(tx, me, a.owner)) return true;
  if (tx.actions.listVerifications(a.id).some((v) => v.by === me)) return true;
  return a.status === 'implemented' && isLastResortVerifier(viewer) && askedToVerify(tx, me, finding.raisedBy, a.owner);
}

/** Whether `email` is among those asked to verify an implemented action (shared/verifiers.ts). */
function askedToVerify(tx: Tx, email: string, raisedBy: string, owner: string): boolean {
  const ownerTeam = tx.organisation.getPerson(owner)?.team ?? null;
  return chooseVerifiers(tx.organisation.getPerson(raisedBy), owner, ownerTeam, raisedBy, verifierPool(tx.organisation.listPeople())).some((p) => p.email === email);
}

/** Whether `viewer` may see a corrective action: exactly those who may see its finding. */
export function mayReadAction(tx: Tx, viewer: Viewer | null, action: ActionSeen): boolean {
  const finding = tx.findings.get(action.findingId);
  return finding !== null && mayReadFinding(tx, viewer, finding, action);
}

/** Whether `viewer` may see an evidence request, its links and its notes. */
export function mayReadEvidence(tx: Tx, viewer: Viewer | null, request: RequestSeen): boolean {
  if (!viewer?.active) return false;
  if (readsEverything(viewer)) return true;
  const me = viewer.email;
  if (auditsIt(tx, me, request.auditId)) return true;
  if (ownsOrManages(tx, me, request.owner)) return true;
  const audit = tx.programme.getAudit(request.auditId);
  return audit !== null && audit.areas.some((area) => ownsArea(tx, me, area));
}

/** Whether `viewer` may see why an audit has its auditors and who was excluded: leads and its auditors. */
export function mayExplainAudit(tx: Tx, viewer: Viewer | null, auditId: string): boolean {
  if (!viewer?.active) return false;
  return viewer.roles.includes('lead') || auditsIt(tx, viewer.email, auditId);
}

/** An audit's header (status, window, scope, auditors) is part of the programme: any active person. */
export const mayReadAuditHeader = (viewer: Viewer | null): boolean => viewer?.active === true;

/** The weekly digest lists every open nonconformity: it is previewed by audit leads only. */
export const requireDigestReader = (tx: Tx, actor: Actor): PersonRecord => requireLead(tx, actor, 'preview the digest');

// The answers for an id that does not exist, which are also the answers for one the person
// may not see. Each use case throws these and nothing else when a record is missing or hidden.

export const noSuchAction = (id: string): AuditbotError =>
  new AuditbotError('not_found', `There is no corrective action ${id}. Type "actions" to see yours.`, { actionId: `There is no corrective action ${id}.` });

export const noSuchFinding = (id: string): AuditbotError =>
  new AuditbotError('not_found', `There is no finding ${id}. Check the number: findings are numbered like F-2027-0012.`, { findingId: `There is no finding ${id}.` });

export const noSuchAudit = (id: string): AuditbotError => new AuditbotError('not_found', `There is no audit ${id}. See the ids with: auditbot programme show`);

/** The action, if `viewer` may see it; otherwise the answer for an id that does not exist. */
export function visibleAction(tx: Tx, viewer: Viewer | null, id: string) {
  const action = tx.actions.get(id);
  if (!action || !mayReadAction(tx, viewer, action)) throw noSuchAction(id);
  return action;
}

/** The finding, if `viewer` may see it; otherwise the answer for an id that does not exist. */
export function visibleFinding(tx: Tx, viewer: Viewer | null, id: string) {
  const finding = tx.findings.get(id);
  if (!finding || !mayReadFinding(tx, viewer, finding)) throw noSuchFinding(id);
  return finding;
}
