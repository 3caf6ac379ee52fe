// What conducting an audit says in chat: short, factual, with the next step.
import type { Message } from '../message.js';
import type { Checklist } from './checklist.js';
import { CONCLUSION_LABEL, VERDICT_LABEL, type ChecklistVerdictRecord, type ConclusionRecord, type MeetingRecord } from './types.js';
import { localDateTime } from './zoned-time.js';

const say = (text: string, title?: string): Message => ({ summary: text, ...(title ? { title } : {}), blocks: [{ type: 'text', text }] });

export function closedNotice(auditId: string, conclusion: ConclusionRecord, leadName: string): Message {
  const text = `Audit ${auditId} is closed and its report is final. Conclusion: ${CONCLUSION_LABEL[conclusion.conclusion]}. ${conclusion.summary}`;
  return {
    summary: `Audit ${auditId} is closed: ${CONCLUSION_LABEL[conclusion.conclusion]}.`,
    title: `Audit ${auditId} closed`,
    blocks: [
      { type: 'text', text },
      ...(conclusion.strengths ? [{ type: 'fields' as const, fields: [{ label: 'Strengths observed', value: conclusion.strengths }] }] : []),
      { type: 'context', text: `Closed by ${leadName}. The final report: auditbot export audit ${auditId}` },
    ],
  };
}

export const progressText = (c: Pick<Checklist, 'total' | 'assessed'>): string => `${c.assessed} of ${c.total} assessed`;

export function checklistMessage(checklist: Checklist): Message {
  const lines = checklist.items.map((i) => {
    const verdict = VERDICT_LABEL[i.verdict];
    const extra = [i.reason ? `reason: ${i.reason}` : '', i.findings.length > 0 ? `findings: ${i.findings.map((f) => f.id).join(', ')}` : '', i.evidence.length > 0 ? `evidence: ${i.evidence.map((e) => `#${e.id} ${e.status}`).join(', ')}` : '', i.papers.length > 0 ? `${i.papers.length} working paper${i.papers.length === 1 ? '' : 's'}` : '']
      .filter(Boolean)
      .join('; ');
    return `${i.requirement}${i.title ? ` ${i.title}` : ''}: ${verdict}${extra ? ` (${extra})` : ''}`;
  });
  const next = checklist.items.find((i) => i.verdict === 'unassessed');
  return {
    summary: `Checklist of ${checklist.auditId}: ${progressText(checklist)}.`,
    title: `Checklist of ${checklist.auditId}: ${progressText(checklist)}`,
    blocks: [
      { type: 'list', items: lines },
      ...(next ? [{ type: 'list' as const, title: `Next: ${next.requirement}${next.title ? ` ${next.title}` : ''}. What to look for`, items: next.prompts }] : []),
      { type: 'context', text: `Give a verdict: audit verdict ${checklist.auditId} <requirement> conforming|not_audited <reason>; record a finding from an item: audit finding ${checklist.auditId} <requirement>.` },
    ],
  };
}

export const verdictRecordedMessage = (r: ChecklistVerdictRecord, progress: string): Message =>
  say(`${r.requirement} in ${r.auditId}: ${VERDICT_LABEL[r.verdict]}${r.reason ? ` (${r.reason})` : ''}. Checklist: ${progress}.`);

export const reportedMessage = (auditId: string): Message =>
  say(`${auditId} is now in reporting. Next: record the conclusion (audit conclude ${auditId}), then close it (audit close ${auditId}).`);

export const reopenedMessage = (auditId: string): Message => say(`${auditId} is back in progress; the reason is in the trail. Move it to reporting again with: audit report ${auditId}`);

export const concludedMessage = (c: ConclusionRecord): Message => say(`Conclusion of ${c.auditId} recorded: ${CONCLUSION_LABEL[c.conclusion]}. Close it with: audit close ${c.auditId}`);

export const closedMessage = (auditId: string, told: number): Message =>
  say(`${auditId} is closed and its report is final. ${told} ${told === 1 ? 'person was' : 'people were'} told (the auditees and the audit leads). The report: auditbot export audit ${auditId}`);

export const meetingRecordedMessage = (m: MeetingRecord, timezone: string): Message =>
  say(
    `The ${m.kind} meeting of ${m.auditId} on ${localDateTime(m.heldAt, timezone)} is recorded with ${m.attendees.length} attendee${m.attendees.length === 1 ? '' : 's'}` +
      (m.kind === 'closing' ? `; ${m.findingsPresented.length} finding${m.findingsPresented.length === 1 ? '' : 's'} presented, ${m.acknowledgement === 'disagreed' ? 'the auditees disagreed' : 'acknowledged by the auditees'}.` : '.'),
  );
