// The audit plan (ISO 19011 6.3.2): objectives, scope as planned, criteria (the standard plus the
// areas' own policies, procedures, legal and contractual requirements from the organisation
// file, editable per audit), auditees, method and schedule (opening meeting, interviews, closing
// meeting, in the organisation's time zone). The lead auditor writes and shares it; sharing
// tells the auditees.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Message } from '../message.js';
import type { Tx } from '../ports.js';
import type { AuditRecord } from '../programme/types.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { notifyPerson } from '../shared/notify.js';
import { activePerson } from '../shared/people.js';
import { auditeesOf } from './auditees.js';
import { loadAudit, requireLeadAuditorOf, requireStatus, scopeOf } from './conduct-access.js';
import { AuditIdInput } from './report-audit.js';
import { AUDIT_METHODS, type AuditMethod, type PlanRecord } from './types.js';
import { localDateTime, zonedDateTime } from './zoned-time.js';

export const PLAN_FIELDS = { objectives: 'objectives', method: 'method', criteria: 'criteria', auditees: 'auditees', opening: 'opening', interviews: 'interviews', closing: 'closing' } as const;
export const MAX_PLAN_TEXT = 4000;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})\s+([01]\d|2[0-3]):([0-5]\d)$/;
const when = (what: string) => z.string({ message: `${what}: YYYY-MM-DD HH:MM` }).trim().regex(DATE_TIME, `${what}: YYYY-MM-DD HH:MM, e.g. 2027-03-01 09:30`);

export const SavePlanInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  objectives: z.string({ message: 'the objectives' }).trim().min(1, 'the objectives of the audit').max(MAX_PLAN_TEXT),
  method: z.enum(AUDIT_METHODS, { message: 'remote, on_site or mixed' }),
  criteria: z.string().trim().max(MAX_PLAN_TEXT).optional(),
  auditees: z.string().trim().max(MAX_PLAN_TEXT).optional(),
  opening: when('Opening meeting'),
  /** One interview a line: `YYYY-MM-DD HH:MM who or what`. */
  interviews: z.string().trim().max(MAX_PLAN_TEXT).optional(),
  closing: when('Closing meeting'),
});

const lines = (text: string | undefined): string[] => (text ?? '').split(/\n|;/).map((l) => l.trim()).filter(Boolean);

/** What the plan would say if nobody had written one: criteria and auditees from the organisation file. */
export function defaultPlanParts(tx: Tx, audit: AuditRecord): { criteria: string[]; auditees: string[] } {
  return { criteria: audit.criteria, auditees: auditeesOf(tx, audit).map((p) => p.email) };
}

export function saveAuditPlan(core: Core, actor: Actor, input: unknown): PlanRecord {
  const data = parseInput(SavePlanInput, input, 'The plan was not saved.');
  const tz = core.settings.timezone;
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, data.auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'write its plan');
    requireStatus(audit, ['planned', 'in_progress'], 'change its plan');
    const errors: Record<string, string> = {};
    const auditees = lines(data.auditees?.replace(/,/g, '\n')).map((e) => e.toLowerCase());
    const unknown = auditees.filter((e) => !tx.organisation.getPerson(e));
    if (unknown.length > 0) errors[PLAN_FIELDS.auditees] = `Not in the organisation file: ${unknown.join(', ')}.`;
    const schedule: { what: string; at: string }[] = [];
    const at = (text: string) => {
      const m = DATE_TIME.exec(text);
      return m ? zonedDateTime(m[1] ?? '', `${m[2]}:${m[3]}`, tz) : '';
    };
    schedule.push({ what: 'Opening meeting', at: at(data.opening) });
    for (const line of lines(data.interviews)) {
      const m = /^(\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2})\s+(.+)$/.exec(line);
      if (!m || !DATE_TIME.test(m[1] ?? '')) {
        errors[PLAN_FIELDS.interviews] = `"${line.slice(0, 60)}" should read YYYY-MM-DD HH:MM and who, e.g. 2027-03-02 10:00 Bo Berg (IAM owner).`;
        continue;
      }
      schedule.push({ what: `Interview: ${(m[2] ?? '').slice(0, 200)}`, at: at(m[1] ?? '') });
    }
    schedule.push({ what: 'Closing meeting', at: at(data.closing) });
    if ((schedule.at(-1)?.at ?? '') < (schedule[0]?.at ?? '')) errors[PLAN_FIELDS.closing] = 'The closing meeting comes after the opening meeting.';
    if (Object.keys(errors).length > 0) throw new AuditbotError('validation_failed', `The plan was not saved. ${Object.values(errors).join(' ')}`, errors);
    const defaults = defaultPlanParts(tx, audit);
    const before = tx.conduct.getPlan(audit.id);
    const plan: PlanRecord = {
      auditId: audit.id,
      objectives: data.objectives,
      method: data.method as AuditMethod,
      criteria: data.criteria ? lines(data.criteria) : defaults.criteria,
      auditees: auditees.length > 0 ? auditees : defaults.auditees,
      schedule: schedule.sort((a, b) => a.at.localeCompare(b.at)),
      sharedAt: before?.sharedAt ?? null,
      updatedBy: person.email,
      updatedAt: core.clock.now().toISOString(),
    };
    tx.conduct.savePlan(plan);
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.plan_saved', subject: `audit:${audit.id}`, after: { objectives: plan.objectives, method: plan.method, criteria: plan.criteria, auditees: plan.auditees, schedule: plan.schedule } });
    return plan;
  });
}

