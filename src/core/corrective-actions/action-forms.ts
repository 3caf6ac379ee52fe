// The corrective-action forms, described once for every platform (Slack modal, Teams Adaptive
// Card, console questions). Each builder first checks the policy (action-policy.ts) and answers
// with the refusal as a plain message instead of a form, so nobody fills in a form only to be
// refused. Field ids are the keys of the field errors the use cases report.
import type { Core } from '../context.js';
import { isAuditbotError } from '../errors.js';
import { formatDate } from '../shared/working-time.js';
import { isForm, type Form, type Message } from '../message.js';
import type { Tx } from '../ports.js';
import { activePerson, authorize, loadCase, type ActionCase } from './action-access.js';
import { ACTION_FIELDS as F, ACTION_FORMS } from './action-ids.js';
import { findingText } from './action-messages.js';
import type { ActionVerb } from './action-policy.js';
import { MAX_TEXT } from './action-schema.js';
import { defaultDue } from './open-corrective-action.js';
import type { Actor } from '../shared/actor.js';
import { MAX_LINKS_TEXT } from '../shared/links-schema.js';

export { isForm };

const say = (text: string): Message => ({ summary: text, blocks: [{ type: 'text', text }] });

/** Texts quoted in a form's intro are cut short: the intro sets the scene, the full record is a command away. */
const INTRO_QUOTE = 400;
const quote = (text: string | null): string => {
  const chars = [...(text ?? '')];
  return chars.length <= INTRO_QUOTE ? chars.join('') : `${chars.slice(0, INTRO_QUOTE - 1).join('')}…`;
};

/** Loads the action and checks the policy in a transaction; a refusal becomes a message. */
function guarded(core: Core, actor: Actor, actionId: string, verb: ActionVerb, build: (tx: Tx, c: ActionCase) => Form): Form | Message {
  try {
    return core.store.transaction((tx) => {
      const person = activePerson(tx, actor.email);
      const c = loadCase(tx, person, actionId);
      authorize(c, person, verb);
      return build(tx, c);
    });
  } catch (e) {
    if (isAuditbotError(e)) return say(e.message);
    throw e;
  }
}

export function planActionForm(core: Core, actor: Actor, actionId: string): Form | Message {
  return guarded(core, actor, actionId, 'plan', (_tx, c) => {
    const a = c.action;
    return {
      id: ACTION_FORMS.plan,
      title: 'Plan corrective action',
      submitLabel: 'Save plan',
      intro: `${a.id} on the ${findingText(c)}. What was seen: ${quote(c.finding.statement)} Give the correction already made, the root cause and the action plan, and when it will be done: by ${formatDate(a.due)} at the latest.`,
      fields: [
        { id: F.correction, label: 'Correction made', hint: 'What was fixed already to contain the problem.', type: 'textarea', required: true, maxLength: MAX_TEXT, ...(a.correction ? { initial: a.correction } : {}) },
        { id: F.rootCause, label: 'Root cause', hint: 'Why it happened, not only what happened.', type: 'textarea', required: true, maxLength: MAX_TEXT, ...(a.rootCause ? { initial: a.rootCause } : {}) },
        { id: F.plan, label: 'Action plan', hint: 'What will be done so that it does not happen again.', type: 'textarea', required: true, maxLength: MAX_TEXT, ...(a.plan ? { initial: a.plan } : {}) },
        { id: F.due, label: 'Target date', hint: `On or before the due date, ${a.due}. To move the due date, use Request extension.`, type: 'date', required: true, initial: a.target ?? a.due },
      ],
      context: { actionId: a.id },
    };
  });
}

export function markImplementedForm(core: Core, actor: Actor, actionId: string): Form | Message {
  return guarded(core, actor, actionId, 'implement', (_tx, c) => {
    const a = c.action;
    return {
      id: ACTION_FORMS.implemented,
      title: 'Mark implemented',
      submitLabel: 'Mark implemented',
      intro: `${a.id} on the ${findingText(c)}. Plan: ${quote(a.plan)} Share links to the evidence that it was done; ${c.facts.raisedByName} or an audit lead then checks that it worked.`,
      fields: [
        {
          id: F.links,
          label: 'Evidence of implementation',
          hint: 'One link per line, each starting with https:// (or http://): tickets, changed documents, reports or screenshots.',
          type: 'textarea',
          required: true,
          maxLength: MAX_LINKS_TEXT,
          placeholder: 'https://',
          ...(a.implementationLinks.length > 0 ? { initial: a.implementationLinks.join('\n') } : {}),
        },
      ],
      context: { actionId: a.id },
    };
  });
}

export function requestExtensionForm(core: Core, actor: Actor, actionId: string): Form | Message {
  return guarded(core, actor, actionId, 'extend', (_tx, c) => {
    const a = c.action;
    return {
      id: ACTION_FORMS.extend,
      title: 'Request extension',
      submitLabel: 'Move due date',
      intro: `${a.id} on the ${findingText(c)} is due ${formatDate(a.due)}. A new due date needs a reason, kept in the audit trail. An owner's request goes to the audit leads, and nothing changes until one approves it.`,
      fields: [
        { id: F.due, label: 'New due date', hint: `Later than ${a.due}.`, type: 'date', required: true },
        { id: F.reason, label: 'Reason', hint: 'Why more time is needed, and what is done in the meantime.', type: 'textarea', required: true, maxLength: MAX_TEXT },
      ],
      context: { actionId: a.id },
    };
  });
}

export function verifyActionForm(core: Core, actor: Actor, actionId: string): Form | Message {
  return guarded(core, actor, actionId, 'verify', (tx, c) => {
    const a = c.action;
    const links = a.implementationLinks.join(' ');
    return {
      id: ACTION_FORMS.verify,
      title: 'Verify effectiveness',
      submitLabel: 'Record verification',
      intro: `${a.id} on the ${findingText(c)}, owner ${c.facts.ownerName}. Root cause: ${quote(a.rootCause)} Plan: ${quote(a.plan)} Evidence: ${quote(links)} Type "action ${a.id}" for the whole record. Did the action work, so that the nonconformity will not recur?`,
      fields: [
        {
          id: F.effective,
          label: 'Effective?',
          type: 'select',
          required: true,
          options: [
            { value: 'yes', label: 'Yes: effective, close the action' },
            { value: 'no', label: 'No: not effective, back to the owner' },
          ],
        },
        { id: F.reason, label: 'What you checked', hint: 'What you looked at and what it showed; the owner reads it.', type: 'textarea', required: true, maxLength: MAX_TEXT },
        { id: F.due, label: 'New due date (if not effective)', hint: 'When the owner should have it working.', type: 'date', required: false, initial: defaultDue(tx, core, c.finding.classification) },
      ],
      context: { actionId: a.id },
    };
  });
}
