// Conducting an audit through the core's use cases, for tests that need an audit in reporting
// or closed the way a lead auditor gets it there.
import { closeAudit } from '../../src/core/conduct/close-audit.js';
import { recordConclusion } from '../../src/core/conduct/record-conclusion.js';
import { recordMeeting } from '../../src/core/conduct/record-meeting.js';
import { recordVerdict } from '../../src/core/conduct/record-verdict.js';
import { reportAudit } from '../../src/core/conduct/report-audit.js';
import type { Core } from '../../src/core/context.js';
import { withdrawEvidence } from '../../src/core/evidence/withdraw-evidence.js';
import type { Actor } from '../../src/core/shared/actor.js';
import { isNonconformity } from '../../src/core/shared/classification.js';

export function leadAuditorOf(core: Core, auditId: string): Actor {
  const email = core.store.transaction((tx) => tx.programme.listAssignments({ auditId }).find((a) => a.role === 'lead')?.email);
  if (!email) throw new Error(`${auditId} has no lead auditor`);
  return { email, channel: 'console' };
}

/** Unless it is in reporting already: gives every unassessed item the verdict its findings imply (else conforming), withdraws open evidence as `withdrawAs`, and moves the audit to reporting. */
export function reportAsLead(core: Core, auditId: string, withdrawAs: Actor): Actor {
  const lead = leadAuditorOf(core, auditId);
  if (core.store.transaction((tx) => tx.programme.getAudit(auditId)?.status) === 'reporting') return lead;
  const { scope, findings, open } = core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(auditId);
    const verdicts = new Set(tx.conduct.listVerdicts(auditId).map((v) => v.requirement));
    return {
      scope: [...(audit?.clauses ?? []), ...(audit?.controls ?? [])].filter((r) => !verdicts.has(r)),
      findings: tx.findings.list({ auditId }),
      open: tx.evidence.list({ auditId }).filter((e) => ['requested', 'more_requested', 'submitted'].includes(e.status)),
    };
  });
  for (const requirement of scope) {
    const on = findings.filter((f) => f.requirement === requirement);
    const verdict = on.some((f) => isNonconformity(f.classification)) ? 'nonconformity' : on.some((f) => f.classification === 'ofi') ? 'ofi' : 'conforming';
    recordVerdict(core, lead, { auditId, requirement, verdict });
  }
  for (const e of open) withdrawEvidence(core, withdrawAs, { requestId: e.id, reason: 'Not needed for the conclusion' });
  reportAsLeadOnly(core, auditId, lead);
  return lead;
}

const reportAsLeadOnly = (core: Core, auditId: string, lead: Actor) => reportAudit(core, lead, { auditId });

/** Everything a close needs, then the close itself. */
export function closeAsLead(core: Core, auditId: string, withdrawAs: Actor, date = '2027-01-20'): Actor {
  const lead = reportAsLead(core, auditId, withdrawAs);
  recordMeeting(core, lead, { auditId, kind: 'closing', date, time: '15:00', attendees: lead.email, acknowledgement: 'acknowledged' });
  const ncs = core.store.transaction((tx) => tx.findings.list({ auditId })).map((f) => f.classification);
  const conclusion = ncs.includes('major') ? 'does_not_conform' : ncs.includes('minor') ? 'conforms_with_minor_nonconformities' : 'conforms';
  recordConclusion(core, lead, { auditId, conclusion, summary: 'Summary of the audit.' });
  closeAudit(core, lead, { auditId });
  return lead;
}
