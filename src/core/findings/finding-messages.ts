// What people are told about a finding. Findings are recorded objectively (docs/architecture.md "Voice"):
// what was seen, against which requirement, with which evidence, and what happens next. The
// audit exists to improve, so nothing here judges the person.
import { openActionButton, ownerButtons } from '../corrective-actions/action-ids.js';
import { formatDate } from '../shared/working-time.js';
import type { Message } from '../message.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import { type FindingRecord } from './types.js';
import { CLASSIFICATION_LABELS, isNonconformity } from '../shared/classification.js';

/** Names and reasons the messages need beside the stored finding. */
export interface FindingStory {
  finding: FindingRecord;
  raisedByName: string;
  ownerName: string;
  areaName: string;
  /** Why this person is the owner, as a clause: "you own A.5.15 in Identity and access management". */
  ownerReason: string;
  dueDate: string | null;
  /** The corrective action opened with a nonconformity (or later, by choice, on an OFI). */
  action?: { id: string; due: string } | null;
}

const article = (label: string): string => (/^[aeiou]/.test(label) ? 'an' : 'a');

export const requirementLabel = (id: string): string => {
  const title = requirementTitle(id);
  return title ? `${id} ${title}` : id;
};

function nextSteps(s: FindingStory): string {
  switch (s.finding.classification) {
    case 'major':
    case 'minor':
      return (
        'What happens next: a nonconformity needs a corrective action (ISO/IEC 27001 clause 10.2): a correction, the root cause and an action plan' +
        (s.dueDate ? `, proposed for completion by ${s.dueDate}` : '') +
        (s.action
          ? `. Corrective action ${s.action.id} is open for you, due ${formatDate(s.action.due)}: please plan it within 5 working days with the Plan button below.`
          : '. You will be asked for these separately; no reply to this message is needed.')
      );
    case 'ofi':
      return 'What happens next: no corrective action is required. Please consider the suggestion when you next review this area; the auditor may ask about it at the next audit.';
    case 'observation':
      return 'What happens next: nothing is required from you. The observation goes into the audit report.';
  }
}

function detailFields(s: FindingStory): { label: string; value: string }[] {
  const f = s.finding;
  return [
    { label: 'Finding', value: f.id },
    { label: 'Classification', value: CLASSIFICATION_LABELS[f.classification] },
    { label: 'Requirement', value: requirementLabel(f.requirement) + (f.outOfScope ? ' (outside the audit scope)' : '') },
    { label: 'Area', value: s.areaName },
    { label: 'Audit', value: f.auditId },
    ...(s.dueDate ? [{ label: 'Proposed due date', value: s.dueDate }] : []),
  ];
}

/** To the owner of the area or control the finding concerns. */
export function ownerMessage(s: FindingStory): Message {
  const f = s.finding;
  const label = CLASSIFICATION_LABELS[f.classification];
  return {
    summary: `${s.raisedByName} recorded ${article(label)} ${label} (${f.id}) against ${f.requirement} in audit ${f.auditId}. You are named as the owner.`,
    title: `Finding ${f.id}: ${label} against ${f.requirement}`,
    blocks: [
      {
        type: 'text',
        text: `During internal audit ${f.auditId}, ${s.raisedByName} recorded ${article(label)} ${label} against ${requirementLabel(f.requirement)} in ${s.areaName}. You are named as the owner because ${s.ownerReason}.`,
      },
      { type: 'fields', fields: detailFields(s) },
      { type: 'text', text: `What was seen: ${f.statement}` },
      { type: 'text', text: `Evidence: ${f.evidence}` },
      { type: 'text', text: nextSteps(s) },
      ...(s.action && isNonconformity(f.classification) ? [{ type: 'buttons' as const, buttons: ownerButtons(s.action.id, 'open') }] : []),
      {
        type: 'context',
        text: `Internal audits look for ways to improve the ISMS, not for someone to blame. If something here is inaccurate, tell ${s.raisedByName} (${f.raisedBy}) while the audit is in progress.`,
      },
    ],
  };
}

/** To every audit lead, for a major nonconformity only. */
export function leadMessage(s: FindingStory): Message {
  const f = s.finding;
  return {
    summary: `Major nonconformity ${f.id} recorded in audit ${f.auditId} against ${f.requirement}; owner ${f.owner}.`,
    title: `Major nonconformity ${f.id} in ${f.auditId}`,
    blocks: [
      {
        type: 'text',
        text: `${s.raisedByName} recorded a major nonconformity against ${requirementLabel(f.requirement)} in ${s.areaName} during audit ${f.auditId}. The owner, ${s.ownerName} (${f.owner}), has been told. You are told as audit lead because a major nonconformity stands in the way of certification until it is corrected.`,
      },
      { type: 'fields', fields: [...detailFields(s), { label: 'Owner', value: `${s.ownerName} (${f.owner})` }] },
      { type: 'text', text: `What was seen: ${f.statement}` },
      { type: 'text', text: `Evidence: ${f.evidence}` },
    ],
  };
}

/** To the auditor who recorded it; the same answer when a repeated submission finds it recorded. */
export function confirmationMessage(s: FindingStory, repeated: boolean): Message {
  const f = s.finding;
  const label = CLASSIFICATION_LABELS[f.classification];
  const told = f.classification === 'major' ? `${s.ownerName} (${f.owner}) and the audit leads have been told.` : `${s.ownerName} (${f.owner}) has been told as the owner.`;
  return {
    summary: `Finding ${f.id} recorded: ${label} against ${f.requirement} in audit ${f.auditId}.`,
    title: `Finding ${f.id} recorded`,
    blocks: [
      { type: 'text', text: `Recorded ${f.id}: ${article(label)} ${label} against ${requirementLabel(f.requirement)} in ${s.areaName}. ${told}` },
      { type: 'fields', fields: [...detailFields(s), { label: 'Owner', value: `${s.ownerName} (${f.owner})` }] },
      ...(isNonconformity(f.classification)
        ? [
            {
              type: 'context' as const,
              text: s.action
                ? `As a nonconformity it needs a corrective action: ${s.action.id} is open for ${s.ownerName}, due ${formatDate(s.action.due)}. You will be asked to verify it once it is implemented.`
                : 'As a nonconformity it needs a corrective action; the owner will be asked for it.',
            },
          ]
        : []),
      ...(f.classification === 'ofi' && !s.action
        ? [
            { type: 'context' as const, text: 'An opportunity for improvement needs no corrective action, but you can open one if it should be tracked to closure.' },
            { type: 'buttons' as const, buttons: [openActionButton(f.id)] },
          ]
        : []),
      ...(repeated ? [{ type: 'context' as const, text: 'This form had already been submitted; the finding was recorded once.' }] : []),
    ],
  };
}
