// What people are told about corrective actions. docs/architecture.md "Voice": plain English, short, what
// is asked, why it matters, what to do next and by when, with the button that does it.
// Reminders stay polite as they repeat; escalations state facts and never shame.
import { formatDate } from '../shared/working-time.js';
import type { Block, Button, Message } from '../message.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import { ownerButtons, verifyButton } from './action-ids.js';
import type { ActionCase } from './action-access.js';
import type { CorrectiveActionRecord, ExtensionRequestRecord, VerificationRecord } from './types.js';
import { CLASSIFICATION_LABELS } from '../shared/classification.js';
import { blockedText } from '../shared/verifiers.js';

/** Actions shown with their own buttons in one message; the rest are listed (Slack allows 50 blocks). */
export const MAX_WITH_BUTTONS = 10;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const say = (text: string): Message => ({ summary: text, blocks: [{ type: 'text', text }] });

export const requirementText = (id: string): string => {
  const title = requirementTitle(id);
  return title ? `${id} ${title}` : id;
};

/** `minor nonconformity F-2027-0001 against A.5.15 Access control` */
export const findingText = (c: Pick<ActionCase, 'finding'>): string =>
  `${CLASSIFICATION_LABELS[c.finding.classification]} ${c.finding.id} against ${requirementText(c.finding.requirement)}`;

const STATUS_TEXT: Record<CorrectiveActionRecord['status'], string> = {
  open: 'open, waiting for a plan',
  planned: 'planned',
  implemented: 'implemented, waiting for verification',
  closed: 'closed, verified effective',
  withdrawn: 'withdrawn with its finding, not verified',
};

export const statusText = (a: Pick<CorrectiveActionRecord, 'status'>): string => STATUS_TEXT[a.status];

const summaryFields = (c: ActionCase): { label: string; value: string }[] => [
  { label: 'Action', value: c.action.id },
  { label: 'Finding', value: `${c.finding.id} (${CLASSIFICATION_LABELS[c.finding.classification]})` },
  { label: 'Requirement', value: requirementText(c.finding.requirement) },
  { label: 'Status', value: statusText(c.action) },
  { label: 'Owner', value: c.facts.ownerName },
  { label: 'Due', value: formatDate(c.action.due) },
  ...(c.action.target && c.action.target !== c.action.due ? [{ label: 'Target', value: formatDate(c.action.target) }] : []),
];

const planBlocks = (a: CorrectiveActionRecord): Block[] => [
  ...(a.correction ? [{ type: 'text' as const, text: `Correction: ${a.correction}` }] : []),
  ...(a.rootCause ? [{ type: 'text' as const, text: `Root cause: ${a.rootCause}` }] : []),
  ...(a.plan ? [{ type: 'text' as const, text: `Action plan: ${a.plan}` }] : []),
];

const COMMAND_TIP = (id: string): string => `You can also type "action ${id}" to see it, or "actions" for all of yours.`;

/** To the owner, when an action is opened for them (and the finding message did not say so). */
export function actionOpenedMessage(c: ActionCase, openedByName: string): Message {
  const a = c.action;
  const by = formatDate(a.due);
  return {
    summary: `Corrective action ${a.id} is open for you on ${c.finding.id}, due ${by}. Please plan it.`,
    title: `Corrective action ${a.id}`,
    blocks: [
      {
        type: 'text',
        text:
          `Hello ${c.facts.ownerName}. ${openedByName} opened corrective action ${a.id} on the ${findingText(c)} in audit ${c.finding.auditId}. You own it because you are the finding's owner. ` +
          `Please plan it within 5 working days: the correction already made, the root cause and the action plan, to be done by ${by}.`,
      },
      { type: 'fields', fields: summaryFields(c) },
      { type: 'text', text: `What was seen: ${c.finding.statement}` },
      { type: 'buttons', buttons: ownerButtons(a.id, a.status) },
      { type: 'context', text: `Once it is implemented, ${c.facts.raisedByName} or an audit lead checks that it worked before it closes. ${COMMAND_TIP(a.id)}` },
    ],
  };
}

