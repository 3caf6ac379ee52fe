// What people are told about evidence requests. docs/architecture.md "Voice": plain English, short, what
// is asked, why it matters, what to do next and by when, with the one button that does it.
// Reminders stay polite as they repeat; escalations state facts and never shame.
import type { Block, Button, Message } from '../message.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import { EVIDENCE_BUTTONS } from './evidence-ids.js';
import { evidenceHint } from './evidence-hints.js';
import type { NudgeRequest, PlannedEscalation, PlannedReminder } from './plan-nudges.js';
import { requestLabel, type EvidenceRequestRecord } from './types.js';
import { formatDate } from '../shared/working-time.js';

/** Requests shown with their own buttons in one message; the rest are listed (Slack allows 50 blocks). */
export const MAX_WITH_BUTTONS = 10;

export const requirementText = (id: string): string => {
  const title = requirementTitle(id);
  return title ? `${id} ${title}` : id;
};

/** `#12 A.5.15 Access control` */
export const requestText = (r: Pick<EvidenceRequestRecord, 'id' | 'requirement'>): string => `${requestLabel(r.id)} ${requirementText(r.requirement)}`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const ownerButtons = (id: number): Button[] => [
  { id: EVIDENCE_BUTTONS.submit, label: 'Submit evidence', value: String(id), style: 'primary' },
  { id: EVIDENCE_BUTTONS.snooze, label: 'Snooze', value: String(id) },
  { id: EVIDENCE_BUTTONS.notMine, label: 'Not mine', value: String(id) },
];

export const reviewButtons = (id: number): Button[] => [
  { id: EVIDENCE_BUTTONS.accept, label: 'Accept', value: String(id), style: 'primary' },
  { id: EVIDENCE_BUTTONS.more, label: 'Request more', value: String(id) },
];

/** Each request with its hint and buttons, the ones beyond the button limit as a list. */
function requestBlocks<R extends { id: number }>(requests: R[], buttons: (id: number) => Button[], line: (r: R) => string): Block[] {
  const blocks: Block[] = [];
  const shown = requests.slice(0, MAX_WITH_BUTTONS);
  for (const r of shown) {
    blocks.push({ type: 'text', text: line(r) });
    blocks.push({ type: 'buttons', buttons: buttons(r.id) });
  }
  const rest = requests.slice(MAX_WITH_BUTTONS);
  if (rest.length > 0) {
    blocks.push({
      type: 'list',
      title: `And ${plural(rest.length, 'more request')}`,
      items: rest.map(line),
      moreHint: 'Type "evidence" to see them with their buttons, or "submit <request> <link>".',
    });
  }
  return blocks;
}

const withHint = (r: EvidenceRequestRecord): string => `${requestText(r)}\nGood evidence: ${evidenceHint(r.requirement)}.`;

const SUBMIT_TIP = 'Links to documents, tickets, reports or screenshots the auditors can open work best. You can also type "submit <request> <link> [note]".';

export interface RequestStory {
  auditId: string;
  ownerName: string;
  /** `Ana Ruiz (lead), Cy Dahl` */
  auditorNames: string;
  due: string;
  requests: EvidenceRequestRecord[];
}

/** To an owner when an audit starts: every request of theirs in that audit, in one message. */
export function requestsMessage(s: RequestStory): Message {
  const count = plural(s.requests.length, 'requirement');
  const by = formatDate(s.due);
  return {
    summary: `Internal audit ${s.auditId} has started: please share evidence for ${count} you own by ${by}.`,
    title: `Evidence for audit ${s.auditId}`,
    blocks: [
      {
        type: 'text',
        text:
          `Hello ${s.ownerName}. Internal audit ${s.auditId} has started, and you own the ${count} below. ` +
          `The auditors${s.auditorNames ? ` (${s.auditorNames})` : ''} would like to see evidence that ${s.requests.length === 1 ? 'it works' : 'they work'} in practice. ` +
          `Please share it by ${by}.`,
      },
      ...requestBlocks(s.requests, ownerButtons, withHint),
      { type: 'context', text: `${SUBMIT_TIP} I will remind you 2 working days before the due date, during your working hours.` },
    ],
  };
}

