// When an audit starts, every clause and control in its scope becomes one evidence request to
// its owner, due in the audit's number of working days (10 unless the audit says otherwise)
// in the owner's own calendar. Each owner gets one message listing all their requests for the
// audit. Runs inside the caller's transaction, so the audit's start, the requests, their trail
// events and the messages commit together.
import { type Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import type { Tx } from '../ports.js';
import { compareRequirements, parseRequirement } from '../catalogue/requirement-references.js';
import { auditorsOf, coverCurrentStage } from './evidence-access.js';
import { requestsMessage } from './evidence-messages.js';
import { evidenceSubject, type EvidenceRequestRecord } from './types.js';
import { addWorkingDays } from '../shared/working-time.js';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.js';
import { type PersonRecord, todayFor, workingHoursFor } from '../shared/people.js';

/** What starting evidence requests needs to know of an audit (the programme passes its audit). */
export interface AuditForEvidence {
  id: string;
  areas: readonly string[];
  clauses: readonly string[];
  controls: readonly string[];
  /** Working days an owner has to answer. */
  evidenceDueDays: number;
}

export interface CreatedEvidenceRequests {
  requests: EvidenceRequestRecord[];
  /** Owners messaged, by e-mail. */
  owners: string[];
  /** Requirements left without a request, and why (no active owner; excluded by the SoA). */
  skipped: { requirement: string; reason: string }[];
}

export const EVIDENCE_REQUESTED = 'evidence.requested';

export function createEvidenceRequests(tx: Tx, core: Core, audit: AuditForEvidence, actor: Actor = { email: SYSTEM_ACTOR, channel: 'system' }): CreatedEvidenceRequests {
  const now = core.clock.now().toISOString();
  const dueDays = Math.max(1, audit.evidenceDueDays);
  const areas = tx.organisation.listAreas();
  const inAudit = new Set(audit.areas);
  // The audit's own areas say who owns a requirement first; any other area after that.
  const ordered = [...areas.filter((a) => inAudit.has(a.key)), ...areas.filter((a) => !inAudit.has(a.key))];
  const excluded = new Set(
    tx.organisation
      .listApplicability()
      .filter((a) => !a.applicable)
      .map((a) => parseRequirement(a.control, 'control')?.id ?? a.control),
  );
  const people = new Map<string, PersonRecord | null>();
  const person = (email: string): PersonRecord | null => {
    if (!people.has(email)) people.set(email, tx.organisation.getPerson(email));
    const p = people.get(email) ?? null;
    return p?.active ? p : null;
  };

  const auditorEmails = new Set(auditorsOf(tx, audit.id).map((a) => a.email));
  const created: EvidenceRequestRecord[] = [];
  const skipped: CreatedEvidenceRequests['skipped'] = [];
  const requirements = [...new Set([...audit.clauses, ...audit.controls])].sort(compareRequirements);
  for (const requirement of requirements) {
    if (excluded.has(requirement)) {
      skipped.push({ requirement, reason: 'excluded in the Statement of Applicability' });
      continue;
    }
    if (tx.evidence.findByRequirement(audit.id, requirement)) continue;
    const candidates = [
      ...ordered.flatMap((a) => a.scope.filter((s) => s.requirement === requirement).map((s) => s.owner)),
      ...ordered.filter((a) => inAudit.has(a.key)).map((a) => a.owner),
    ];
    // Evidence never comes from an auditor of the audit (an independence exception may have put
    // an owner on it): the next owner in line is asked instead.
    const owner = candidates.map(person).find((p): p is PersonRecord => p !== null && !auditorEmails.has(p.email));
    if (!owner) {
      const active = [...new Set(candidates)].filter((e) => person(e) !== null);
      skipped.push({
        requirement,
        reason:
          active.length > 0
            ? `its owners (${active.join(', ')}) audit it, and evidence never comes from an auditor of the audit`
            : candidates.length > 0
              ? `no active owner (${[...new Set(candidates)].join(', ')} inactive)`
              : 'no owner in the organisation file',
      });
      continue;
    }
    const request = tx.evidence.insert({
      auditId: audit.id,
      requirement,
      owner: owner.email,
      due: addWorkingDays(todayFor(tx, core, owner), dueDays, workingHoursFor(tx, core, owner)),
      status: 'requested',
      links: [],
      note: null,
      comment: null,
      snoozeCount: 0,
      notMineReason: null,
      requestedAt: now,
      submittedAt: null,
      acceptedBy: null,
      acceptedAt: null,
    });
    tx.trail.append({ actor: actor.email, action: EVIDENCE_REQUESTED, subject: evidenceSubject(request.id), after: request, channel: actor.channel });
    coverCurrentStage(tx, core, request, owner);
    created.push(request);
  }

  const assignments = auditorsOf(tx, audit.id);
  const auditorNames = assignments
    .map((a) => {
      const p = tx.organisation.getPerson(a.email);
      return `${p?.name ?? a.email}${a.role === 'lead' ? ' (lead)' : ''}`;
    })
    .join(', ');
  const byOwner = new Map<string, EvidenceRequestRecord[]>();
  for (const r of created) byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r]);
  for (const [email, requests] of byOwner) {
    const owner = person(email);
    const first = requests[0];
    if (!owner || !first) continue;
    notifyPerson(tx, core, owner, `evidence:requested:${audit.id}:${email}`, requestsMessage({ auditId: audit.id, ownerName: owner.name, auditorNames, due: first.due, requests }));
  }
  return { requests: created, owners: [...byOwner.keys()].sort(), skipped };
}