/** To each verifier, when the owner marks the action implemented. */
export function verifyRequestMessage(c: ActionCase, verifierName: string, raisedByThem: boolean): Message {
  const a = c.action;
  return {
    summary: `${c.facts.ownerName} marked corrective action ${a.id} (${c.finding.id}) implemented. Please check whether it worked.`,
    title: `Please verify ${a.id}`,
    blocks: [
      {
        type: 'text',
        text:
          `Hello ${verifierName}. ${c.facts.ownerName} has implemented corrective action ${a.id} for the ${findingText(c)}${raisedByThem ? ', which you raised' : ''}. ` +
          'Please check whether it was effective: does the evidence show that the nonconformity is corrected and will not recur? The action closes only once someone independent of its owner confirms it.',
      },
      { type: 'fields', fields: summaryFields(c) },
      ...planBlocks(a),
      { type: 'list', title: 'Evidence of implementation', items: a.implementationLinks },
      { type: 'buttons', buttons: [verifyButton(a.id)] },
      { type: 'context', text: `Or type "action verify ${a.id}". If it is not effective, it goes back to ${c.facts.ownerName} with your reason and a new due date.` },
    ],
  };
}

/** To the owner, when the verifier finds the action not effective. */
export function notEffectiveMessage(c: ActionCase, v: VerificationRecord, verifierName: string): Message {
  const a = c.action;
  const by = formatDate(a.due);
  return {
    summary: `${verifierName} found corrective action ${a.id} not yet effective. It is back with you, due ${by}.`,
    title: `${a.id} needs another look`,
    blocks: [
      {
        type: 'text',
        text: `Thank you for the work on ${a.id} (${c.finding.id}). ${verifierName} checked it and found it not yet effective, so it is back with you to plan again. Please update the plan and mark it implemented by ${by}.`,
      },
      { type: 'text', text: `What ${verifierName} found: ${v.reason}` },
      ...planBlocks(a),
      { type: 'buttons', buttons: ownerButtons(a.id, a.status) },
      { type: 'context', text: COMMAND_TIP(a.id) },
    ],
  };
}

/** To the owner, when the verifier finds the action effective. */
export function closedMessage(c: ActionCase, v: VerificationRecord, verifierName: string): Message {
  const a = c.action;
  return {
    summary: `Corrective action ${a.id} is closed: ${verifierName} verified it effective. Thank you.`,
    title: `${a.id} closed`,
    blocks: [
      { type: 'text', text: `Thank you: ${verifierName} verified corrective action ${a.id} effective, so it is closed, and with it the corrective action on ${c.finding.id}. Nothing more is needed.` },
      { type: 'text', text: `What ${verifierName} checked: ${v.reason}` },
    ],
  };
}

/** When a due date moves: to the audit leads (the owner moved it), or to the owner (a lead did). */
export function extendedMessage(c: ActionCase, from: string, reason: string, byName: string, toOwner: boolean): Message {
  const a = c.action;
  const text = toOwner
    ? `${byName} moved the due date of your corrective action ${a.id} (${c.finding.id}) from ${formatDate(from)} to ${formatDate(a.due)}. Reason: ${reason}`
    : `For your information: ${byName} moved the due date of corrective action ${a.id} (${findingText(c)}) from ${formatDate(from)} to ${formatDate(a.due)}. Reason: ${reason}`;
  return {
    summary: `${a.id} is now due ${formatDate(a.due)} (was ${formatDate(from)}).`,
    blocks: [{ type: 'text', text }, ...(toOwner ? [{ type: 'buttons' as const, buttons: ownerButtons(a.id, a.status) }] : [])],
  };
}

/** To each audit lead, when an owner asks for a later due date. */
export function extensionRequestedMessage(c: ActionCase, r: ExtensionRequestRecord, ownerName: string): Message {
  const a = c.action;
  return {
    summary: `${ownerName} asks to move the due date of ${a.id} from ${formatDate(a.due)} to ${formatDate(r.due)}. Please approve or refuse.`,
    title: `Extension requested: ${a.id}`,
    blocks: [
      { type: 'text', text: `${ownerName} asks to move the due date of corrective action ${a.id} (${findingText(c)}) from ${formatDate(a.due)} to ${formatDate(r.due)}. Reason: ${r.reason}` },
      { type: 'context', text: `Nothing changes until a lead decides. Type "action extension approve ${a.id} [another date]" or "action extension refuse ${a.id} <reason>".` },
    ],
  };
}

