// A third minor nonconformity against the same requirement in the same area within one audit
// cycle is flagged to the audit leads as a possible major nonconformity: repeated minor
// failures of one control can amount to the control failing as a whole. The flag is raised
// once per cycle, area and requirement (a `reminders` row), however many more minors follow.
import type { Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import type { Tx } from '../ports.js';
import { activeLeads } from './action-access.js';
import { possibleMajorMessage } from './action-messages.js';
import type { FindingOfAction } from './types.js';
import type { Actor } from '../shared/actor.js';

export const REPEATED_MINORS = 3;
export const FINDING_POSSIBLE_MAJOR = 'finding.possible_major';

/** Returns true when this finding raised the flag now. */
export function flagRepeatedMinor(tx: Tx, core: Core, finding: FindingOfAction, actor: Actor): boolean {
  if (finding.classification !== 'minor') return false;
  const audit = tx.programme.getAudit(finding.auditId);
  if (!audit) return false;
  const inCycle = new Set(tx.programme.listAudits({ cycle: audit.cycle }).map((a) => a.id));
  const minors = tx.findings
    .list()
    .filter((f) => f.status === 'open' && f.classification === 'minor' && f.area === finding.area && f.requirement === finding.requirement && inCycle.has(f.auditId));
  if (minors.length < REPEATED_MINORS) return false;
  const subject = `repeat:${audit.cycle}:${finding.area}:${finding.requirement}`;
  const at = core.clock.now().toISOString();
  if (!tx.reminders.record(subject, 'possible-major', at)) return false;

  const area = tx.organisation.getArea(finding.area);
  const leads = activeLeads(tx);
  tx.trail.append({
    actor: actor.email,
    action: FINDING_POSSIBLE_MAJOR,
    subject: `finding:${finding.id}`,
    after: { cycle: audit.cycle, area: finding.area, requirement: finding.requirement, findings: minors.map((f) => f.id), told: leads.map((l) => l.email) },
    channel: actor.channel,
  });
  const message = possibleMajorMessage({
    requirement: finding.requirement,
    areaName: area?.name ?? finding.area,
    cycle: audit.cycle,
    findings: minors.map((f) => ({ id: f.id, auditId: f.auditId, raisedAt: f.raisedAt })),
  });
  for (const lead of leads) notifyPerson(tx, core, lead, `finding:possible-major:${audit.cycle}:${finding.area}:${finding.requirement}:${lead.email}`, message);
  return true;
}
