// The forms of conducting an audit, described once for every platform (Slack modal, Teams card,
// console questions). Each is offered only to whom may submit it; the stored form carries the
// audit it acts on.
import type { Core } from '../context.js';
import type { Form } from '../message.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { localDate } from '../shared/working-time.js';
import { loadAudit, requireAuditorOf, requireLeadAuditorOf, requireStatus } from './conduct-access.js';
import { CONCLUSION_FIELDS as C, MAX_CONCLUSION_TEXT } from './record-conclusion.js';
import { MAX_MEETING_TEXT, MEETING_FIELDS as M } from './record-meeting.js';
import { AuditIdInput } from './report-audit.js';
import { CONCLUSION_LABEL, CONCLUSIONS, type MeetingKind } from './types.js';

export const CONCLUSION_FORM_ID = 'audit.conclude';
export const MEETING_FORM_ID = 'audit.meeting';

export function openConclusionForm(core: Core, actor: Actor, input: unknown): Form {
  const { auditId } = parseInput(AuditIdInput, input, 'No conclusion form to open.');
  const existing = core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    requireLeadAuditorOf(tx, actor, audit, 'record its conclusion');
    requireStatus(audit, ['in_progress', 'reporting'], 'record its conclusion');
    return tx.conduct.getConclusion(audit.id);
  });
  return {
    id: CONCLUSION_FORM_ID,
    title: `Conclusion of ${auditId}`,
    submitLabel: 'Record conclusion',
    intro: 'What the audit found, drawn from the checklist verdicts and the findings. It goes into the final report.',
    context: { auditId },
    fields: [
      { id: C.conclusion, label: 'Conclusion', type: 'select', required: true, options: CONCLUSIONS.map((c) => ({ value: c, label: CONCLUSION_LABEL[c] })), ...(existing ? { initial: existing.conclusion } : {}) },
      { id: C.summary, label: 'Summary', hint: 'A few sentences for top management.', type: 'textarea', required: true, maxLength: MAX_CONCLUSION_TEXT, ...(existing ? { initial: existing.summary } : {}) },
      { id: C.strengths, label: 'Strengths observed', type: 'textarea', required: false, maxLength: MAX_CONCLUSION_TEXT, ...(existing?.strengths ? { initial: existing.strengths } : {}) },
    ],
  };
}

export function openMeetingForm(core: Core, actor: Actor, input: { auditId: string; kind: MeetingKind }): Form {
  const { auditId } = parseInput(AuditIdInput, { auditId: input.auditId }, 'No meeting form to open.');
  const kind = input.kind;
  const today = localDate(core.clock.now(), core.settings.timezone);
  core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    requireAuditorOf(tx, actor, audit, `record its ${kind} meeting`);
    requireStatus(audit, kind === 'opening' ? ['in_progress'] : ['in_progress', 'reporting'], `record its ${kind} meeting`);
  });
  return {
    id: MEETING_FORM_ID,
    title: `${kind === 'opening' ? 'Opening' : 'Closing'} meeting of ${auditId}`,
    submitLabel: 'Record meeting',
    context: { auditId, kind },
    fields: [
      { id: M.date, label: 'Date', type: 'date', required: true, initial: today },
      { id: M.time, label: 'Time', hint: `HH:MM, ${core.settings.timezone}`, type: 'text', required: false, maxLength: 5 },
      { id: M.attendees, label: 'Attendees', hint: 'E-mails of people in the organisation, or names of outsiders; separated by commas.', type: 'textarea', required: true, maxLength: MAX_MEETING_TEXT },
      { id: M.notes, label: 'Notes', type: 'textarea', required: false, maxLength: MAX_MEETING_TEXT },
      ...(kind === 'closing'
        ? [
            {
              id: M.acknowledgement,
              label: 'The auditees',
              type: 'select' as const,
              required: true,
              options: [
                { value: 'acknowledged', label: 'Acknowledged the findings' },
                { value: 'disagreed', label: 'Disagreed with some findings' },
              ],
            },
            { id: M.auditeeStatement, label: 'What the auditees said', hint: 'Required when they disagree.', type: 'textarea' as const, required: false, maxLength: MAX_MEETING_TEXT },
          ]
        : []),
    ],
  };
}