/** To the owner, when a lead decides their request. */
export function extensionDecidedMessage(c: ActionCase, r: ExtensionRequestRecord, leadName: string): Message {
  const a = c.action;
  const text =
    r.status === 'approved'
      ? `${leadName} approved your request: corrective action ${a.id} is now due ${formatDate(a.due)}.${r.decision ? ` ${r.decision}` : ''}`
      : `${leadName} refused your request to move ${a.id} to ${formatDate(r.due)}; it stays due ${formatDate(a.due)}. Reason: ${r.decision ?? ''}`;
  return { summary: text, blocks: [{ type: 'text', text }, { type: 'buttons', buttons: ownerButtons(a.id, a.status) }] };
}

export const extensionRequestedReply = (a: CorrectiveActionRecord, due: string, told: string[]): Message =>
  say(`Your request to move ${a.id} to ${formatDate(due)} is with ${told.length > 0 ? told.join(', ') : 'the audit leads'} for approval. Until a lead approves it, ${a.id} stays due ${formatDate(a.due)}.`);

export interface RepeatedMinorStory {
  requirement: string;
  areaName: string;
  cycle: string;
  /** The minor nonconformities, oldest first; the last is the one just recorded. */
  findings: { id: string; auditId: string; raisedAt: string }[];
}

/** To the audit leads: a third minor nonconformity against one requirement in one area within a cycle. */
export function possibleMajorMessage(s: RepeatedMinorStory): Message {
  const count = s.findings.length;
  const latest = s.findings[count - 1];
  return {
    summary: `Possible major nonconformity: ${count} minor nonconformities against ${s.requirement} in ${s.areaName} in the ${s.cycle} cycle.`,
    title: `Possible major nonconformity: ${s.requirement}`,
    blocks: [
      {
        type: 'text',
        text:
          `${latest?.id ?? 'The latest finding'} is the ${count === 3 ? 'third' : `${count}th`} minor nonconformity against ${requirementText(s.requirement)} in ${s.areaName} in the ${s.cycle} audit cycle. ` +
          'Repeated minor nonconformities against the same requirement can point to a failure of the control as a whole, which would be a major nonconformity. Please review them together and decide whether to treat them as one major nonconformity.',
      },
      { type: 'list', title: 'Minor nonconformities', items: s.findings.map((f) => `${f.id} (audit ${f.auditId}, recorded ${f.raisedAt.slice(0, 10)})`) },
      { type: 'context', text: `To treat them as one major nonconformity, type "finding raise-major ${latest?.id ?? '<id>'} <reason>": the minors show as superseded by it, and their actions stay linked.` },
    ],
  };
}

/** One line per action in a chase message: what has come for it. */
export interface ChaseLine {
  action: CorrectiveActionRecord;
  findingId: string;
  /** Working days since it was opened, when it still has no plan after the limit. */
  noPlanDays: number | null;
  /** The due-date reminder that has come, if any. */
  due: { kind: 'due-soon' | 'overdue'; workingDays: number } | null;
}

export interface EscalationLine {
  action: CorrectiveActionRecord;
  findingId: string;
  ownerName: string;
  as: ('manager' | 'lead')[];
  workingDaysLate: number;
  remindersSent: number;
  /** Set when the action waits for verification: who is asked to verify it. */
  verifierNames?: string[];
}

/** An implemented action waiting for the recipient's verification. */
export interface VerifyLine {
  action: CorrectiveActionRecord;
  findingId: string;
  ownerName: string;
  /** Working days since it was marked implemented. */
  workingDays: number;
}

export interface ChaseStory {
  recipientName: string;
  reminders: ChaseLine[];
  /** Verifications the recipient is asked for (issue 14.6). */
  verifications?: VerifyLine[];
  escalations: EscalationLine[];
}

function chaseLineText(l: ChaseLine): string {
  const a = l.action;
  const parts: string[] = [];
  if (l.due?.kind === 'overdue') parts.push(`was due ${formatDate(a.due)}, ${plural(l.due.workingDays, 'working day')} ago`);
  else if (l.due?.kind === 'due-soon') parts.push(`due ${formatDate(a.due)} (${l.due.workingDays === 0 ? 'today' : `in ${plural(l.due.workingDays, 'working day')}`})`);
  if (l.noPlanDays !== null) parts.push(`opened ${plural(l.noPlanDays, 'working day')} ago and not planned yet`);
  if (l.due === null) parts.push(`due ${formatDate(a.due)}`);
  return `${a.id} (finding ${l.findingId}), ${statusText(a)}: ${parts.join('; ')}.`;
}

