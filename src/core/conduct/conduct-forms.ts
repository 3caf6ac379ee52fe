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
import { defaultPlanParts, MAX_PLAN_TEXT, PLAN_FIELDS as P } from './audit-plan.js';
import { localDateTime } from './zoned-time.js';
import { openForPapers } from './paper-access.js';
import { SAMPLE_FIELDS as S } from './draw-sample.js';
import { INTERVIEW_FIELDS as I } from './record-interview.js';
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

export const SAMPLE_FORM_ID = 'audit.sample';
export const INTERVIEW_FORM_ID = 'audit.interview';

function checkPapers(core: Core, actor: Actor, auditId: string, requirement: string): { auditId: string; requirement: string } {
  const id = parseInput(AuditIdInput, { auditId }, 'No form to open.').auditId;
  const req = requirement.trim().toUpperCase();
  core.store.transaction((tx) => openForPapers(tx, actor, id, req));
  return { auditId: id, requirement: req };
}

export function openSampleForm(core: Core, actor: Actor, input: { auditId: string; requirement: string }): Form {
  const context = checkPapers(core, actor, input.auditId, input.requirement);
  return {
    id: SAMPLE_FORM_ID,
    title: `Sample for ${context.requirement}`,
    submitLabel: 'Record sample',
    intro: 'For a random sample the bot numbers the population 1..N and draws the items itself, with a seed anyone can use to redraw them.',
    context,
    fields: [
      { id: S.population, label: 'Population', hint: 'What was sampled, e.g. joiners in Q3.', type: 'text', required: true, maxLength: 300 },
      { id: S.populationSize, label: 'Population size', type: 'text', required: true, maxLength: 7 },
      { id: S.sampleSize, label: 'Sample size', type: 'text', required: true, maxLength: 3 },
      {
        id: S.method,
        label: 'Method',
        type: 'select',
        required: true,
        options: [
          { value: 'random', label: 'Random (the bot draws the items)' },
          { value: 'judgemental', label: 'Judgemental (you choose the items)' },
          { value: 'all', label: 'All items' },
        ],
        initial: 'random',
      },
      { id: S.seed, label: 'Seed', hint: 'Random only; leave empty and the bot picks one and records it.', type: 'text', required: false, maxLength: 10 },
      { id: S.items, label: 'Items chosen', hint: 'Judgemental only: the item numbers, separated by commas.', type: 'textarea', required: false, maxLength: 4000 },
    ],
  };
}

export function openInterviewForm(core: Core, actor: Actor, input: { auditId: string; requirement: string }): Form {
  const context = checkPapers(core, actor, input.auditId, input.requirement);
  return {
    id: INTERVIEW_FORM_ID,
    title: `Interview for ${context.auditId}`,
    submitLabel: 'Record interview',
    context,
    fields: [
      { id: I.who, label: 'Who', hint: 'An e-mail of the organisation, or the name of an outsider.', type: 'text', required: true, maxLength: 200 },
      { id: I.role, label: 'Their role', type: 'text', required: true, maxLength: 200 },
      { id: I.when, label: 'When', type: 'date', required: true, initial: localDate(core.clock.now(), core.settings.timezone) },
      { id: I.requirements, label: 'Requirements discussed', hint: 'Separated by commas.', type: 'text', required: true, maxLength: 1000, initial: context.requirement },
      { id: I.summary, label: 'Summary', type: 'textarea', required: true, maxLength: 4000 },
    ],
  };
}

export const PLAN_FORM_ID = 'audit.plan';

export function openPlanForm(core: Core, actor: Actor, input: { auditId: string }): Form {
  const { auditId } = parseInput(AuditIdInput, input, 'No plan form to open.');
  const tz = core.settings.timezone;
  const { plan, defaults } = core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    requireLeadAuditorOf(tx, actor, audit, 'write its plan');
    requireStatus(audit, ['planned', 'in_progress'], 'change its plan');
    return { plan: tx.conduct.getPlan(audit.id), defaults: defaultPlanParts(tx, audit) };
  });
  const first = plan?.schedule[0];
  const last = plan?.schedule.at(-1);
  const interviews = plan?.schedule.filter((s) => s.what.startsWith('Interview: ')).map((s) => `${localDateTime(s.at, tz)} ${s.what.slice('Interview: '.length)}`) ?? [];
  return {
    id: PLAN_FORM_ID,
    title: `Plan of ${auditId}`,
    submitLabel: 'Save plan',
    intro: `Dates and times are in ${tz}. Share it with the auditees afterwards: audit plan-share ${auditId}`,
    context: { auditId },
    fields: [
      { id: P.objectives, label: 'Objectives', type: 'textarea', required: true, maxLength: MAX_PLAN_TEXT, ...(plan ? { initial: plan.objectives } : {}) },
      {
        id: P.method,
        label: 'Method',
        type: 'select',
        required: true,
        options: [
          { value: 'remote', label: 'Remote' },
          { value: 'on_site', label: 'On site' },
          { value: 'mixed', label: 'Mixed' },
        ],
        initial: plan?.method ?? 'mixed',
      },
      { id: P.criteria, label: 'Criteria', hint: 'One a line: the standard, policies, procedures, legal and contractual requirements.', type: 'textarea', required: false, maxLength: MAX_PLAN_TEXT, initial: (plan?.criteria ?? defaults.criteria).join('\n') },
      { id: P.auditees, label: 'Auditees', hint: 'E-mails, one a line.', type: 'textarea', required: false, maxLength: MAX_PLAN_TEXT, initial: (plan?.auditees ?? defaults.auditees).join('\n') },
      { id: P.opening, label: 'Opening meeting', hint: 'YYYY-MM-DD HH:MM', type: 'text', required: true, maxLength: 16, ...(first ? { initial: localDateTime(first.at, tz) } : {}) },
      { id: P.interviews, label: 'Interviews', hint: 'One a line: YYYY-MM-DD HH:MM and who.', type: 'textarea', required: false, maxLength: MAX_PLAN_TEXT, ...(interviews.length > 0 ? { initial: interviews.join('\n') } : {}) },
      { id: P.closing, label: 'Closing meeting', hint: 'YYYY-MM-DD HH:MM', type: 'text', required: true, maxLength: 16, ...(last ? { initial: localDateTime(last.at, tz) } : {}) },
    ],
  };
}