/** To the new owner of a reassigned request. */
export function reassignedToMessage(r: EvidenceRequestRecord, ownerName: string, byName: string): Message {
  const by = formatDate(r.due);
  return {
    summary: `${byName} passed you an evidence request for audit ${r.auditId}: ${requestText(r)}, due ${by}.`,
    title: `Evidence for audit ${r.auditId}`,
    blocks: [
      { type: 'text', text: `Hello ${ownerName}. ${byName} has passed you this evidence request for internal audit ${r.auditId}. Please share evidence by ${by}.` },
      ...requestBlocks([r], ownerButtons, withHint),
      { type: 'context', text: SUBMIT_TIP },
    ],
  };
}

/** To the previous owner, once a request is reassigned. */
export function reassignedAwayMessage(r: EvidenceRequestRecord, newOwnerName: string): Message {
  const text = `${requestText(r)} (audit ${r.auditId}) is now with ${newOwnerName}. Nothing more is needed from you, and the reminders have stopped. Thank you.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}

/** To the owner when a lead withdraws a request. */
export function withdrawnMessage(r: EvidenceRequestRecord, byName: string, reason: string): Message {
  const text = `${byName} withdrew evidence request ${requestText(r)} (audit ${r.auditId}): ${reason}. Nothing more is needed, and the reminders have stopped.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}

const reminderLine = (n: PlannedReminder, title: (r: NudgeRequest) => string): string => {
  const due = formatDate(n.request.due);
  switch (n.kind) {
    case 'before':
      return `${title(n.request)}: due ${due} (${n.workingDays === 0 ? 'today' : `in ${plural(n.workingDays, 'working day')}`}).`;
    case 'due':
      return n.workingDays === 0 ? `${title(n.request)}: due today, ${due}.` : `${title(n.request)}: was due ${due}.`;
    case 'overdue':
      return `${title(n.request)}: was due ${due}, ${plural(n.workingDays, 'working day')} ago.`;
  }
};

const escalationLine = (n: PlannedEscalation, ownerName: (email: string) => string, title: (r: NudgeRequest) => string): string =>
  `${title(n.request)}, audit ${n.request.auditId}: asked of ${ownerName(n.request.owner)} (${n.request.owner}), due ${formatDate(n.request.due)}, ` +
  `${plural(n.workingDaysLate, 'working day')} overdue after ${plural(n.remindersSent, 'reminder')}.`;

export interface NudgeStory {
  recipientName: string;
  reminders: PlannedReminder[];
  escalations: PlannedEscalation[];
  ownerName: (email: string) => string;
  /** Whether the recipient may reassign requests (a lead), so the escalation offers the button. */
  canReassign: boolean;
}

