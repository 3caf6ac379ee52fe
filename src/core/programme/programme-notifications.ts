// What auditors and leads are told about the programme. Plain, short, constructive: what is
// asked, why it matters, what to do next and by when.
import type { Block, Message } from '../message.js';
import { localDateOf } from './programme-calendar.js';
import type { AssignmentRationale, AuditRecord, AuditorRole, ExcludedPerson } from './types.js';

export const roleName = (role: AuditorRole): string => (role === 'lead' ? 'lead auditor' : 'second auditor');

export const windowText = (audit: Pick<AuditRecord, 'start' | 'end'>, timeZone: string): string =>
  `${localDateOf(audit.start, timeZone)} to ${localDateOf(audit.end, timeZone)}`;

const scopeFields = (audit: AuditRecord, timeZone: string, areaNames: ReadonlyMap<string, string>) => [
  { label: 'Audit', value: audit.id },
  { label: 'Window', value: windowText(audit, timeZone) },
  { label: 'Areas', value: audit.areas.map((k) => `${areaNames.get(k) ?? k} (${k})`).join(', ') },
  { label: 'Clauses', value: audit.clauses.length > 0 ? audit.clauses.join(', ') : 'none' },
  { label: 'Controls', value: audit.controls.length > 0 ? audit.controls.join(', ') : 'none' },
  { label: 'Criteria', value: audit.criteria.join('; ') },
];

export function assignedMessage(audit: AuditRecord, role: AuditorRole, rationale: AssignmentRationale, timeZone: string, areaNames: ReadonlyMap<string, string>): Message {
  const window = windowText(audit, timeZone);
  const blocks: Block[] = [
    { type: 'text', text: `You are the ${roleName(role)} of internal audit ${audit.id}, planned for ${window}. Please keep this window free; the audit starts on its first day.` },
    { type: 'fields', fields: scopeFields(audit, timeZone, areaNames) },
  ];
  if (rationale.exception) {
    blocks.push({
      type: 'list',
      title: 'Independence exception recorded by the audit lead',
      items: [
        `Not independent: ${(rationale.violations ?? []).map((v) => v.detail).join('; ')}`,
        `Justification: ${rationale.exception.justification}`,
        `Recorded by ${rationale.exception.by}`,
      ],
    });
    blocks.push({ type: 'context', text: 'You are not independent of part of this scope. The exception is shown wherever the audit is shown; take extra care to record objective evidence.' });
  } else {
    blocks.push({ type: 'list', title: 'Why you count as independent of it', items: rationale.independence });
    blocks.push({ type: 'context', text: 'If any of this is wrong (you own part of the scope, or work in the owning team), tell the audit lead so they can reassign it.' });
  }
  return { summary: `You are the ${roleName(role)} of internal audit ${audit.id} (${audit.areas.join(', ')}), ${window}.`, title: `Internal audit ${audit.id}`, blocks };
}

export function releasedMessage(audit: AuditRecord, role: AuditorRole, timeZone: string, replacement: string | null): Message {
  const window = windowText(audit, timeZone);
  const text = `You are no longer the ${roleName(role)} of internal audit ${audit.id} (${audit.areas.join(', ')}, ${window})${replacement ? `; ${replacement} takes it over` : ''}. Nothing more is needed from you for it.`;
  return { summary: text, title: `Internal audit ${audit.id}`, blocks: [{ type: 'text', text }] };
}

export function needsExternalMessage(audit: AuditRecord, timeZone: string, excluded: readonly ExcludedPerson[]): Message {
  const window = windowText(audit, timeZone);
  return {
    summary: `No internal auditor is independent of ${audit.id} (${audit.areas.join(', ')}, ${window}): it needs an external auditor.`,
    title: `${audit.id} needs an external auditor`,
    blocks: [
      { type: 'text', text: `Nobody with the auditor role is independent of internal audit ${audit.id} (${audit.areas.join(', ')}), planned for ${window}. Add an external auditor to the organisation file and plan again, or assign someone with a written justification.` },
      { type: 'list', title: 'Who was excluded and why', items: excluded.map((e) => `${e.email}: ${e.exclusions.map((x) => x.detail).join('; ')}`) },
      { type: 'context', text: `To record an exception: auditbot audit assign ${audit.id} --to <email> --justification "<why>"` },
    ],
  };
}

export function waitingForAuditorMessage(audit: AuditRecord, timeZone: string): Message {
  const text = `Internal audit ${audit.id} (${audit.areas.join(', ')}) was due to start on ${localDateOf(audit.start, timeZone)} but has no lead auditor, so it has not started. Assign one (audit assign ${audit.id} <email> <justification>) and start it with "audit start ${audit.id}".`;
  return { summary: text, title: `${audit.id} cannot start yet`, blocks: [{ type: 'text', text }] };
}

export function startedMessage(audit: AuditRecord, role: AuditorRole, timeZone: string): Message {
  const text = `Internal audit ${audit.id} (${audit.areas.join(', ')}) has started; you are its ${roleName(role)}. The window runs to ${localDateOf(audit.end, timeZone)}.`;
  return { summary: text, title: `${audit.id} has started`, blocks: [{ type: 'text', text }, { type: 'context', text: `Scope: ${[...audit.clauses, ...audit.controls].join(', ') || 'the areas as a whole'}` }] };
}

export function missedWindowMessage(audit: AuditRecord, timeZone: string): Message {
  const text = `Internal audit ${audit.id} (${audit.areas.join(', ')}) was not started in its window (${localDateOf(audit.start, timeZone)} to ${localDateOf(audit.end, timeZone)}), which has ended, so it was not started now. Re-plan it, or start it deliberately with "audit start ${audit.id}".`;
  return { summary: text, title: `${audit.id} missed its window`, blocks: [{ type: 'text', text }] };
}
