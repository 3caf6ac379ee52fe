// What people are told when a recorded finding changes, and how one finding or a list of them
// reads (issue 14.1). Objective, like every finding message (docs/architecture.md "Voice").
import type { Block, Message } from '../message.js';
import { CLASSIFICATION_LABELS } from '../shared/classification.js';
import { formatDate } from '../shared/working-time.js';
import type { ChangedFinding } from './change-finding.js';
import { requirementLabel } from './finding-messages.js';
import type { FindingRecord } from './types.js';

const FIELD_LABELS: Record<string, string> = { statement: 'Statement', evidence: 'Evidence', requirement: 'Requirement', classification: 'Classification' };

const shown = (key: string, value: unknown): string =>
  key === 'classification' ? CLASSIFICATION_LABELS[value as FindingRecord['classification']] : key === 'requirement' ? requirementLabel(String(value)) : String(value);

/** "Classification: minor nonconformity → major nonconformity", one line per changed field. */
export const changeLines = (r: ChangedFinding): string[] =>
  r.changed.map((k) => `${FIELD_LABELS[k] ?? k}: ${shown(k, r.before[k as keyof FindingRecord])} → ${shown(k, r.finding[k as keyof FindingRecord])}`);

/** To the owner, when an auditor amends a finding on what they own. */
export function amendedMessage(r: ChangedFinding, byName: string, reason: string | null): Message {
  const f = r.finding;
  return {
    summary: `${byName} amended finding ${f.id} (${r.changed.map((k) => (FIELD_LABELS[k] ?? k).toLowerCase()).join(', ')}).`,
    title: `Finding ${f.id} amended`,
    blocks: [
      { type: 'text', text: `${byName} amended finding ${f.id} of audit ${f.auditId}, which you own.${reason ? ` Reason: ${reason}` : ''}` },
      { type: 'list', title: 'What changed', items: changeLines(r) },
      { type: 'context', text: `Type "finding show ${f.id}" to see it in full, or "finding dispute ${f.id} <reason>" if you do not agree with it.` },
    ],
  };
}

/** To the owner, when an auditor withdraws a finding on what they own. */
export function withdrawnMessage(f: FindingRecord, byName: string, actionId: string | null): Message {
  return {
    summary: `${byName} withdrew finding ${f.id}. Nothing more is needed from you on it.`,
    title: `Finding ${f.id} withdrawn`,
    blocks: [
      { type: 'text', text: `${byName} withdrew finding ${f.id} (${CLASSIFICATION_LABELS[f.classification]} against ${requirementLabel(f.requirement)}, audit ${f.auditId}). Reason: ${f.statusReason ?? ''}` },
      { type: 'context', text: actionId ? `Its corrective action ${actionId} is withdrawn with it: nothing more is needed from you.` : 'Nothing more is needed from you on it.' },
    ],
  };
}

/** The answer to the auditor who amended or withdrew. */
export function changeReply(r: ChangedFinding, extra: string[]): Message {
  const f = r.finding;
  const text = f.status === 'withdrawn' ? `Finding ${f.id} is withdrawn.` : `Finding ${f.id} is amended.`;
  return {
    summary: [text, ...extra].join(' '),
    blocks: [{ type: 'text', text: [text, ...extra].join(' ') }, ...(f.status === 'withdrawn' ? [] : [{ type: 'list' as const, title: 'What changed', items: changeLines(r) }])],
  };
}

export interface FindingDetail {
  finding: FindingRecord;
  ownerName: string;
  raisedByName: string;
  areaName: string;
  action: { id: string; status: string; due: string; target: string | null } | null;
  history: { at: string; actor: string; what: string }[];
}

