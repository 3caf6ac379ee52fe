// The App Home tab opened: publish the person's "my work".
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { guard } from '../../errors.js';
import { renderHome } from '../../render.js';

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event(
    'app_home_opened',
    guard<SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs>(deps.sink, async ({ event, client }) => {
      if (event.tab !== 'home') return;
      const identity = await deps.identity.resolve(event.user);
      if (identity.kind === 'outsider') {
        await client.views.publish({ user_id: event.user, view: renderHome(identity.answer) });
        return;
      }
      await client.views.publish({ user_id: event.user, view: renderHome(await deps.home.message(identity.person)) });
    }),
  );
}
