// The evidence forms, described once for every platform (Slack modal, Teams Adaptive Card,
// console questions). Each builder checks first that the person may act on the request, and
// answers with a plain message instead of a form when they may not, so nobody fills in a form
// only to be refused. Field ids are the keys of the field errors the use cases report.
import type { Core } from '../context.js';
import { isAuditbotError } from '../errors.js';
import { isForm, type Form, type FormOption, type Message } from '../message.js';
import type { Tx } from '../ports.js';
import { auditorsOf, isAuditorOf, isLeadFor, loadRequest, requireOwner, statusSentence, submittedBy } from './evidence-access.js';
import { EVIDENCE_FORMS } from './evidence-ids.js';
import { evidenceHint } from './evidence-hints.js';
import { requestText } from './evidence-messages.js';
import { EVIDENCE_FIELDS as F, MAX_SNOOZE_DAYS, MAX_SNOOZES, MAX_TEXT } from './evidence-schema.js';
import { MORE_DEFAULT_WORKING_DAYS } from './review-evidence.js';
import { requestLabel, type EvidenceRequestRecord } from './types.js';
import { addWorkingDays, formatDate } from '../shared/working-time.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, todayFor, workingHoursFor } from '../shared/people.js';
import { MAX_LINKS_TEXT } from '../shared/links-schema.js';

export { isForm };

const say = (text: string): Message => ({ summary: text, blocks: [{ type: 'text', text }] });

const awaitingOwner = (r: EvidenceRequestRecord): boolean => r.status === 'requested' || r.status === 'more_requested';

/** Runs `build` in a transaction; a refusal (not the owner, no such request) becomes a message. */
function guarded(core: Core, build: (tx: Tx) => Form | Message): Form | Message {
  try {
    return core.store.transaction(build);
  } catch (e) {
    if (isAuditbotError(e)) return say(e.message);
    throw e;
  }
}

export function submitEvidenceForm(core: Core, actor: Actor, requestId: number): Form | Message {
  return guarded(core, (tx) => {
    const person = activePerson(tx, actor.email);
    const r = loadRequest(tx, person, requestId);
    requireOwner(person, r);
    if (isAuditorOf(tx, person.email, r.auditId)) {
      return say(`You audit ${r.auditId}, so you cannot provide its evidence: evidence comes from people independent of the audit. Ask an audit lead to pass ${requestLabel(r.id)} to the person responsible for ${r.requirement}.`);
    }
    if (r.status === 'accepted' || r.status === 'withdrawn') return say(`${statusSentence(r)}, so no more evidence is needed. Thank you.`);
    const asked = r.status === 'more_requested' && r.comment ? ` The auditor asked for: ${r.comment}` : '';
    const replacing = r.status === 'submitted' ? ' What you submit now replaces the links you sent before.' : '';
    return {
      id: EVIDENCE_FORMS.submit,
      title: 'Submit evidence',
      submitLabel: 'Submit',
      intro: `${requestText(r)}, audit ${r.auditId}, due ${formatDate(r.due)}. Good evidence: ${evidenceHint(r.requirement)}.${asked}${replacing}`,
      fields: [
        {
          id: F.links,
          label: 'Links to the evidence',
          hint: 'One link per line, each starting with https:// (or http://): documents, tickets, reports or screenshots the auditors can open.',
          required: true,
          type: 'textarea',
          maxLength: MAX_LINKS_TEXT,
          placeholder: 'https://',
          ...(r.links.length > 0 ? { initial: r.links.join('\n') } : {}),
        },
        {
          id: F.note,
          label: 'Note for the auditors',
          hint: 'Optional: what the links show, or where to look.',
          required: false,
          type: 'textarea',
          maxLength: MAX_TEXT,
          ...(r.note ? { initial: r.note } : {}),
        },
      ],
      context: { requestId: String(r.id) },
    };
  });
}

export function snoozeEvidenceForm(core: Core, actor: Actor, requestId: number): Form | Message {
  return guarded(core, (tx) => {
    const person = activePerson(tx, actor.email);
    const r = loadRequest(tx, person, requestId);
    requireOwner(person, r);
    if (!awaitingOwner(r)) return say(`${statusSentence(r)}, so there is nothing to snooze.`);
    if (r.snoozeCount >= MAX_SNOOZES) {
      return say(`${requestLabel(r.id)} has been snoozed ${MAX_SNOOZES} times already, the most allowed. Please share what you have now (you can add more later), or tell the auditors what is holding it up.`);
    }
    const today = todayFor(tx, core, person);
    const from = r.due > today ? r.due : today;
    const options: FormOption[] = [];
    for (let d = 1; d <= MAX_SNOOZE_DAYS; d++) {
      options.push({ value: String(d), label: `${d} working day${d === 1 ? '' : 's'} (due ${formatDate(addWorkingDays(from, d, workingHoursFor(tx, core, person)))})` });
    }
    const left = MAX_SNOOZES - r.snoozeCount;
    return {
      id: EVIDENCE_FORMS.snooze,
      title: 'Snooze request',
      submitLabel: 'Snooze',
      intro: `${requestText(r)} is due ${formatDate(r.due)}. Snoozing moves the due date, and the reminders with it. You can snooze this request ${left === 1 ? 'once more' : `${left} more times`}.`,
      fields: [{ id: F.days, label: 'Move the due date by', required: true, type: 'select', options, initial: '1' }],
      context: { requestId: String(r.id) },
    };
  });
}

