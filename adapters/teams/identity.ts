// Who is speaking: a Teams user (Entra object id) is the person whose stored Teams id matches,
// else the person whose e-mail is the user's e-mail or UPN (from the activity, or asked from
// Teams), and then their Teams id is stored so the next turn needs no lookup, unless the person
// already has another Teams id: a second account with the same e-mail never takes over (the
// core decides, see chat-account-policy.ts). The activity's tenant was checked before (tenant.ts).
// Someone not in the organisation file, or such a second account, gets the same short answer as
// on Slack, and nothing else happens.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Identity } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { linkChatAccount } from '../../src/core/organisation/link-chat-account.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import type { Logger } from '../../src/logger.js';
import { isTimeZone } from '../../src/core/shared/time-zone.js';


const looksLikeEmail = (s: unknown): s is string => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** Addresses an account record carries: Teams members have `email` and `userPrincipalName`. */
function emailsOf(account: Record<string, unknown>): string[] {
  return [...new Set([account.email, account.userPrincipalName].filter(looksLikeEmail).map((e) => e.trim().toLowerCase()))];
}

export interface IdentityOptions {
  core: Core;
  logger: Logger;
  /**
   * Local testing without authentication: activities from the Bot Framework Emulator are
   * accepted, and a user id that is an Entra object id stands for the Teams id.
   */
  anonymous: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export async function resolveIdentity(context: TurnContext, opts: IdentityOptions): Promise<Identity> {
  const { core, logger } = opts;
  const outsider = (): Identity => ({ kind: 'outsider', answer: outsiderAnswer(core) });
  const from = (context.activity.from ?? {}) as unknown as Record<string, unknown>;
  // Only Teams vouches for `aadObjectId`; another channel's client could claim anyone's.
  if (!opts.anonymous && context.activity.channelId !== 'msteams') {
    logger.warn({ channelId: context.activity.channelId }, 'teams: an activity from a channel other than Microsoft Teams');
    return outsider();
  }
  let aadObjectId = nonEmpty(from.aadObjectId) ?? (opts.anonymous && typeof from.id === 'string' && GUID.test(from.id) ? from.id : undefined);
  const tz = context.activity.localTimezone;
  const timezone = tz && isTimeZone(tz) ? { timezone: tz } : {};

  const byId = (id: string): Identity | null => {
    const person = core.store.transaction((tx) => tx.organisation.findPersonByTeamsId(id));
    if (!person) return null;
    if (!person.active) return outsider();
    return { kind: 'person', person: recordChatContact(core, { email: person.email, platform: 'teams', used: true, ...timezone }, 'teams') };
  };

  if (aadObjectId) {
    const known = byId(aadObjectId);
    if (known) return known;
  }

  const emails = emailsOf(from);
  if (emails.length === 0 && typeof from.id === 'string' && context.activity.channelId === 'msteams') {
    try {
      const member = (await TeamsInfo.getMember(context, from.id)) as unknown as Record<string, unknown>;
      emails.push(...emailsOf(member));
      if (!aadObjectId && nonEmpty(member.aadObjectId)) {
        aadObjectId = nonEmpty(member.aadObjectId);
        const known = aadObjectId ? byId(aadObjectId) : null;
        if (known) return known;
      }
    } catch (e) {
      logger.warn({ err: e, user: from.id }, 'teams: could not look up the e-mail of a user');
    }
  }
  // Without an account id there is nothing to link, and an e-mail address alone proves nothing.
  if (!aadObjectId) return outsider();

  for (const email of emails) {
    const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!person) continue;
    if (!person.active) return outsider();
    const link = linkChatAccount(core, { email, platform: 'teams', platformId: aadObjectId, used: true, ...timezone }, 'teams');
    if (link.kind === 'linked') return { kind: 'person', person: link.person };
    logger.warn(
      { teamsUser: aadObjectId, email, reason: link.refusal.reason, leadsTold: link.firstReport },
      'teams: a Teams account was not linked to the person with its e-mail address (see reason); answered as an outsider',
    );
    return outsider();
  }
  return outsider();
}