/** `finding show <id>`: the statement, requirement, evidence, classification, owner, action and history. */
export function findingDetailMessage(d: FindingDetail): Message {
  const f = d.finding;
  const status = f.status === 'open' ? 'open' : `${f.status}: ${f.statusReason ?? ''}`;
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Finding', value: f.id },
        { label: 'Classification', value: CLASSIFICATION_LABELS[f.classification] },
        { label: 'Requirement', value: requirementLabel(f.requirement) + (f.outOfScope ? ' (outside the audit scope)' : '') },
        { label: 'Audit', value: f.auditId },
        { label: 'Area', value: d.areaName },
        { label: 'Owner', value: `${d.ownerName} (${f.owner})` },
        { label: 'Raised by', value: `${d.raisedByName} (${f.raisedBy})` },
        { label: 'Status', value: status },
        { label: "Owner's answer", value: f.response === null ? 'not yet' : f.response === 'disputed' ? `disputed: ${f.responseReason ?? ''}` : f.response === 'upheld' ? `upheld by the lead after a dispute: ${f.decisionReason ?? ''}` : f.response },
        {
          label: 'Corrective action',
          value: d.action ? `${d.action.id}, ${d.action.status}, due ${formatDate(d.action.due)}${d.action.target ? `, target ${formatDate(d.action.target)}` : ''}` : 'none',
        },
      ],
    },
    { type: 'text', text: `Statement: ${f.statement}` },
    { type: 'text', text: `Evidence: ${f.evidence}` },
    { type: 'list', title: 'History', items: d.history.map((h) => `${h.at.slice(0, 16).replace('T', ' ')} ${h.actor}: ${h.what}`) },
  ];
  return { summary: `Finding ${f.id}: ${CLASSIFICATION_LABELS[f.classification]} against ${f.requirement} (${status}).`, title: `Finding ${f.id}`, blocks };
}

/** `findings [audit|area|status]`: the findings the person may see, newest first. */
export function findingsListMessage(list: FindingRecord[], filterText: string): Message {
  if (list.length === 0) {
    const text = `No findings${filterText ? ` for ${filterText}` : ''} that you may see.`;
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  const LISTED = 30;
  const latest = [...list].reverse();
  return {
    summary: `${list.length} finding${list.length === 1 ? '' : 's'}${filterText ? ` for ${filterText}` : ''}.`,
    title: 'Findings',
    blocks: [
      {
        type: 'list',
        items: latest.slice(0, LISTED).map((f) => `${f.id} · ${CLASSIFICATION_LABELS[f.classification]} against ${f.requirement} (${f.auditId}, ${f.area}), owner ${f.owner}${f.status === 'open' ? '' : `, ${f.status}`}`),
        more: Math.max(0, latest.length - LISTED),
        moreHint: 'Narrow it with "findings <audit id>", "findings <area>" or "findings open".',
      },
      { type: 'context', text: 'Type "finding show <id>" for one finding in full.' },
    ],
  };
}

/** To the audit's lead, when the owner disputes a finding. */
export function disputedMessage(f: FindingRecord, ownerName: string): Message {
  return {
    summary: `${ownerName} disputes finding ${f.id}. Please decide: uphold, amend or withdraw it.`,
    title: `Finding ${f.id} disputed`,
    blocks: [
      { type: 'text', text: `${ownerName} disputes finding ${f.id} (${CLASSIFICATION_LABELS[f.classification]} against ${requirementLabel(f.requirement)}, audit ${f.auditId}). Their reason: ${f.responseReason ?? ''}` },
      { type: 'text', text: `What was recorded: ${f.statement}` },
      { type: 'context', text: `Decide with "finding uphold ${f.id} <reason>", "finding amend ${f.id}" or "finding withdraw ${f.id} <reason>". The owner is told.` },
    ],
  };
}

/** To the owner, when the lead upholds a disputed finding. */
export function upheldMessage(f: FindingRecord, leadName: string): Message {
  return {
    summary: `${leadName} upheld finding ${f.id}: it stands as recorded.`,
    title: `Finding ${f.id} upheld`,
    blocks: [
      { type: 'text', text: `${leadName} considered your dispute of finding ${f.id} and upheld it: it stands as recorded. Reason: ${f.decisionReason ?? ''}` },
      { type: 'context', text: f.actionId ? `Its corrective action ${f.actionId} goes on as planned. Type "action ${f.actionId}" to see it.` : `Type "finding show ${f.id}" to see it.` },
    ],
  };
}

/** "mine": the disputes a lead must decide. */
export function disputesSection(list: FindingRecord[]): Message {
  return {
    summary: `Disputes to decide: ${list.length}.`,
    title: 'Disputed findings waiting for your decision',
    blocks: [
      { type: 'list', items: list.map((f) => `${f.id} (${f.auditId}) disputed by ${f.owner}: ${f.responseReason ?? ''}`) },
      { type: 'context', text: 'Decide with "finding uphold <id> <reason>", "finding amend <id>" or "finding withdraw <id> <reason>".' },
    ],
  };
}
