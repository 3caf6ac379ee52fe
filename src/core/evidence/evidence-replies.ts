// The answers a person sees right after acting on a request (in the modal's place, the card's
// reply, or the console), on every platform alike.
import type { Message } from '../message.js';
import { requestText } from './evidence-messages.js';
import type { NotMineResult } from './mark-not-mine.js';
import type { ReassignEvidenceResult } from './reassign-evidence.js';
import type { ReviewEvidenceResult } from './review-evidence.js';
import type { SnoozeEvidenceResult } from './snooze-evidence.js';
import type { SubmitEvidenceResult } from './submit-evidence.js';
import type { WithdrawEvidenceResult } from './withdraw-evidence.js';
import { formatDate } from '../shared/working-time.js';

const say = (text: string): Message => ({ summary: text, blocks: [{ type: 'text', text }] });

const names = (emails: string[]): string => (emails.length === 0 ? 'the audit leads' : emails.join(', '));

export function submitReply(result: SubmitEvidenceResult): Message {
  const r = result.request;
  if (result.repeated) return say(`Your evidence for ${requestText(r)} was already saved. Thank you.`);
  const links = `${r.links.length} link${r.links.length === 1 ? '' : 's'}`;
  return {
    summary: `Thank you: ${links} saved for ${requestText(r)}. The auditors have been told.`,
    blocks: [
      { type: 'text', text: `Thank you: ${links} saved for ${requestText(r)} (audit ${r.auditId})${result.update ? ', replacing what you sent before' : ''}. The reminders have stopped.` },
      { type: 'context', text: `Told: ${names(result.told)}. They may accept it or ask for a little more.` },
    ],
  };
}

export function snoozeReply(result: SnoozeEvidenceResult): Message {
  const r = result.request;
  const left = result.snoozesLeft === 0 ? 'This was the last snooze for this request.' : `You can snooze it ${result.snoozesLeft === 1 ? 'once more' : `${result.snoozesLeft} more times`}.`;
  return say(`Done: ${requestText(r)} is now due ${formatDate(r.due)}${result.repeated ? '' : ` (was ${formatDate(result.previousDue)})`}. ${left}`);
}

export function notMineReply(result: NotMineResult): Message {
  const r = result.request;
  if (result.repeated) return say(`The audit lead already knows ${requestText(r)} is not yours.`);
  return say(`Thank you. I have told ${names(result.told)} that ${requestText(r)} is not yours; they will pass it to its owner. You will not be reminded about it.`);
}

export function reviewReply(result: ReviewEvidenceResult): Message {
  const r = result.request;
  if (r.status === 'accepted') return say(`Accepted: ${requestText(r)} (audit ${r.auditId}). ${r.owner} has been thanked.`);
  return say(`Sent back to ${r.owner}: ${requestText(r)}, now due ${formatDate(r.due)}. They will be reminded on the usual cadence.`);
}

export function reassignReply(result: ReassignEvidenceResult): Message {
  const r = result.request;
  return say(`${requestText(r)} is now with ${r.owner}, due ${formatDate(r.due)}.${result.repeated ? '' : ` ${result.previousOwner} has been told.`}`);
}

export function withdrawReply(result: WithdrawEvidenceResult): Message {
  const r = result.request;
  return say(`Withdrawn: ${requestText(r)} (audit ${r.auditId}). ${r.owner} will not be reminded about it.`);
}