export function planMessageOf(audit: AuditRecord, plan: PlanRecord | null, defaults: { criteria: string[]; auditees: string[] }, tz: string): Message {
  if (!plan) {
    const text = `${audit.id} has no plan yet. Its lead auditor writes one with: audit plan-edit ${audit.id}`;
    return { summary: text, title: `Plan of ${audit.id}`, blocks: [{ type: 'text', text }, { type: 'fields', fields: [{ label: 'Scope', value: scopeOf(audit).join(', ') || 'none' }, { label: 'Criteria', value: defaults.criteria.join('; ') || 'ISO/IEC 27001:2022' }, { label: 'Auditees', value: defaults.auditees.join(', ') || 'none' }] }] };
  }
  return {
    summary: `Plan of ${audit.id}: ${plan.method.replace('_', ' ')}, opening ${localDateTime(plan.schedule[0]?.at ?? '', tz)}${plan.sharedAt ? ', shared' : ', not shared yet'}.`,
    title: `Plan of ${audit.id}`,
    blocks: [
      { type: 'text', text: `Objectives: ${plan.objectives}` },
      { type: 'fields', fields: [{ label: 'Method', value: plan.method.replace('_', ' ') }, { label: 'Scope', value: scopeOf(audit).join(', ') || 'none' }, { label: 'Criteria', value: plan.criteria.join('; ') }, { label: 'Auditees', value: plan.auditees.join(', ') }] },
      { type: 'list', title: `Schedule (${tz})`, items: plan.schedule.map((s) => `${localDateTime(s.at, tz)}: ${s.what}`) },
      { type: 'context', text: plan.sharedAt ? `Shared with the auditees on ${localDateTime(plan.sharedAt, tz)}.` : `Not shared yet: audit plan-share ${audit.id}` },
    ],
  };
}

export function showAuditPlan(core: Core, actor: Actor, input: unknown): Message {
  const { auditId } = parseInput(AuditIdInput, input, 'No plan to show.');
  return core.store.transaction((tx) => {
    activePerson(tx, actor.email);
    const audit = loadAudit(tx, auditId);
    return planMessageOf(audit, tx.conduct.getPlan(audit.id), defaultPlanParts(tx, audit), core.settings.timezone);
  });
}

export function shareAuditPlan(core: Core, actor: Actor, input: unknown): { auditId: string; told: string[] } {
  const { auditId } = parseInput(AuditIdInput, input, 'The plan was not shared.');
  return core.store.transaction((tx) => {
    const audit = loadAudit(tx, auditId);
    const person = requireLeadAuditorOf(tx, actor, audit, 'share its plan');
    requireStatus(audit, ['planned', 'in_progress'], 'share its plan');
    const plan = tx.conduct.getPlan(audit.id);
    if (!plan) throw new AuditbotError('illegal_transition', `${audit.id} has no plan to share yet. Write it first: audit plan-edit ${audit.id}`);
    const now = core.clock.now().toISOString();
    tx.conduct.savePlan({ ...plan, sharedAt: now });
    const message = planMessageOf(audit, { ...plan, sharedAt: now }, plan, core.settings.timezone);
    const told: string[] = [];
    for (const email of plan.auditees) {
      const auditee = tx.organisation.getPerson(email);
      if (!auditee?.active || email === person.email) continue;
      if (notifyPerson(tx, core, auditee, `audit:${audit.id}:plan:${now}:${email}`, { ...message, summary: `The plan of audit ${audit.id}, in which you are an auditee: ${message.summary}` })) told.push(email);
    }
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.plan_shared', subject: `audit:${audit.id}`, after: { told } });
    return { auditId: audit.id, told };
  });
}
