// Records one audit finding (ISO/IEC 27001:2022 clause 9.2): the finding, its trail event and
// the notifications to its owner (and to the audit leads for a major nonconformity) commit in
// one transaction. A repeated submission (Slack retry, double click, re-sent card) returns the
// finding recorded the first time and writes nothing.
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import type { AreaRecord } from '../organisation/types.js';
import type { Tx } from '../ports.js';
import { parseRequirement, requirementKind } from '../catalogue/requirement-references.js';
import { FINDING_FIELDS as F, parseRecordFindingInput } from './finding-schema.js';
import { leadMessage, ownerMessage, requirementLabel, type FindingStory } from './finding-messages.js';
import { findingFields } from './change-finding.js';
import { idYearOfAudit, type AuditForFindings, type FindingRecord } from './types.js';
import { openCorrectiveAction } from '../corrective-actions/open-corrective-action.js';
import type { Actor } from '../shared/actor.js';
import type { PersonRecord } from '../shared/people.js';
import { isNonconformity } from '../shared/classification.js';
import { syncChecklistForFinding } from '../conduct/sync-checklist-for-finding.js';

export interface RecordFindingResult {
  story: FindingStory;
  /** False when this submission had been recorded before and nothing was written now. */
  created: boolean;
}

export const FINDING_RECORDED = 'finding.recorded';

