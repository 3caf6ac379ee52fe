// The finding form, described once for every platform: Slack renders it as a modal, Teams as
// an Adaptive Card, the console asks for each field in turn. Field ids are the keys of the
// field errors `recordFinding` reports (FINDING_FIELDS).
import type { Core } from '../context.js';
import type { Form, FormOption, Message } from '../message.js';
import { FINDING_FIELDS as F, MAX_TEXT } from './finding-schema.js';
import { CLASSIFICATION_OPTIONS, type AuditForFindings } from './types.js';
import type { Actor } from '../shared/actor.js';

export const FINDING_FORM_ID = 'finding.record';

/** Option text stays short: Slack cuts option labels at 75 characters. */
function auditOption(audit: AuditForFindings, areaNames: Map<string, string>): FormOption {
  const areas = audit.areas.map((k) => areaNames.get(k) ?? k).join(', ');
  const label = `${audit.id}${areas ? ` · ${areas}` : ''} (until ${audit.end.slice(0, 10)})`;
  return { value: audit.id, label: label.length <= 75 ? label : `${label.slice(0, 74)}…` };
}

/**
 * The form to record a finding, offering the audits in progress the actor may record on (their
 * own; every one for an audit lead). Someone with no such audit gets a message saying so.
 */
/**
 * `auditId` and `requirement` pre-fill the form when it is opened from a checklist item.
 */
export function buildFindingForm(core: Core, actor: Actor, opts: { prefillStatement?: string; auditId?: string; requirement?: { value: string; label: string } } = {}): Form | Message {
  const { person, audits, areaNames, leads } = core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(actor.email);
    const isLead = person?.active === true && person.roles.includes('lead');
    return {
      person,
      audits: !person?.active ? [] : isLead ? tx.findings.listAuditsInProgress() : tx.findings.listAuditsInProgressFor(person.email),
      areaNames: new Map(tx.organisation.listAreas().map((a) => [a.key, a.name])),
      leads: tx.organisation.listPeople().filter((p) => p.roles.includes('lead')),
    };
  });
  if (!person || !person.active) {
    const text = `${actor.email} is not an active person in the organisation file, so findings cannot be recorded as them. An admin can add them and re-import the file.`;
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  if (audits.length === 0) {
    const who = leads.length > 0 ? leads.map((l) => `${l.name} (${l.email})`).join(', ') : 'your audit lead';
    const text = 'You have no audit in progress, so there is nothing to record a finding on yet. Findings are recorded during an audit you are assigned to.';
    return {
      summary: text,
      title: 'No audit in progress',
      blocks: [
        { type: 'text', text },
        { type: 'context', text: `If you expected one, ask ${who}: an audit starts on its planned date, or when a lead starts it.` },
      ],
    };
  }
  const prefill = opts.prefillStatement?.trim();
  const only = audits.find((a) => a.id === opts.auditId) ?? (audits.length === 1 ? audits[0] : undefined);
  return {
    id: FINDING_FORM_ID,
    title: 'Record a finding',
    submitLabel: 'Record finding',
    intro: 'Record what you saw, against which requirement, and the objective evidence behind it. The owner is told once you submit.',
    fields: [
      {
        id: F.auditId,
        label: 'Audit',
        type: 'select',
        required: true,
        options: audits.map((a) => auditOption(a, areaNames)),
        ...(only ? { initial: only.id } : {}),
      },
      { id: F.classification, label: 'Classification', type: 'select', required: true, options: CLASSIFICATION_OPTIONS },
      {
        id: F.requirement,
        label: 'Requirement',
        hint: 'A clause such as 9.2 or an Annex A control such as A.5.15; search by number or by words.',
        type: 'search',
        source: 'requirement',
        required: true,
        ...(opts.requirement ? { initial: opts.requirement } : {}),
      },
      {
        id: F.confirmOutOfScope,
        label: 'Outside the audit scope',
        type: 'checkbox',
        text: "Record it even though the requirement is outside this audit's scope",
        required: false,
      },
      {
        id: F.statement,
        label: 'Statement',
        hint: 'What was seen, stated objectively.',
        type: 'textarea',
        required: true,
        maxLength: MAX_TEXT,
        ...(prefill ? { initial: prefill } : {}),
      },
      {
        id: F.evidence,
        label: 'Objective evidence',
        hint: 'What you looked at: records, documents, interviews, system settings.',
        type: 'textarea',
        required: true,
        maxLength: MAX_TEXT,
      },
      {
        id: F.owner,
        label: 'Owner',
        hint: 'Leave empty for the owner of the control or clause in the area.',
        type: 'search',
        source: 'person',
        required: false,
      },
      {
        id: F.dueDate,
        label: 'Proposed due date',
        hint: 'For nonconformities: when the corrective action should be done.',
        type: 'date',
        required: false,
      },
    ],
  };
}

export const isForm = (reply: Form | Message): reply is Form => 'fields' in reply;
