import { buildFindingForm, isForm } from '../../core/findings/finding-forms.js';
import type { ChatCommand } from '../types.js';

export const findingCommand: ChatCommand = {
  words: ['finding'],
  usage: 'finding [what you saw]',
  summary: 'record an audit finding; any text you add pre-fills the statement',
  run(ctx, _args, rawArgs) {
    const reply = buildFindingForm(ctx.core, { email: ctx.actor.email, channel: ctx.channel }, { prefillStatement: rawArgs });
    return isForm(reply) ? { kind: 'form', form: reply } : { kind: 'message', message: reply, visibility: 'private' };
  },
};