const verifyLineText = (v: VerifyLine): string =>
  `${v.action.id} (finding ${v.findingId}), owner ${v.ownerName}: implemented ${formatDate((v.action.implementedAt ?? '').slice(0, 10))}, ${plural(v.workingDays, 'working day')} ago, waiting for your verification.`;

const escalationText = (e: EscalationLine): string =>
  e.verifierNames
    ? `${e.action.id} (finding ${e.findingId}), owner ${e.ownerName} (${e.action.owner}): implemented ${formatDate((e.action.implementedAt ?? '').slice(0, 10))}, ` +
      `waiting for verification by ${e.verifierNames.join(' or ')} for ${plural(e.workingDaysLate, 'working day')} after ${plural(e.remindersSent, 'reminder')}.`
    : `${e.action.id} (finding ${e.findingId}), owner ${e.ownerName} (${e.action.owner}): ${statusText(e.action)}, due ${formatDate(e.action.due)}, ` +
  `${plural(e.workingDaysLate, 'working day')} overdue after ${plural(e.remindersSent, 'reminder')}.`;

/** One message per person per chase run: their own reminders, then any escalations for them. */
export function chaseMessage(s: ChaseStory): Message {
  const blocks: Block[] = [];
  const summaries: string[] = [];
  if (s.reminders.length > 0) {
    const count = plural(s.reminders.length, 'corrective action');
    const overdue = s.reminders.some((r) => r.due?.kind === 'overdue');
    const unplanned = s.reminders.every((r) => r.due === null);
    const lead = overdue
      ? `A friendly reminder, ${s.recipientName}: ${count} of yours ${s.reminders.length === 1 ? 'is' : 'are'} past the due date. A short update helps: plan it, mark it implemented, or request an extension with the reason.`
      : unplanned
        ? `A friendly reminder, ${s.recipientName}: ${count} of yours ${s.reminders.length === 1 ? 'has' : 'have'} no plan yet. A plan (the correction, the root cause and the action) shows the auditors the finding is in hand.`
        : `A friendly reminder, ${s.recipientName}: ${count} of yours ${s.reminders.length === 1 ? 'is' : 'are'} due soon.`;
    summaries.push(overdue ? `Reminder: ${count} past the due date.` : unplanned ? `Reminder: ${count} waiting for a plan.` : `Reminder: ${count} due soon.`);
    blocks.push({ type: 'text', text: lead });
    for (const r of s.reminders.slice(0, MAX_WITH_BUTTONS)) {
      blocks.push({ type: 'text', text: chaseLineText(r) });
      blocks.push({ type: 'buttons', buttons: ownerButtons(r.action.id, r.action.status) });
    }
    if (s.reminders.length > MAX_WITH_BUTTONS) {
      blocks.push({ type: 'list', title: `And ${plural(s.reminders.length - MAX_WITH_BUTTONS, 'more action')}`, items: s.reminders.slice(MAX_WITH_BUTTONS).map(chaseLineText), moreHint: 'Type "actions" to see them with their buttons.' });
    }
  }
  const verifications = s.verifications ?? [];
  if (verifications.length > 0) {
    const count = plural(verifications.length, 'implemented corrective action');
    summaries.push(`Reminder: ${count} waiting for your verification.`);
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push({
      type: 'text',
      text: `A friendly reminder, ${s.recipientName}: ${count} ${verifications.length === 1 ? 'waits' : 'wait'} for your verification. An action closes only once someone independent of its owner confirms it worked (ISO/IEC 27001 clause 10.2).`,
    });
    for (const v of verifications.slice(0, MAX_WITH_BUTTONS)) {
      blocks.push({ type: 'text', text: verifyLineText(v) });
      blocks.push({ type: 'buttons', buttons: [verifyButton(v.action.id)] });
    }
    if (verifications.length > MAX_WITH_BUTTONS) {
      blocks.push({ type: 'list', title: `And ${plural(verifications.length - MAX_WITH_BUTTONS, 'more action')}`, items: verifications.slice(MAX_WITH_BUTTONS).map(verifyLineText), moreHint: 'Type "mine" to see them with their buttons.' });
    }
  }
  if (s.escalations.length > 0) {
    const roles = new Set(s.escalations.flatMap((e) => e.as));
    const why = roles.has('manager') && roles.has('lead') ? 'as manager of the owners or audit lead' : roles.has('manager') ? 'as their manager' : 'as audit lead';
    const overdue = s.escalations.filter((e) => !e.verifierNames);
    const unverified = s.escalations.filter((e) => e.verifierNames);
    if (overdue.length > 0) summaries.push(`For your information: ${plural(overdue.length, 'corrective action')} ${overdue.length === 1 ? 'is' : 'are'} overdue.`);
    if (unverified.length > 0) summaries.push(`For your information: ${plural(unverified.length, 'implemented corrective action')} ${unverified.length === 1 ? 'is' : 'are'} still waiting for verification.`);
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    if (overdue.length > 0) {
      const n = plural(overdue.length, 'corrective action');
      blocks.push({
        type: 'text',
        text: `For your information ${why}: ${n} from the internal audit ${overdue.length === 1 ? 'is' : 'are'} overdue. The owners have been reminded in their working hours. A word from you, or time set aside for it, usually settles it.`,
      });
      blocks.push({ type: 'list', items: overdue.map(escalationText) });
    }
    if (unverified.length > 0) {
      const n = plural(unverified.length, 'implemented corrective action');
      blocks.push({
        type: 'text',
        text: `For your information as audit lead: ${n} ${unverified.length === 1 ? 'is' : 'are'} still waiting for verification. The verifiers have been reminded twice in their working hours. You can verify it yourself if you are independent of the owner, or ask someone who is.`,
      });
      blocks.push({ type: 'list', items: unverified.map(escalationText) });
    }
  }
  const title = s.reminders.length > 0 || verifications.length > 0 ? 'Corrective action reminder' : s.escalations.every((e) => e.verifierNames) ? 'Corrective actions waiting for verification' : 'Overdue corrective actions';
  return { summary: summaries.join(' '), title, blocks };
}

