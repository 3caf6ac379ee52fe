// The person picker (an external select): the registry's person search (active people by name
// or e-mail). Only people of the organisation may search it; anyone else gets an empty list.
import type { AllMiddlewareArgs, App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { renderOptions, searchActionId, SLACK_LIMITS } from '../../render.js';

export function registerPersonOptions(app: App, deps: SlackDeps): void {
  app.options(
    { action_id: searchActionId('person') },
    guard<SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs>(deps.sink, async ({ ack, body }) => {
      const identity = deps.identity.known(body.user.id);
      if (identity?.kind !== 'person') {
        await ack({ options: [] });
        return;
      }
      await ack({ options: renderOptions(deps.chat.registry.search(deps.core, 'person', body.value ?? '', SLACK_LIMITS.options)) });
    }),
  );
}
