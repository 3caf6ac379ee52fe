// The bot's turn logic: which tenant the activity comes from, who is speaking, remember where
// (conversation reference, time zone, last platform), then route the activity to its handler.
// One error sink answers the person with a reference id and logs the same id, as the Slack
// adapter does.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { errorMessage } from '../../src/chat/dispatch.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import type { Logger } from '../../src/logger.js';
import { baseConversationId, isPersonal, rememberTurn } from './conversations.js';
import { handleCardSubmit } from './handlers/card-submit.js';
import { handleInstallation, installChange } from './handlers/installation.js';
import { handleMessage } from './handlers/message.js';
import { resolveIdentity } from './identity.js';
import { renderMessage } from './render.js';
import { tenantAllowed } from './tenant.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export interface BotOptions {
  core: Core;
  logger: Logger;
  /** The tenants whose activities are accepted, lower case (see tenant.ts). */
  allowedTenants: readonly string[];
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

/**
 * An activity from a tenant that is not allowed: a message (or the app installed in a personal
 * chat) gets the outsider answer; nothing is stored, looked up or run.
 */
async function refuseTenant(context: TurnContext, opts: BotOptions, tenants: readonly string[]): Promise<void> {
  const type = context.activity.type;
  opts.logger.warn({ tenants, type, conversationType: context.activity.conversation.conversationType }, 'teams: an activity from a tenant that is not allowed was refused');
  const personalInstall = type === 'conversationUpdate' && installChange(context) === 'added' && isPersonal(context);
  if (type === 'message' || personalInstall) await context.sendActivity(renderMessage(outsiderAnswer(opts.core)));
}

async function route(context: TurnContext, opts: BotOptions): Promise<void> {
  const { core } = opts;
  const type = context.activity.type;
  const tenant = tenantAllowed(context.activity, opts.allowedTenants, opts.anonymous);
  if (!tenant.allowed) return refuseTenant(context, opts, tenant.tenants);
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