/** Blocks listing a person's open actions and what waits for their verification ("my work"). */
export function myActionsBlocks(owned: ActionCase[], toVerify: ActionCase[], today: string): Block[] {
  const blocks: Block[] = [];
  const line = (c: ActionCase): string => {
    const late = c.action.due < today && c.action.status !== 'implemented' ? ' (overdue)' : '';
    return `${c.action.id} on ${findingText(c)}: ${statusText(c.action)}, due ${formatDate(c.action.due)}${late}.`;
  };
  const withButtons = (list: ActionCase[], buttons: (c: ActionCase) => Button[], text: (c: ActionCase) => string) => {
    for (const c of list.slice(0, MAX_WITH_BUTTONS)) {
      blocks.push({ type: 'text', text: text(c) });
      const b = buttons(c);
      if (b.length > 0) blocks.push({ type: 'buttons', buttons: b });
    }
    if (list.length > MAX_WITH_BUTTONS) blocks.push({ type: 'list', items: list.slice(MAX_WITH_BUTTONS).map(text), moreHint: 'Type "action <id>" to act on one of these.' });
  };
  if (owned.length > 0) {
    blocks.push({ type: 'text', text: `Corrective actions you own (${owned.length}):` });
    withButtons(owned, (c) => (c.action.status === 'implemented' ? [] : ownerButtons(c.action.id, c.action.status)), line);
  }
  if (toVerify.length > 0) {
    blocks.push({ type: 'text', text: `Corrective actions waiting for your verification (${toVerify.length}):` });
    withButtons(toVerify, (c) => [verifyButton(c.action.id)], (c) => `${c.action.id} on ${findingText(c)}, owner ${c.facts.ownerName}: implemented ${c.action.implementedAt?.slice(0, 10) ?? ''}.`);
  }
  return blocks;
}

/** `actions`: the person's open actions and those waiting for their verification. */
export function myActionsMessage(owned: ActionCase[], toVerify: ActionCase[], today: string): Message {
  if (owned.length === 0 && toVerify.length === 0) return say('You have no open corrective actions and none waiting for your verification.');
  const parts = [owned.length > 0 ? `${plural(owned.length, 'open corrective action')}` : '', toVerify.length > 0 ? `${toVerify.length} waiting for your verification` : ''].filter(Boolean);
  return { summary: `Your corrective actions: ${parts.join(', ')}.`, title: 'Your corrective actions', blocks: myActionsBlocks(owned, toVerify, today) };
}

