// Who is speaking: a Teams user (Entra object id) is the person whose stored Teams id matches,
// else the person whose e-mail is the user's e-mail or UPN (from the activity, or asked from
// Teams), and then their Teams id is stored so the next turn needs no lookup. Someone not in
// the organisation file gets the same short answer as on Slack, and nothing else happens.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Core } from '../../src/core/context.js';
import { isAuditbotError } from '../../src/core/errors.js';
import type { Message } from '../../src/core/message.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import type { PersonRecord } from '../../src/core/organisation/types.js';
import type { Logger } from '../../src/logger.js';
import { isTimeZone } from '../../src/core/time-zone.js';

export type Identity = { kind: 'person'; person: PersonRecord } | { kind: 'outsider'; answer: Message };

const looksLikeEmail = (s: unknown): s is string => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** Addresses an account record carries: Teams members have `email` and `userPrincipalName`. */
function emailsOf(account: Record<string, unknown>): string[] {
  return [...new Set([account.email, account.userPrincipalName].filter(looksLikeEmail).map((e) => e.trim().toLowerCase()))];
}

/** The tenant the activity comes from, wherever Teams put it. */
export function activityTenant(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return context.activity.conversation?.tenantId ?? fromChannelData;
}

export interface IdentityOptions {
  core: Core;
  logger: Logger;
  /** When set (single-tenant bots), people from any other tenant are outsiders. */
  tenantId: string | undefined;
  /**
   * Local testing without authentication: activities from the Bot Framework Emulator are
   * accepted, and a user id that is an Entra object id stands for the Teams id.
   */
  anonymous: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveIdentity(context: TurnContext, opts: IdentityOptions): Promise<Identity> {
  const { core, logger } = opts;
  const outsider = (): Identity => ({ kind: 'outsider', answer: outsiderAnswer(core) });
  const from = (context.activity.from ?? {}) as unknown as Record<string, unknown>;
  // Only Teams vouches for `aadObjectId`; another channel's client could claim anyone's.
  if (!opts.anonymous && context.activity.channelId !== 'msteams') {
    logger.warn({ channelId: context.activity.channelId }, 'teams: an activity from a channel other than Microsoft Teams');
    return outsider();
  }
  const claimed = typeof from.aadObjectId === 'string' && from.aadObjectId !== '' ? from.aadObjectId : undefined;
  const aadObjectId = claimed ?? (opts.anonymous && typeof from.id === 'string' && GUID.test(from.id) ? from.id : undefined);
  const tz = context.activity.localTimezone;
  const timezone = tz && isTimeZone(tz) ? { timezone: tz } : {};

  const tenant = activityTenant(context);
  if (opts.tenantId && tenant && tenant.toLowerCase() !== opts.tenantId.toLowerCase()) {
    logger.warn({ tenant }, 'teams: a user of another tenant wrote to the bot');
    return outsider();
  }

  if (aadObjectId) {
    const byId = core.store.transaction((tx) => tx.organisation.findPersonByTeamsId(aadObjectId));
    if (byId && !byId.active) return outsider();
    if (byId) return { kind: 'person', person: recordChatContact(core, { email: byId.email, platform: 'teams', used: true, ...timezone }, 'teams') };
  }

  const emails = emailsOf(from);
  if (emails.length === 0 && typeof from.id === 'string' && context.activity.channelId === 'msteams') {
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      emails.push(...emailsOf(member as unknown as Record<string, unknown>));
    } catch (e) {
      logger.warn({ err: e, user: from.id }, 'teams: could not look up the e-mail of a user');
    }
  }

  for (const email of emails) {
    const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!person) continue;
    if (!person.active) return outsider();
    try {
      const linked = recordChatContact(core, { email, platform: 'teams', used: true, ...(aadObjectId ? { platformId: aadObjectId } : {}), ...timezone }, 'teams');
      return { kind: 'person', person: linked };
    } catch (e) {
      // The Teams account is linked to someone else: acting as this person would be a mix-up.
      if (isAuditbotError(e) && e.code === 'conflict') {
        logger.warn({ email, err: e }, 'teams: Teams account already linked to another person');
        return outsider();
      }
      throw e;
    }
  }
  return outsider();
}