/** One message per person per run: their own reminders, then any escalations for them. */
export function nudgeMessage(s: NudgeStory): Message {
  const blocks: Block[] = [];
  const title = (r: NudgeRequest) => requestText(r);
  const summaries: string[] = [];
  if (s.reminders.length > 0) {
    const overdue = s.reminders.some((r) => r.kind === 'overdue' || (r.kind === 'due' && r.workingDays > 0));
    const dueToday = s.reminders.some((r) => r.kind === 'due' && r.workingDays === 0);
    const count = plural(s.reminders.length, 'evidence request');
    const lead = overdue
      ? `A friendly reminder, ${s.recipientName}: the auditors are still waiting for evidence on ${count}. Whatever you have now helps; you can add more later.`
      : dueToday
        ? `A friendly reminder, ${s.recipientName}: evidence is due today on ${count}.`
        : `A friendly reminder, ${s.recipientName}: evidence is due soon on ${count}.`;
    summaries.push(
      overdue ? `Reminder: the auditors are still waiting for evidence on ${count}.` : dueToday ? `Reminder: evidence is due today on ${count}.` : `Reminder: evidence is due soon on ${count}.`,
    );
    blocks.push({ type: 'text', text: lead });
    blocks.push(...requestBlocks(s.reminders.map((r) => ({ ...r, id: r.request.id })), ownerButtons, (r) => reminderLine(r, title)));
    blocks.push({ type: 'context', text: 'If you need a little longer, Snooze moves the due date by up to 3 working days. If this is not yours, Not mine tells the audit lead.' });
  }
  if (s.escalations.length > 0) {
    const count = plural(s.escalations.length, 'evidence request');
    const role = [...new Set(s.escalations.flatMap((e) => e.as))];
    const why = role.includes('manager') && role.includes('lead') ? 'as manager of the owners or lead auditor' : role.includes('manager') ? 'as their manager' : 'as lead auditor';
    summaries.push(`For your information: ${count} for the internal audit ${s.escalations.length === 1 ? 'is' : 'are'} overdue.`);
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push({
      type: 'text',
      text: `For your information ${why}: ${count} for the internal audit ${s.escalations.length === 1 ? 'is' : 'are'} overdue. The owners have been reminded in their working hours. A word from you, or time set aside for it, usually settles it; if someone else should answer, the audit lead can reassign the request.`,
    });
    const lines = s.escalations.map((e) => escalationLine(e, s.ownerName, title));
    if (s.canReassign) {
      for (const [i, e] of s.escalations.slice(0, MAX_WITH_BUTTONS).entries()) {
        blocks.push({ type: 'text', text: lines[i] ?? '' });
        blocks.push({ type: 'buttons', buttons: [{ id: EVIDENCE_BUTTONS.reassign, label: 'Reassign', value: String(e.request.id) }] });
      }
      if (s.escalations.length > MAX_WITH_BUTTONS) blocks.push({ type: 'list', items: lines.slice(MAX_WITH_BUTTONS) });
    } else {
      blocks.push({ type: 'list', items: lines });
    }
  }
  return { summary: summaries.join(' '), title: s.reminders.length > 0 ? 'Evidence reminder' : 'Overdue evidence', blocks };
}

export interface SubmittedStory {
  request: EvidenceRequestRecord;
  ownerName: string;
  auditorName: string;
  /** True when the owner replaced evidence submitted before. */
  update: boolean;
}

/** To each auditor of the audit when evidence arrives. */
export function submittedMessage(s: SubmittedStory): Message {
  const r = s.request;
  const what = s.update ? 'updated the evidence' : 'submitted evidence';
  return {
    summary: `${s.ownerName} ${what} for ${requestText(r)} in audit ${r.auditId}: ${plural(r.links.length, 'link')}. Please review it.`,
    title: `Evidence for ${r.requirement} arrived`,
    blocks: [
      { type: 'text', text: `Hello ${s.auditorName}. ${s.ownerName} ${what} for ${requestText(r)} in internal audit ${r.auditId}. Please review it: accept it, or ask for more with a comment and a new due date.` },
      { type: 'list', title: 'Links', items: r.links },
      ...(r.note ? [{ type: 'text' as const, text: `Note from ${s.ownerName}: ${r.note}` }] : []),
      { type: 'buttons', buttons: reviewButtons(r.id) },
    ],
  };
}