export interface HistoryLine {
  at: string;
  actor: string;
  what: string;
}

/** `action <id>`: the whole chain of one action, with the buttons the viewer may use. */
export function actionDetailMessage(c: ActionCase, verifications: VerificationRecord[], history: HistoryLine[], buttons: Button[]): Message {
  const a = c.action;
  const blocks: Block[] = [
    { type: 'text', text: `Corrective action ${a.id} on the ${findingText(c)} in audit ${c.finding.auditId}, raised by ${c.facts.raisedByName}.` },
    { type: 'fields', fields: summaryFields(c) },
    { type: 'text', text: `What was seen: ${c.finding.statement}` },
    ...planBlocks(a),
  ];
  if (a.implementationLinks.length > 0) blocks.push({ type: 'list', title: 'Evidence of implementation', items: a.implementationLinks });
  if (a.status === 'implemented' && !c.facts.raiserVerifies && c.facts.verifiers.length === 0) blocks.push({ type: 'text', text: `${blockedText(a.id)}.` });
  if (verifications.length > 0) {
    blocks.push({ type: 'list', title: 'Verifications', items: verifications.map((v) => `${v.at.slice(0, 10)} ${v.by}: ${v.effective ? 'effective' : 'not effective'}. ${v.reason}`) });
  }
  if (history.length > 0) blocks.push({ type: 'list', title: 'History', items: history.map((h) => `${h.at.slice(0, 16).replace('T', ' ')} UTC, ${h.actor}: ${h.what}`) });
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons: buttons });
  return { summary: `${a.id}: ${statusText(a)}, due ${a.due}, owner ${a.owner}.`, title: `Corrective action ${a.id}`, blocks };
}

export const plannedReply = (a: CorrectiveActionRecord, repeated: boolean): Message =>
  say(
    repeated
      ? `This plan was already saved: ${a.id} is ${statusText(a)}, due ${formatDate(a.due)}.`
      : `Thank you. ${a.id} is planned, to be done by ${formatDate(a.target ?? a.due)}. When it is done, use Mark implemented with links to the evidence.`,
  );

export const implementedReply = (a: CorrectiveActionRecord, verifierNames: string[], repeated: boolean): Message =>
  say(
    repeated
      ? `This was already recorded: ${a.id} is ${statusText(a)}.`
      : verifierNames.length > 0
        ? `Thank you. ${a.id} is marked implemented; ${verifierNames.join(', ')} ${verifierNames.length === 1 ? 'has' : 'have'} been asked to verify that it worked.`
        : `Thank you. ${a.id} is marked implemented. ${blockedText(a.id)}.`,
  );

export const extendedReply = (a: CorrectiveActionRecord, from: string, told: string[], repeated: boolean): Message =>
  say(
    repeated
      ? `This was already recorded: ${a.id} is due ${formatDate(a.due)}.`
      : `${a.id} is now due ${formatDate(a.due)} (was ${formatDate(from)}). The reason is kept in the audit trail${told.length > 0 ? ` and ${told.join(', ')} ${told.length === 1 ? 'has' : 'have'} been told` : ''}.`,
  );

export const verifiedReply = (c: ActionCase, effective: boolean, repeated: boolean): Message =>
  say(
    repeated
      ? `This verification was already recorded: ${c.action.id} is ${statusText(c.action)}.`
      : effective
        ? `${c.action.id} is closed as effective. ${c.facts.ownerName} has been told. Thank you.`
        : `${c.action.id} is back with ${c.facts.ownerName} to plan again, due ${formatDate(c.action.due)}. They have been told what you found.`,
  );

export const openedReply = (c: ActionCase, repeated: boolean): Message =>
  say(
    repeated
      ? `${c.finding.id} already has corrective action ${c.action.id} (${statusText(c.action)}, owner ${c.facts.ownerName}).`
      : `Corrective action ${c.action.id} is open on ${c.finding.id}, owned by ${c.facts.ownerName}, due ${formatDate(c.action.due)}. They have been told.`,
  );
