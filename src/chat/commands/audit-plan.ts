import { planMessage } from '../../core/programme/messages.js';
import { planProgramme } from '../../core/programme/plan-programme.js';
import type { ChatCommand } from '../types.js';

const USAGE = 'audit plan <cycle> <start YYYY-MM-DD> [months] [max per month]';

const number = (text: string | undefined, what: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${what} must be a whole number; got "${text}". Usage: ${USAGE}`);
  return Number(text);
};

export const auditPlanCommand: ChatCommand = {
  words: ['audit', 'plan'],
  usage: USAGE,
  summary: 'plan or re-plan the programme of a cycle (e.g. audit plan 2027 2027-01-01 12 4)',
  leadOnly: true,
  run(ctx, args) {
    const [cycle, start, monthsText, maxText] = args;
    if (!cycle || !start || args.length > 4) {
      const text = `Usage: ${USAGE}. Example: audit plan 2027 2027-01-01 12 4 (12 months, at most 4 audits a month).`;
      return { kind: 'message', message: { summary: text, blocks: [{ type: 'text', text }] } };
    }
    let months: number | undefined;
    let maxPerMonth: number | undefined;
    try {
      months = number(monthsText, 'Months');
      maxPerMonth = number(maxText, 'Max per month');
    } catch (e) {
      const text = (e as Error).message;
      return { kind: 'message', message: { summary: text, blocks: [{ type: 'text', text }] } };
    }
    const result = planProgramme(
      ctx.core,
      { cycle, start, ...(months !== undefined ? { months } : {}), ...(maxPerMonth !== undefined ? { maxPerMonth } : {}) },
      { email: ctx.actor.email, channel: ctx.channel },
    );
    return { kind: 'message', message: planMessage(result) };
  },
};
