// `auditbot import --slack-ids`: links people of the organisation file who have no Slack id to
// their Slack account by e-mail (users.lookupByEmail), so the first notification does not have to.
import { webApi } from '@slack/bolt';
import type { Core } from '../../src/core/context.js';
import { isAuditbotError } from '../../src/core/errors.js';
import { recordChatContact } from '../../src/core/organisation/record-chat-contact.js';

export interface SlackIdFill {
  linked: { email: string; slackId: string }[];
  /** No Slack account has this e-mail (or it is deactivated): they are told on another platform. */
  notFound: string[];
  failed: { email: string; error: string }[];
}

const slackError = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'data' in e && typeof (e as { data?: { error?: unknown } }).data?.error === 'string'
    ? String((e as { data: { error: string } }).data.error)
    : e instanceof Error
      ? e.message
      : String(e);

export async function fillSlackIds(core: Core, options: { token: string; apiUrl?: string | undefined }): Promise<SlackIdFill> {
  // The client's own rate-limit handling waits out a 429, which suits a one-off batch.
  const client = new webApi.WebClient(options.token, options.apiUrl ? { slackApiUrl: options.apiUrl } : {});
  const people = core.store.transaction((tx) => tx.organisation.listPeople()).filter((p) => !p.slackId);
  const result: SlackIdFill = { linked: [], notFound: [], failed: [] };
  for (const person of people) {
    try {
      const found = await client.users.lookupByEmail({ email: person.email });
      const id = found.user?.deleted ? undefined : found.user?.id;
      if (!id) {
        result.notFound.push(person.email);
        continue;
      }
      recordChatContact(core, { email: person.email, platform: 'slack', platformId: id, ...(found.user?.tz ? { timezone: found.user.tz } : {}) }, 'cli');
      result.linked.push({ email: person.email, slackId: id });
    } catch (e) {
      const error = isAuditbotError(e) ? e.message : slackError(e);
      if (error === 'users_not_found') result.notFound.push(person.email);
      else result.failed.push({ email: person.email, error });
    }
  }
  return result;
}
