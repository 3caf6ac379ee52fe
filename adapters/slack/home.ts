// The App Home tab: "my work" (src/core/my-work), the same query `mine` answers from, with every
// part shown: the audits the person is on and their corrective actions, the evidence they owe
// or review, and the findings they raised and own. It is published when the tab is opened and
// again whenever their work changes (a form they submitted, a notification they were sent).
import type { webApi } from '@slack/bolt';
import type { Core } from '../../src/core/context.js';
import { listMyWork } from '../../src/core/my-work/list-my-work.js';
import { myWorkBlocks } from '../../src/core/my-work/my-work-messages.js';
import type { Block, Message } from '../../src/core/message.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import type { Logger } from '../../src/logger.js';
import { RUN_BUTTON_ID } from './inbound.js';
import { renderHome } from './render.js';

export interface HomeRefresher {
  /** Publishes the person's home; failures are logged, never thrown (it is a courtesy). */
  refresh(person: PersonRecord): Promise<void>;
  message(person: PersonRecord): Promise<Message>;
}

export function createHomeRefresher(deps: { core: Core; client: webApi.WebClient; logger: Logger }): HomeRefresher {
  async function message(person: PersonRecord): Promise<Message> {
    const work = listMyWork(deps.core, { email: person.email, channel: 'slack' });
    const blocks: Block[] = [
      { type: 'text', text: `Hello ${person.name}. This is your internal audit work (ISO/IEC 27001:2022), kept up to date as it changes.` },
      { type: 'buttons', buttons: [{ id: RUN_BUTTON_ID, label: 'Record a finding', value: 'finding', style: 'primary' }, { id: RUN_BUTTON_ID, label: 'Help', value: 'help' }] },
      { type: 'divider' },
      ...myWorkBlocks(work, deps.core.settings.timezone),
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