/** To the owner when the auditor accepts the evidence. */
export function acceptedMessage(r: EvidenceRequestRecord, auditorName: string): Message {
  const text = `Thank you: ${auditorName} accepted your evidence for ${requestText(r)} in audit ${r.auditId}. Nothing more is needed on this one.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}

/** To the owner when the auditor asks for more. */
export function moreRequestedMessage(r: EvidenceRequestRecord, auditorName: string): Message {
  const by = formatDate(r.due);
  return {
    summary: `${auditorName} would like a little more evidence for ${requestText(r)} in audit ${r.auditId}, by ${by}.`,
    title: `More evidence for ${r.requirement}`,
    blocks: [
      { type: 'text', text: `Thank you for the evidence on ${requestText(r)}. ${auditorName} would like a little more before accepting it. Please add it by ${by}.` },
      { type: 'text', text: `What is needed: ${r.comment ?? ''}` },
      { type: 'buttons', buttons: [{ id: EVIDENCE_BUTTONS.submit, label: 'Submit evidence', value: String(r.id), style: 'primary' }] },
    ],
  };
}

/** To the audit leads when an owner says a request is not theirs. */
export function notMineMessage(r: EvidenceRequestRecord, ownerName: string, reason: string): Message {
  return {
    summary: `${ownerName} says ${requestText(r)} in audit ${r.auditId} is not theirs. Please reassign it.`,
    title: `Reassign ${requestLabel(r.id)}?`,
    blocks: [
      { type: 'text', text: `${ownerName} (${r.owner}) says evidence request ${requestText(r)} in audit ${r.auditId} is not theirs, so the reminders to them have stopped. Please pass it to its owner.` },
      { type: 'text', text: `Their reason: ${reason}` },
      { type: 'buttons', buttons: [{ id: EVIDENCE_BUTTONS.reassign, label: 'Reassign', value: String(r.id), style: 'primary' }] },
      { type: 'context', text: `Or type "evidence reassign ${r.id} <e-mail>". The organisation file is where control owners are kept, if it needs correcting too.` },
    ],
  };
}

const statusText: Record<EvidenceRequestRecord['status'], string> = {
  requested: 'requested',
  submitted: 'submitted, waiting for review',
  accepted: 'accepted',
  more_requested: 'more evidence requested',
  withdrawn: 'withdrawn',
};

/** `evidence`: what a person is asked for, and what waits for their review. */
export function myEvidenceMessage(mine: EvidenceRequestRecord[], toReview: EvidenceRequestRecord[], today: string): Message {
  const blocks: Block[] = [];
  const open = mine.filter((r) => r.status === 'requested' || r.status === 'more_requested');
  const waiting = mine.filter((r) => r.status === 'submitted');
  if (open.length === 0 && waiting.length === 0 && toReview.length === 0) {
    const text = 'You have no evidence requests open and nothing to review. Thank you.';
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  const line = (r: EvidenceRequestRecord): string => {
    const late = r.due < today && (r.status === 'requested' || r.status === 'more_requested');
    const notMine = r.notMineReason ? ', passed to the audit lead' : '';
    return `${requestText(r)} (audit ${r.auditId}): ${statusText[r.status]}${notMine}, due ${formatDate(r.due)}${late ? ' (overdue)' : ''}.${r.comment && r.status === 'more_requested' ? `\nWhat is needed: ${r.comment}` : ''}`;
  };
  if (open.length > 0) {
    blocks.push({ type: 'text', text: `Evidence you are asked for (${open.length}):` });
    blocks.push(...requestBlocks(open, ownerButtons, (r) => `${line(r)}\nGood evidence: ${evidenceHint(r.requirement)}.`));
  }
  if (waiting.length > 0) blocks.push({ type: 'list', title: 'Submitted, waiting for the auditors', items: waiting.map(line) });
  if (toReview.length > 0) {
    blocks.push({ type: 'text', text: `Evidence waiting for your review (${toReview.length}):` });
    blocks.push(...requestBlocks(toReview, reviewButtons, (r) => `${requestText(r)} (audit ${r.auditId}) from ${r.owner}: ${r.links.join(' ')}${r.note ? `\nNote: ${r.note}` : ''}`));
  }
  const parts = [open.length > 0 ? `${plural(open.length, 'evidence request')} open` : '', waiting.length > 0 ? `${waiting.length} waiting for review` : '', toReview.length > 0 ? `${toReview.length} for you to review` : ''].filter(Boolean);
  return { summary: `Your evidence: ${parts.join(', ')}.`, title: 'Your evidence requests', blocks };
}
