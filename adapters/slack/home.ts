// The App Home tab: "my work". It is made of the chat answers of HOME_SECTIONS (the audits the
// person is on, the evidence they owe or review) and the findings they raised and own; it is
// published when the tab is opened and again whenever their work changes (a form they
// submitted, a notification they were sent).
import type { webApi } from '@slack/bolt';
import { findCommand, runChatText } from '../../src/chat/dispatch.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { FindingView } from '../../src/core/findings/list-findings.js';
import { listMyFindings } from '../../src/core/findings/list-my-findings.js';
import type { Block, Message } from '../../src/core/message.js';
import type { Logger } from '../../src/logger.js';
import { renderHome } from './render.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { CLASSIFICATION_LABELS } from '../../src/core/shared/classification.js';

/** The neutral action the adapter itself handles: runs its value as chat text (with a trigger). */
export const RUN_ACTION_ID = 'slack.run';

export interface HomeRefresher {
  /** Publishes the person's home; failures are logged, never thrown (it is a courtesy). */
  refresh(person: PersonRecord): Promise<void>;
  message(person: PersonRecord): Promise<Message>;
}

const HOME_LIST = 15;

/** Chat commands whose answers make up "my work": audits I am on, evidence I owe or review. */
export const HOME_SECTIONS = ['mine', 'evidence'] as const;

const findingLine = (f: FindingView, who: 'owner' | 'raisedBy'): string =>
  `${f.id} · ${CLASSIFICATION_LABELS[f.classification]} against ${f.requirement} (${f.auditId})${who === 'owner' ? `, owner ${f.owner}` : `, raised by ${f.raisedBy}`}`;

function findingsList(title: string, list: FindingView[], who: 'owner' | 'raisedBy', none: string): Block {
  if (list.length === 0) return { type: 'context', text: `${title}: ${none}` };
  const latest = [...list].reverse();
  return { type: 'list', title, items: latest.slice(0, HOME_LIST).map((f) => findingLine(f, who)), more: Math.max(0, latest.length - HOME_LIST), moreHint: 'Ask your audit lead for the findings register.' };
}

export function createHomeRefresher(deps: { context: (person: PersonRecord) => ChatContext; client: webApi.WebClient; logger: Logger }): HomeRefresher {
  async function message(person: PersonRecord): Promise<Message> {
    const ctx = deps.context(person);
    const blocks: Block[] = [
      { type: 'text', text: `Hello ${person.name}. This is your internal audit work (ISO/IEC 27001:2022), kept up to date as it changes.` },
      { type: 'buttons', buttons: [{ id: RUN_ACTION_ID, label: 'Record a finding', value: 'finding', style: 'primary' }, { id: RUN_ACTION_ID, label: 'Help', value: 'help' }] },
      { type: 'divider' },
    ];
    for (const section of HOME_SECTIONS) {
      // Each section is a chat command of its feature; the home shows those this build has.
      if (!findCommand(section)) continue;
      const reply = await runChatText(ctx, section);
      if (reply.kind !== 'message') continue;
      if (reply.message.title) blocks.push({ type: 'text', text: reply.message.title });
      blocks.push(...reply.message.blocks, { type: 'divider' });
    }
    const { raised, owned } = listMyFindings(ctx.core, { email: person.email, channel: ctx.channel });
    blocks.push(findingsList('Findings you raised', raised, 'owner', 'none yet.'));
    blocks.push(findingsList('Findings on what you own', owned, 'raisedBy', 'none.'));
    blocks.push({ type: 'context', text: 'Type /audit help for every command. Findings are recorded to improve the ISMS, not to blame anyone.' });
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
