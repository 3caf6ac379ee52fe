// The person picker (an external select): active people by name or e-mail. Only people of the
// organisation may search it; anyone else gets an empty list.
import type { AllMiddlewareArgs, App, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { searchPeople } from '../../../../src/core/organisation/search-people.js';
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
      const found = searchPeople(deps.core, body.value ?? '', SLACK_LIMITS.options);
      await ack({ options: renderOptions(found.map((p) => ({ value: p.email, label: p.label }))) });
    }),
  );
}
