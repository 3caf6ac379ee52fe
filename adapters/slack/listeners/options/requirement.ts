// The requirement picker (an external select): the registry's requirement search (clauses and
// Annex A controls by number, `9.2`, `A.5.15`, `a5.1`, or by words of the title).
import type { AllMiddlewareArgs, App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { renderOptions, searchActionId, SLACK_LIMITS } from '../../render.js';

export function registerRequirementOptions(app: App, deps: SlackDeps): void {
  app.options(
    { action_id: searchActionId('requirement') },
    guard<SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs>(deps.sink, async ({ ack, options }) => {
      await ack({ options: renderOptions(deps.chat.registry.search(deps.core, 'requirement', options.value ?? '', SLACK_LIMITS.options)) });
    }),
  );
}