/** The calendar date and year at `at` in `timezone`, e.g. `2027-01-04`. */
export function localDate(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const claimKeyOf = (submissionKey: string): string => `finding.record:${submissionKey}`;

export function recordFinding(core: Core, actor: Actor, input: unknown, submissionKey: string): RecordFindingResult {
  if (submissionKey.trim() === '') throw new AuditbotError('internal', 'A finding submission needs a submission key so that a repeat is recorded once.');
  return core.store.transaction((tx) => {
    const earlier = tx.processed.get(claimKeyOf(submissionKey));
    if (earlier) {
      const finding = earlier.result ? tx.findings.get(earlier.result) : null;
      if (!finding) throw new AuditbotError('conflict', 'This form was already submitted. Open a new one to record another finding.');
      return { story: findingStory(tx, finding), created: false };
    }

    const person = tx.organisation.getPerson(actor.email);
    if (!person || !person.active) {
      throw new AuditbotError('forbidden', `${actor.email} is not an active person in the organisation file, so findings cannot be recorded as them. An admin can add them and re-import the file.`);
    }
    const data = parseRecordFindingInput(input);
    const audit = checkAudit(tx, person, data.auditId);
    const now = core.clock.now();
    const today = localDate(now, core.settings.timezone);
    const errors: Record<string, string> = {};

    const inScope = audit.clauses.includes(data.requirement) || audit.controls.includes(data.requirement);
    const exclusion = requirementKind(data.requirement) === 'control' ? tx.organisation.listApplicability().find((a) => !a.applicable && parseRequirement(a.control, 'control')?.id === data.requirement) : undefined;
    if (exclusion) {
      errors[F.requirement] = `${requirementLabel(data.requirement)} is excluded in the Statement of Applicability ("${exclusion.justification}"), so no finding can be raised against it. If it now applies, update the applicability in the organisation file first.`;
    } else if (!inScope && !data.confirmOutOfScope) {
      errors[F.requirement] = `${data.requirement} is outside the scope of audit ${audit.id}, which covers ${scopeText(audit)}.`;
      errors[F.confirmOutOfScope] = `Tick this box to record the finding against ${data.requirement} outside the audit's scope, or choose a requirement in scope.`;
    }

    const area = chooseArea(tx, audit, data.requirement, data.area);
    if (!area) {
      if (data.area) errors[F.area] = `There is no active area "${data.area}" in the organisation file.`;
      else errors[F.requirement] ??= `No area of the organisation covers ${data.requirement}, and audit ${audit.id} names no area. Add it to an area in the organisation file.`;
    }

    let owner: PersonRecord | null = null;
    let ownerReason = 'the auditor named you';
    if (data.owner) {
      owner = tx.organisation.getPerson(data.owner);
      if (!owner || !owner.active) {
        errors[F.owner] = `Nobody with the e-mail ${data.owner} is active in the organisation file. Choose the owner from the list, or leave it empty for the owner of the control.`;
        owner = null;
      }
    } else if (area) {
      const scoped = area.scope.find((s) => s.requirement === data.requirement);
      const email = scoped?.owner ?? area.owner;
      owner = tx.organisation.getPerson(email);
      ownerReason = scoped ? `you own ${data.requirement} in ${area.name}` : `you own the area ${area.name}`;
      if (!owner || !owner.active) {
        errors[F.owner] = `The owner of ${scoped ? `${data.requirement} in ` : ''}${area.name}, ${email}, is no longer active in the organisation file. Choose who is responsible now.`;
        owner = null;
      }
    }

    // The owner answers for the finding, so they are independent of the audit: never one of its
    // auditors, nor the auditor who raises it.
    if (owner) {
      const which = data.owner ? `${owner.name} (${owner.email})` : `The owner of ${data.requirement}${area ? ` in ${area.name}` : ''}, ${owner.name} (${owner.email}),`;
      const instead = data.owner ? `Choose the person responsible for ${data.requirement}, or leave it empty for its owner.` : 'Choose who else is responsible for it.';
      if (owner.email === person.email) {
        errors[F.owner] = `You are raising this finding, so you cannot also own it: the owner answers for it and an auditor stays independent. ${instead}`;
        owner = null;
      } else if (audit.auditors.some((a) => a.email === owner?.email)) {
        errors[F.owner] = `${which} audits ${audit.id}, so cannot own a finding of it: the owner answers for it and an auditor stays independent. ${instead}`;
        owner = null;
      }
    }

    if (data.dueDate !== undefined) {
      if (!isNonconformity(data.classification)) {
        errors[F.dueDate] = `A due date is for the corrective action of a nonconformity. Leave it empty for ${data.classification === 'observation' ? 'an observation' : 'an opportunity for improvement'}.`;
      } else if (data.dueDate < today) {
        errors[F.dueDate] = `${data.dueDate} is in the past. Choose today (${today}) or a later date.`;
      }
    }

    if (Object.keys(errors).length > 0 || !area || !owner) {
      throw validationError(errors, `The finding was not recorded. ${Object.values(errors).join(' ')}`);
    }

    const year = idYearOfAudit(audit);
    const id = `F-${year}-${String(tx.sequences.next(`finding:${year}`)).padStart(4, '0')}`;
    const finding: FindingRecord = {
      id,
      auditId: audit.id,
      classification: data.classification,
      requirement: data.requirement,
      outOfScope: !inScope,
      statement: data.statement,
      evidence: data.evidence,
      area: area.key,
      owner: owner.email,
      raisedBy: person.email,
      raisedAt: now.toISOString(),
      actionId: null,
      status: 'open',
      statusReason: null,
      supersededBy: null,
      response: null,
      responseReason: null,
      decisionReason: null,
    };
    const dueDate = data.dueDate ?? null;
    tx.findings.insert(finding, dueDate);
    tx.trail.append({ actor: person.email, action: FINDING_RECORDED, subject: `finding:${id}`, after: { ...findingFields(finding), dueDate }, channel: actor.channel });
    // Clause 10.2: a nonconformity opens its corrective action in this same transaction; the
    // owner's message below is also the action's, with its buttons.
    const action = isNonconformity(finding.classification)
      ? openCorrectiveAction(tx, core, finding, { ...(dueDate ? { due: dueDate } : {}), actor: { email: person.email, channel: actor.channel }, tellOwner: false })
      : null;
    if (action) finding.actionId = action.id;
    // The checklist item of the requirement takes the verdict the finding implies (issue 13).
    syncChecklistForFinding(tx, id, { email: person.email, channel: actor.channel, at: now.toISOString() });
    const story: FindingStory = { finding, raisedByName: person.name, ownerName: owner.name, areaName: area.name, ownerReason, dueDate, action: action ? { id: action.id, due: action.due } : null };

    notifyPerson(tx, core, owner, `finding:${id}:owner`, ownerMessage(story));
    if (finding.classification === 'major') {
      // The owner and the auditor already know; everyone else with the lead role is told.
      for (const lead of tx.organisation.listPeople().filter((p) => p.roles.includes('lead') && p.email !== owner.email && p.email !== person.email)) {
        notifyPerson(tx, core, lead, `finding:${id}:lead:${lead.email}`, leadMessage(story));
      }
    }
    tx.processed.claim(claimKeyOf(submissionKey), now.toISOString(), id);
    return { story, created: true };
  });
}

/** The audit must exist, be in progress, and the actor must audit it or be an audit lead. */
function checkAudit(tx: Tx, person: PersonRecord, auditId: string): AuditForFindings {
  const audit = tx.findings.getAudit(auditId);
  if (!audit) {
    throw validationError({ [F.auditId]: `There is no audit ${auditId}. Choose one of your audits in progress.` });
  }
  const assigned = audit.auditors.some((a) => a.email === person.email);
  if (!assigned && !person.roles.includes('lead')) {
    const auditors = audit.auditors.map((a) => a.email).join(', ');
    throw new AuditbotError('forbidden', `You are not an auditor of ${audit.id}.`, {
      [F.auditId]: `You are not an auditor of ${audit.id}, so you cannot record findings on it${auditors ? ` (its auditors: ${auditors})` : ''}. An audit lead can assign you, or record the finding.`,
    });
  }
  if (audit.status !== 'in_progress') {
    const why =
      audit.status === 'planned'
        ? `is planned to start on ${audit.start.slice(0, 10)} and has not started yet`
        : audit.status === 'reporting'
          ? 'has moved on to reporting'
          : 'is closed';
    throw new AuditbotError('illegal_transition', `Audit ${audit.id} ${why}.`, {
      [F.auditId]: `Audit ${audit.id} ${why}. Findings are recorded while an audit is in progress; choose an audit in progress${audit.status === 'planned' ? ', or ask an audit lead to start this one' : ''}.`,
    });
  }
  return audit;
}

function scopeText(audit: AuditForFindings): string {
  const list = [...audit.clauses, ...audit.controls];
  if (list.length === 0) return 'no clause or control';
  return list.length <= 8 ? list.join(', ') : `${list.slice(0, 8).join(', ')} and ${list.length - 8} more`;
}

/**
 * The area a finding is filed under: the one named, else the audit's area whose scope holds the
 * requirement, else any active area that holds it (an out-of-scope finding), else the audit's
 * first area.
 */
function chooseArea(tx: Tx, audit: AuditForFindings, requirement: string, named: string | undefined): AreaRecord | null {
  if (named) {
    const area = tx.organisation.getArea(named);
    return area && area.active ? area : null;
  }
  const active = tx.organisation.listAreas();
  const holds = (a: AreaRecord) => a.scope.some((s) => s.requirement === requirement);
  return (
    active.find((a) => audit.areas.includes(a.key) && holds(a)) ??
    active.find(holds) ??
    audit.areas.map((k) => active.find((a) => a.key === k)).find((a): a is AreaRecord => a !== undefined) ??
    null
  );
}

/** Rebuilds what the messages say about a finding recorded earlier (for a repeated submission). */
export function findingStory(tx: Tx, finding: FindingRecord): FindingStory {
  const raisedBy = tx.organisation.getPerson(finding.raisedBy);
  const owner = tx.organisation.getPerson(finding.owner);
  const area = tx.organisation.getArea(finding.area);
  return {
    finding,
    raisedByName: raisedBy?.name ?? finding.raisedBy,
    ownerName: owner?.name ?? finding.owner,
    areaName: area?.name ?? finding.area,
    ownerReason: 'you are responsible for it',
    dueDate: tx.findings.proposedDue(finding.id),
    action: actionOf(tx, finding),
  };
}

function actionOf(tx: Tx, finding: FindingRecord): FindingStory['action'] {
  const action = finding.actionId ? tx.actions.get(finding.actionId) : null;
  return action ? { id: action.id, due: action.due } : null;
}