export function notMineForm(core: Core, actor: Actor, requestId: number): Form | Message {
  return guarded(core, (tx) => {
    const person = activePerson(tx, actor.email);
    const r = loadRequest(tx, person, requestId);
    requireOwner(person, r);
    if (!awaitingOwner(r)) return say(`${statusSentence(r)}, so it cannot be handed back now. Tell the auditors if something is wrong.`);
    if (r.notMineReason) return say(`You already told the audit lead that ${requestLabel(r.id)} is not yours. They will reassign it.`);
    return {
      id: EVIDENCE_FORMS.notMine,
      title: 'Not mine',
      submitLabel: 'Tell the lead',
      intro: `${requestText(r)}, audit ${r.auditId}. The audit lead will pass it to its owner, and the reminders to you stop.`,
      fields: [
        {
          id: F.reason,
          label: 'Why is it not yours?',
          hint: 'Who owns it, if you know. This helps the lead pass it on quickly.',
          required: true,
          type: 'textarea',
          maxLength: MAX_TEXT,
        },
      ],
      context: { requestId: String(r.id) },
    };
  });
}

export function requestMoreForm(core: Core, actor: Actor, requestId: number): Form | Message {
  return guarded(core, (tx) => {
    const person = activePerson(tx, actor.email);
    const r = loadRequest(tx, person, requestId);
    if (!auditorsOf(tx, r.auditId).some((a) => a.email === person.email)) return say(`Only the auditors of ${r.auditId} can review its evidence.`);
    if (r.status !== 'submitted') return say(`${statusSentence(r)}, so there is nothing to review.`);
    if (person.email === r.owner) return say(`You own ${requestLabel(r.id)}, so another auditor of ${r.auditId} must review it.`);
    if (submittedBy(tx, r, person.email)) {
      return say(`You submitted evidence for ${requestLabel(r.id)}, so you cannot review it: another auditor of ${r.auditId}, or an audit lead, reviews it.`);
    }
    const owner = tx.organisation.getPerson(r.owner);
    const due = addWorkingDays(todayFor(tx, core, owner), MORE_DEFAULT_WORKING_DAYS, workingHoursFor(tx, core, owner));
    return {
      id: EVIDENCE_FORMS.more,
      title: 'Request more evidence',
      submitLabel: 'Send to owner',
      intro: `${requestText(r)}, audit ${r.auditId}, from ${owner?.name ?? r.owner}. Links: ${r.links.join(' ')}`,
      fields: [
        { id: F.comment, label: 'What else do you need to see?', hint: 'The owner sees this as written.', required: true, type: 'textarea', maxLength: MAX_TEXT },
        { id: F.due, label: 'New due date', required: true, type: 'date', initial: due },
      ],
      context: { requestId: String(r.id) },
    };
  });
}

export function reassignEvidenceForm(core: Core, actor: Actor, requestId: number): Form | Message {
  return guarded(core, (tx) => {
    const person = activePerson(tx, actor.email);
    const r = loadRequest(tx, person, requestId);
    if (!isLeadFor(tx, person, r.auditId)) return say(`Only an audit lead can reassign evidence requests. Ask the lead auditor of ${r.auditId}.`);
    if (!awaitingOwner(r)) return say(`${statusSentence(r)}, so it cannot be reassigned.`);
    const reason = r.notMineReason ? ` ${r.owner} said: "${r.notMineReason}".` : '';
    return {
      id: EVIDENCE_FORMS.reassign,
      title: 'Reassign request',
      submitLabel: 'Reassign',
      intro: `${requestText(r)}, audit ${r.auditId}, now with ${r.owner}, due ${formatDate(r.due)}.${reason}`,
      fields: [
        { id: F.owner, label: 'New owner', required: true, type: 'search', source: 'person' },
        { id: F.due, label: 'Due date', hint: 'Leave as it is, or give the new owner more time.', required: false, type: 'date', initial: r.due },
      ],
      context: { requestId: String(r.id) },
    };
  });
}
