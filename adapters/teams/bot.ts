// The bot's turn logic: who is speaking, remember where (conversation reference, time zone,
// last platform), then route the activity to its handler. One error sink answers the person
// with a reference id and logs the same id, as the Slack adapter does.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { errorMessage } from '../../src/chat/dispatch.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import type { PersonRecord } from '../../src/core/organisation/types.js';
import type { Logger } from '../../src/logger.js';
import { baseConversationId, rememberTurn } from './conversations.js';
import { handleCardSubmit } from './handlers/card-submit.js';
import { handleInstallation, installChange } from './handlers/installation.js';
import { handleMessage } from './handlers/message.js';
import { resolveIdentity } from './identity.js';
import { renderMessage } from './render.js';

export interface BotOptions {
  core: Core;
  logger: Logger;
  /** Single-tenant bots recognise people of this tenant only. */
  tenantId: string | undefined;
  /** Local testing without authentication (see identity.ts). */
  anonymous: boolean;
}

export type BotLogic = (context: TurnContext) => Promise<void>;

const chatContext = (core: Core, context: TurnContext, actor: PersonRecord): ChatContext => ({
  core,
  actor,
  channel: 'teams',
  platform: 'teams',
  conversationId: baseConversationId(context.activity.conversation.id),
});

async function route(context: TurnContext, opts: BotOptions): Promise<void> {
  const { core } = opts;
  const type = context.activity.type;
  if (type === 'conversationUpdate' || type === 'installationUpdate') {
    // Other members joining or leaving are none of the bot's business.
    if (installChange(context) === 'none') return;
    await handleInstallation(context, core, await resolveIdentity(context, opts));
    return;
  }
  if (type !== 'message') return;
  const identity = await resolveIdentity(context, opts);
  if (identity.kind === 'outsider') {
    // A channel is still worth remembering: its digest does not depend on who spoke.
    rememberTurn(context, core, null);
    await context.sendActivity(renderMessage(identity.answer));
    return;
  }
  rememberTurn(context, core, identity.person);
  const chat = chatContext(core, context, identity.person);
  if (context.activity.value !== undefined && context.activity.value !== null) await handleCardSubmit(context, chat);
  else await handleMessage(context, chat);
}

export function createBotLogic(opts: BotOptions): BotLogic {
  return async (context) => {
    try {
      await route(context, opts);
    } catch (e) {
      const reference = randomUUID().slice(0, 8);
      opts.logger.error({ err: e, reference, activityId: context.activity.id, type: context.activity.type }, 'teams: turn failed');
      try {
        await context.sendActivity(
          renderMessage(errorMessage('Sorry, something went wrong on my side. Please try again; if it keeps happening, tell your audit lead and quote the reference.', reference)),
        );
      } catch (sendError) {
        opts.logger.error({ err: sendError, reference }, 'teams: could not tell the person about a failed turn');
      }
    }
  };
}
