import { buildFindingForm, isForm } from '../../core/findings/finding-forms.js';
import { parseFindingId } from '../../core/corrective-actions/types.js';
import { showFinding } from '../../core/findings/show-finding.js';
import type { ChatCommand } from '../types.js';

export const findingCommand: ChatCommand = {
  words: ['finding'],
  usage: 'finding [what you saw]',
  summary: 'record an audit finding; any text you add pre-fills the statement',
  // `/finding door propped open` is a statement, whatever words it starts with.
  slashTakesAllText: true,
  run(ctx, _args, rawArgs) {
    // `finding F-2027-0012` means that finding, not a statement to pre-fill (issue 14.1).
    const id = parseFindingId(rawArgs);
    if (id) return { kind: 'message', message: showFinding(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, id), visibility: 'private' };
    const reply = buildFindingForm(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, { prefillStatement: rawArgs });
    return isForm(reply) ? { kind: 'form', form: reply } : { kind: 'message', message: reply, visibility: 'private' };
  },
};
