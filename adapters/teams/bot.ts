// The bot's turn logic: which tenant the activity comes from, who is speaking, remember where
// (conversation reference, time zone, last platform), then the activity as the chat pipeline
// takes it (a typed message, a form or a button of a card) and its reply as a card. What fails
// outside the pipeline is answered and logged as on every platform (src/chat/faults.ts).
import type { TurnContext } from 'botbuilder';
import { faultMessage, noticeMessage, reportFault } from '../../src/chat/faults.js';
import type { Chat } from '../../src/chat/pipeline.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import type { Logger } from '../../src/logger.js';
import { baseConversationId, isPersonal, rememberTurn } from './conversations.js';
import { parseCardSubmit, showFormOutcome, UNREADABLE_CARD } from './handlers/card-submit.js';
import { handleInstallation, installChange } from './handlers/installation.js';
import { messageInbound } from './handlers/message.js';
import { resolveIdentity } from './identity.js';
import { renderMessage } from './render.js';
import { choicesFrom, sendReply } from './reply.js';
import { tenantAllowed } from './tenant.js';

export interface BotOptions {
  /** The one inbound path, with the registry this adapter serves. */
  chat: Chat;
  logger: Logger;
  /** The tenants whose activities are accepted, lower case (see tenant.ts). */
  allowedTenants: readonly string[];
  /** Local testing without authentication (see identity.ts). */
  anonymous: boolean;
}

export type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * An activity from a tenant that is not allowed: a message (or the app installed in a personal
 * chat) gets the outsider answer; nothing is stored, looked up or run.
 */
async function refuseTenant(context: TurnContext, opts: BotOptions, tenants: readonly string[]): Promise<void> {
  const type = context.activity.type;
  opts.logger.warn({ tenants, type, conversationType: context.activity.conversation.conversationType }, 'teams: an activity from a tenant that is not allowed was refused');
  const personalInstall = type === 'conversationUpdate' && installChange(context) === 'added' && isPersonal(context);
  if (type === 'message' || personalInstall) await context.sendActivity(renderMessage(outsiderAnswer(opts.chat.core)));
}

async function route(context: TurnContext, opts: BotOptions): Promise<void> {
  const { chat } = opts;
  const type = context.activity.type;
  const tenant = tenantAllowed(context.activity, opts.allowedTenants, opts.anonymous);
  if (!tenant.allowed) return refuseTenant(context, opts, tenant.tenants);
  if (type === 'conversationUpdate' || type === 'installationUpdate') {
    // Other members joining or leaving are none of the bot's business.
    if (installChange(context) === 'none') return;
    await handleInstallation(context, chat.core, await resolveIdentity(context, { core: chat.core, logger: opts.logger, anonymous: opts.anonymous }), chat.registry.help());
    return;
  }
  if (type !== 'message') return;
  const identity = await resolveIdentity(context, { core: chat.core, logger: opts.logger, anonymous: opts.anonymous });
  const person = identity.kind === 'person' ? identity.person : null;
  // A channel is worth remembering whoever spoke: its digest does not depend on who it was.
  rememberTurn(context, chat.core, person);
  const value = context.activity.value;
  const card = value !== undefined && value !== null ? parseCardSubmit(value) : null;
  if (value !== undefined && value !== null && !card) {
    await context.sendActivity(renderMessage(noticeMessage(UNREADABLE_CARD)));
    return;
  }
  const reply = await chat.handle({
    inbound: card ?? messageInbound(context),
    platform: 'teams',
    identify: () => identity,
    conversationId: baseConversationId(context.activity.conversation.id),
    // Teams has no private replies in a channel or group chat (reply.ts).
    shared: !isPersonal(context),
  });
  if (card?.kind === 'form') await showFormOutcome(context, choicesFrom(chat), card.inputs, reply);
  else await sendReply(context, chat, person, reply);
}

export function createBotLogic(opts: BotOptions): BotLogic {
  return async (context) => {
    try {
      await route(context, opts);
    } catch (e) {
      const reference = reportFault(opts.logger, e, { where: 'teams turn', platform: 'teams', activityId: context.activity.id, type: context.activity.type });
      try {
        await context.sendActivity(renderMessage(faultMessage(reference)));
      } catch (sendError) {
        opts.logger.error({ err: sendError, reference }, 'teams: could not tell the person about a failed turn');
      }
    }
  };
}
