// What the evidence use cases share: finding a request (as the read policy allows), who may act
// on it, and recording the reminder stage an action already covers. The audit a request belongs
// to is read through the store: the programme keeps it, and its capability starts evidence
// requests (not the other way round).
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import { timezoneOf, workingHoursFor, type PersonRecord } from '../shared/people.js';
import { mayReadEvidence, type Viewer } from '../shared/read-policy.js';
import { dayNumber, localDate, workingDayMask } from '../shared/working-time.js';
import { currentStageName } from '../reminders/policy.js';
import { nudgeTrack } from './plan-nudges.js';
import { evidenceSubject, requestLabel, type EvidenceRequestRecord } from './types.js';

/** The answer for an evidence request that does not exist, which is also the answer for one the person may not see. */
export const noSuchRequest = (id: number): AuditbotError =>
  new AuditbotError('not_found', `There is no evidence request ${requestLabel(id)}. Type "evidence" to see the requests you are asked for.`, {
    requestId: `There is no evidence request ${requestLabel(id)}.`,
  });

/** The evidence request, if `viewer` may see it; otherwise the answer for an id that does not exist. */
export function visibleRequest(tx: Tx, viewer: Viewer | null, id: number): EvidenceRequestRecord {
  const request = tx.evidence.get(id);
  if (!request || !mayReadEvidence(tx, viewer, request)) throw noSuchRequest(id);
  return request;
}

/** The request, if `viewer` may see it (read-policy.ts); otherwise the answer for a request that does not exist. */
export const loadRequest = (tx: Tx, viewer: PersonRecord, id: number): EvidenceRequestRecord => visibleRequest(tx, viewer, id);

export function loadAudit(tx: Tx, auditId: string) {
  const audit = tx.programme.getAudit(auditId);
  if (!audit) throw new AuditbotError('not_found', `Audit ${auditId} no longer exists.`);
  return audit;
}

export function requireOwner(person: PersonRecord, request: EvidenceRequestRecord): void {
  if (request.owner !== person.email) {
    throw new AuditbotError(
      'forbidden',
      `Evidence request ${requestLabel(request.id)} is asked of ${request.owner}, so only they can answer it. If it should be yours, ask the audit lead to reassign it.`,
    );
  }
}

export function requireOpenAudit(audit: { id: string; status: string }): void {
  if (audit.status === 'closed') throw new AuditbotError('illegal_transition', `Audit ${audit.id} is closed, so its evidence requests can no longer change.`);
}

export const auditorsOf = (tx: Tx, auditId: string) => tx.programme.listAssignments({ auditId });

/** Whether `email` is the lead or second auditor of the audit. */
export const isAuditorOf = (tx: Tx, email: string, auditId: string): boolean => auditorsOf(tx, auditId).some((a) => a.email === email);

/** Whether `email` ever submitted evidence on the request, even before it passed to its current owner. */
export const submittedBy = (tx: Tx, request: EvidenceRequestRecord, email: string): boolean => tx.evidence.everSubmittedBy(request.id, email);

/** A person may manage an audit's requests (reassign, withdraw) if they hold the lead role or lead that audit. */
export function isLeadFor(tx: Tx, person: PersonRecord, auditId: string): boolean {
  return person.roles.includes('lead') || auditorsOf(tx, auditId).some((a) => a.role === 'lead' && a.email === person.email);
}

/** The audit's lead auditor and everyone with the lead role, active, without `except`. */
export function leadsOf(tx: Tx, auditId: string, except: readonly string[]): PersonRecord[] {
  const emails = new Set<string>();
  for (const a of auditorsOf(tx, auditId)) if (a.role === 'lead') emails.add(a.email);
  for (const p of tx.organisation.listPeople()) if (p.roles.includes('lead')) emails.add(p.email);
  for (const e of except) emails.delete(e);
  return [...emails]
    .sort()
    .map((e) => tx.organisation.getPerson(e))
    .filter((p): p is PersonRecord => p?.active === true);
}

/**
 * A message sent now (the request itself, a request for more, a reassignment, a snooze's new
 * date) already does the job of the reminder stage that has come, so that stage is recorded as
 * queued and the next nudges run does not repeat it minutes later.
 */
export function coverCurrentStage(tx: Tx, core: Core, request: EvidenceRequestRecord, owner: Pick<PersonRecord, 'timezone' | 'team' | 'country'>): void {
  const timezone = timezoneOf(tx, core, owner);
  const hours = workingHoursFor(tx, core, owner);
  const day = { today: dayNumber(localDate(core.clock.now(), timezone)), mask: workingDayMask(hours), timezone, ...(hours.holidays ? { holidays: hours.holidays } : {}) };
  const stage = currentStageName(nudgeTrack(), request, day);
  if (stage) tx.reminders.record(evidenceSubject(request.id), stage, core.clock.now().toISOString());
}

/** A one-line description of where a request stands, for refusals. */
export function statusSentence(r: EvidenceRequestRecord): string {
  switch (r.status) {
    case 'accepted':
      return `Evidence request ${requestLabel(r.id)} was accepted${r.acceptedBy ? ` by ${r.acceptedBy}` : ''}${r.acceptedAt ? ` on ${r.acceptedAt.slice(0, 10)}` : ''}`;
    case 'withdrawn':
      return `Evidence request ${requestLabel(r.id)} was withdrawn`;
    case 'submitted':
      return `Evidence for request ${requestLabel(r.id)} was submitted${r.submittedAt ? ` on ${r.submittedAt.slice(0, 10)}` : ''} and waits for the auditors`;
    case 'more_requested':
      return `The auditors asked for more evidence on request ${requestLabel(r.id)}`;
    case 'requested':
      return `Evidence request ${requestLabel(r.id)} is waiting for evidence`;
  }
}

/**
 * The request a repeated submission (Slack retry, double click, re-sent card) acted on the
 * first time, or null when `key` is new or absent. `kind` keeps keys of different forms apart.
 */
export function earlierSubmission(tx: Tx, kind: string, key: string | undefined): EvidenceRequestRecord | null {
  if (!key) return null;
  const earlier = tx.processed.get(`${kind}:${key}`);
  return earlier?.result ? tx.evidence.get(Number(earlier.result)) : null;
}

export function recordSubmission(tx: Tx, kind: string, key: string | undefined, at: string, requestId: number): void {
  if (key) tx.processed.claim(`${kind}:${key}`, at, String(requestId));
}
