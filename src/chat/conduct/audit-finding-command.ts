import { requirementTitle } from '../../core/catalogue/requirement-references.js';
import { buildFindingForm } from '../../core/findings/finding-forms.js';
import type { ChatCommand } from '../types.js';
import { formOrMessage, usage } from '../replies.js';

const USAGE = 'audit finding <audit id> <requirement>';

export const auditFindingCommand: ChatCommand = {
  words: ['audit', 'finding'],
  usage: USAGE,
  summary: 'record a finding from a checklist item: the finding form, with the audit and requirement filled in',
  run(ctx, args) {
    const [auditId, req] = args;
    if (!auditId || !req) return usage(`${USAGE}, e.g. audit finding IA-2027-07 A.5.15`);
    const requirement = req.toUpperCase();
    const title = requirementTitle(requirement);
    return formOrMessage(
      buildFindingForm(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, { auditId: auditId.toUpperCase(), requirement: { value: requirement, label: title ? `${requirement} ${title}`.slice(0, 75) : requirement } }),
    );
  },
};
