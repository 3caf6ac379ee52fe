// Who may change a recorded finding, and when (issue 14.1): the auditors of its audit (and the
// audit leads, who may also record findings on any audit) while the audit is not closed, and
// never once the finding is withdrawn. Someone who may not even see the finding is answered as
// if it did not exist (read-policy.ts).
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import { visibleFinding } from '../shared/read-policy.js';
import { activePerson, type PersonRecord } from '../shared/people.js';
import type { AuditForFindings, FindingRecord } from './types.js';

export interface FindingCase {
  person: PersonRecord;
  finding: FindingRecord;
  audit: AuditForFindings;
}

export function loadFindingForChange(tx: Tx, email: string, findingId: string, what: string): FindingCase {
  const person = activePerson(tx, email);
  const finding = visibleFinding(tx, person, findingId);
  const audit = tx.findings.getAudit(finding.auditId);
  if (!audit) throw new AuditbotError('internal', `Finding ${finding.id} names audit ${finding.auditId}, which does not exist.`);
  const auditsIt = audit.auditors.some((a) => a.email === person.email);
  if (!auditsIt && !person.roles.includes('lead')) {
    const auditors = audit.auditors.map((a) => a.email).join(', ');
    throw new AuditbotError('forbidden', `Only the auditors of ${audit.id}${auditors ? ` (${auditors})` : ''} or an audit lead can ${what} ${finding.id}.`);
  }
  if (audit.status === 'closed') {
    throw new AuditbotError('illegal_transition', `Audit ${audit.id} is closed, so its findings can no longer be changed. A correction now is recorded as a new finding in the next audit.`);
  }
  if (finding.status !== 'open') {
    throw new AuditbotError('illegal_transition', `${finding.id} was ${finding.status} (${finding.statusReason ?? 'no reason given'}), so it cannot be changed. Record a new finding if one is needed.`);
  }
  return { person, finding, audit };
}
