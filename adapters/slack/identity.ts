// Slack user → person. First by the Slack id stored with the person (from the organisation file
// or learnt earlier), else by the e-mail Slack gives for the user (`users.info`), which links the
// id for next time, unless the person already has another Slack id: a second account with the
// same e-mail never takes over (the core decides, see chat-account-policy.ts). Someone who is
// not an active person, or such a second account, gets the outsider answer and nothing else.
import type { webApi } from '@slack/bolt';
import type { Identity } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { linkChatAccount } from '../../src/core/organisation/link-chat-account.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import type { Logger } from '../../src/logger.js';
import { SlackAdapterError } from './errors.js';
import { isTimeZone } from '../../src/core/shared/time-zone.js';
import type { PersonRecord } from '../../src/core/shared/people.js';


export interface IdentityResolver {
  /** From the database only: no Slack call, so it is safe inside the 3-second trigger window. */
  known(slackUserId: string): Identity | null;
  /** Known, else asks Slack for the user's e-mail (and time zone) and links them. */
  resolve(slackUserId: string): Promise<Identity>;
}

export function createIdentityResolver(core: Core, client: webApi.WebClient, logger: Pick<Logger, 'warn'>): IdentityResolver {
  const outsider = (): Identity => ({ kind: 'outsider', answer: outsiderAnswer(core) });

  const markUsed = (person: PersonRecord): PersonRecord =>
    person.lastPlatform === 'slack' ? person : recordChatContact(core, { email: person.email, platform: 'slack', used: true }, 'slack');

  function known(slackUserId: string): Identity | null {
    const person = core.store.transaction((tx) => tx.organisation.findPersonBySlackId(slackUserId));
    if (!person) return null;
    if (!person.active) return outsider();
    return { kind: 'person', person: markUsed(person) };
  }

  async function resolve(slackUserId: string): Promise<Identity> {
    const local = known(slackUserId);
    if (local) return local;
    let user: { email?: string; tz?: string; deleted?: boolean; is_bot?: boolean };
    try {
      const info = await client.users.info({ user: slackUserId });
      user = { email: info.user?.profile?.email, tz: info.user?.tz, deleted: info.user?.deleted, is_bot: info.user?.is_bot };
    } catch (e) {
      throw new SlackAdapterError('identity_unavailable', `users.info failed for ${slackUserId}`, { cause: e });
    }
    if (!user.email || user.deleted || user.is_bot) return outsider();
    const email = user.email.toLowerCase();
    const person = core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!person || !person.active) return outsider();
    const link = linkChatAccount(
      core,
      { email, platform: 'slack', platformId: slackUserId, used: true, ...(user.tz && isTimeZone(user.tz) ? { timezone: user.tz } : {}) },
      'slack',
    );
    if (link.kind === 'linked') return { kind: 'person', person: link.person };
    logger.warn(
      { slackUser: slackUserId, email, reason: link.refusal.reason, leadsTold: link.firstReport },
      'slack: a Slack account was not linked to the person with its e-mail address (see reason); answered as an outsider',
    );
    return outsider();
  }

  return { known, resolve };
}
