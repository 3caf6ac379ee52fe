// The audit plan in chat: `audit plan <id>` shows it (the same words with a cycle plan the
// programme, in the programme's command), `audit plan-edit <id>` opens its form for the lead
// auditor, `audit plan-share <id>` sends it to the auditees.
import { MAX_PLAN_TEXT, PLAN_FIELDS as P, saveAuditPlan, shareAuditPlan } from '../../core/conduct/audit-plan.js';
import { openPlanForm, PLAN_FORM_ID } from '../../core/conduct/conduct-forms.js';
import type { ChatCommand, FormHandler } from '../types.js';
import { actorOf, say, usage } from '../replies.js';

export const auditPlanEditCommand: ChatCommand = {
  words: ['audit', 'plan-edit'],
  usage: 'audit plan-edit <audit id>',
  summary: 'write the plan of an audit: objectives, method, criteria, auditees, schedule (its lead auditor)',
  run(ctx, args) {
    const auditId = args[0] ?? usage('audit plan-edit <audit id>, e.g. audit plan-edit IA-2027-07');
    return { kind: 'form', form: openPlanForm(ctx.core, actorOf(ctx), { auditId }) };
  },
};

export const auditPlanShareCommand: ChatCommand = {
  words: ['audit', 'plan-share'],
  usage: 'audit plan-share <audit id>',
  summary: 'send the plan of an audit to its auditees (its lead auditor)',
  run(ctx, args) {
    const auditId = args[0] ?? usage('audit plan-share <audit id>, e.g. audit plan-share IA-2027-07');
    const r = shareAuditPlan(ctx.core, actorOf(ctx), { auditId });
    return say(`The plan of ${r.auditId} is on its way to ${r.told.length} auditee${r.told.length === 1 ? '' : 's'}${r.told.length > 0 ? ` (${r.told.join(', ')})` : ''}, in their working hours.`);
  },
};

export const auditPlanForm: FormHandler = {
  formId: PLAN_FORM_ID,
  maxLengths: { [P.objectives]: MAX_PLAN_TEXT, [P.criteria]: MAX_PLAN_TEXT, [P.auditees]: MAX_PLAN_TEXT, [P.interviews]: MAX_PLAN_TEXT, [P.opening]: 16, [P.closing]: 16 },
  submit(ctx, values, formContext) {
    const plan = saveAuditPlan(ctx.core, actorOf(ctx), { auditId: formContext.auditId, objectives: values[P.objectives], method: values[P.method], criteria: values[P.criteria], auditees: values[P.auditees], opening: values[P.opening], interviews: values[P.interviews], closing: values[P.closing] });
    return { ok: true, reply: say(`The plan of ${plan.auditId} is saved (${plan.schedule.length} scheduled items). Share it with the auditees: audit plan-share ${plan.auditId}`) };
  },
};
