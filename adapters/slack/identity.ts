// Slack user → person. First by the Slack id stored with the person (from the organisation file
// or learnt earlier), else by the e-mail Slack gives for the user (`users.info`), which links the
// id for next time. Someone who is not an active person gets the outsider answer and nothing else.
import type { webApi } from '@slack/bolt';
import type { Core } from '../../src/core/context.js';
import type { Message } from '../../src/core/message.js';
import { outsiderAnswer } from '../../src/core/organisation/outsider-answer.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';
import type { PersonRecord } from '../../src/core/organisation/types.js';
import { SlackAdapterError } from './errors.js';
import { isTimeZone } from '../../src/core/time-zone.js';

export type SlackIdentity = { kind: 'person'; person: PersonRecord } | { kind: 'outsider'; answer: Message };

export interface IdentityResolver {
  /** From the database only: no Slack call, so it is safe inside the 3-second trigger window. */
  known(slackUserId: string): SlackIdentity | null;
  /** Known, else asks Slack for the user's e-mail (and time zone) and links them. */
  resolve(slackUserId: string): Promise<SlackIdentity>;
}

export function createIdentityResolver(core: Core, client: webApi.WebClient): IdentityResolver {
  const outsider = (): SlackIdentity => ({ kind: 'outsider', answer: outsiderAnswer(core) });

  const markUsed = (person: PersonRecord): PersonRecord =>
    person.lastPlatform === 'slack' ? person : recordChatContact(core, { email: person.email, platform: 'slack', used: true }, 'slack');

  function known(slackUserId: string): SlackIdentity | null {
    const person = core.store.transaction((tx) => tx.organisation.findPersonBySlackId(slackUserId));
    if (!person) return null;
    if (!person.active) return outsider();
    return { kind: 'person', person: markUsed(person) };
  }

  async function resolve(slackUserId: string): Promise<SlackIdentity> {
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
    const linked = recordChatContact(
      core,
      { email, platform: 'slack', platformId: slackUserId, used: true, ...(user.tz && isTimeZone(user.tz) ? { timezone: user.tz } : {}) },
      'slack',
    );
    return { kind: 'person', person: linked };
  }

  return { known, resolve };
}
