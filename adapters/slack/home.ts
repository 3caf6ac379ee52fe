// The App Home tab: "my work" (src/core/my-work), the same query `mine` answers from, with every
// part shown: the audits the person is on and their corrective actions, the evidence they owe
// or review, and the findings they raised and own. It is published when the tab is opened and
// again whenever their work changes (a form they submitted, a notification they were sent).
import type { webApi } from '@slack/bolt';
import type { ChatContext } from '../../src/chat/types.js';
import { listMyWork } from '../../src/core/my-work/list-my-work.js';
import { myWorkBlocks } from '../../src/core/my-work/my-work-messages.js';
import type { Block, Message } from '../../src/core/message.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import type { Logger } from '../../src/logger.js';
import { renderHome } from './render.js';

/** The neutral button the adapter itself handles: runs its value as chat text (with a trigger). */
export const RUN_ACTION_ID = 'slack.run';

export interface HomeRefresher {
  /** Publishes the person's home; failures are logged, never thrown (it is a courtesy). */
  refresh(person: PersonRecord): Promise<void>;
  message(person: PersonRecord): Promise<Message>;
}

export function createHomeRefresher(deps: { context: (person: PersonRecord) => ChatContext; client: webApi.WebClient; logger: Logger }): HomeRefresher {
  async function message(person: PersonRecord): Promise<Message> {
    const ctx = deps.context(person);
    const work = listMyWork(ctx.core, { email: person.email, channel: ctx.channel });
    const blocks: Block[] = [
      { type: 'text', text: `Hello ${person.name}. This is your internal audit work (ISO/IEC 27001:2022), kept up to date as it changes.` },
      { type: 'buttons', buttons: [{ id: RUN_ACTION_ID, label: 'Record a finding', value: 'finding', style: 'primary' }, { id: RUN_ACTION_ID, label: 'Help', value: 'help' }] },
      { type: 'divider' },
      ...myWorkBlocks(work, ctx.core.settings.timezone),
      { type: 'context', text: 'Type /audit help for every command. Findings are recorded to improve the ISMS, not to blame anyone.' },
    ];
    return { summary: `Your audit work, ${person.name}`, title: 'My audit work', blocks };
  }

  return {
    message,
    async refresh(person) {
      if (!person.slackId) return;
      try {
        await deps.client.views.publish({ user_id: person.slackId, view: renderHome(await message(person)) });
      } catch (e) {
        deps.logger.warn({ err: e, email: person.email }, 'could not refresh the App Home');
      }
    },
  };
}
