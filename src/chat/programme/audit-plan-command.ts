import { planMessage } from '../../core/programme/programme-messages.js';
import { planProgramme } from '../../core/programme/plan-programme.js';
import type { ChatCommand } from '../types.js';
import { showAuditPlan } from '../../core/conduct/audit-plan.js';
import { actorOf, privately, say } from '../replies.js';

const USAGE = 'audit plan <cycle> <start YYYY-MM-DD> [months] [max per month]';

/** `audit plan IA-2027-07` shows one audit's plan; a cycle name plans the programme. */
const AUDIT_ID = /^IA-\d{4}-\d+$/i;

export const auditPlanCommand: ChatCommand = {
  words: ['audit', 'plan'],
  usage: USAGE,
  summary: 'plan or re-plan the programme of a cycle (e.g. audit plan 2027 2027-01-01 12 4); with an audit id, show that audit\'s plan',
  leadOnly: true,
  run(ctx, args) {
    const [cycle, start, monthsText, maxText] = args;
    if (cycle && AUDIT_ID.test(cycle) && args.length === 1) return privately(showAuditPlan(ctx.core, actorOf(ctx), { auditId: cycle }));
    if (!cycle || !start || args.length > 4) return say(`Usage: ${USAGE}. Example: audit plan 2027 2027-01-01 12 4 (12 months, at most 4 audits a month).`);
    for (const [text, what] of [[monthsText, 'Months'], [maxText, 'Max per month']] as const) {
      if (text !== undefined && !/^\d+$/.test(text)) return say(`${what} must be a whole number; got "${text}". Usage: ${USAGE}`);
    }
    const result = planProgramme(
      ctx.core,
      { cycle, start, ...(monthsText !== undefined ? { months: Number(monthsText) } : {}), ...(maxText !== undefined ? { maxPerMonth: Number(maxText) } : {}) },
      { email: ctx.actor.email, channel: ctx.channel },
    );
    return { kind: 'message', message: planMessage(result) };
  },
};
