// May this chat account be linked to this person? The account's id decides who acts as whom
// from then on, so it is linked by e-mail only where nothing contradicts it: the person has no
// account on that platform yet (none from the organisation file, none linked earlier), and no
// one else holds the account. An e-mail address is not proof of identity on its own: another
// Slack account or another tenant's directory can carry anyone's address, and replacing a known
// id by such a match would hand that person's role, and their direct messages, to the newcomer.
// Slack and Teams both decide through here.
import type { Tx } from '../ports.js';
import type { PersonRecord } from '../shared/people.js';

export type ChatAccountPlatform = 'slack' | 'teams';

export type LinkRefusal =
  /** The person already has another account on this platform (from the file, or linked before). */
  | { reason: 'person_has_other_account'; platform: ChatAccountPlatform; accountId: string; email: string; linkedId: string }
  /** The account is already someone else's. */
  | { reason: 'account_belongs_to_other'; platform: ChatAccountPlatform; accountId: string; email: string; holder: string };

export const platformName = (platform: ChatAccountPlatform): string => (platform === 'slack' ? 'Slack' : 'Teams');

export const idKeyOf = (platform: ChatAccountPlatform): 'slackId' | 'teamsId' => (platform === 'slack' ? 'slackId' : 'teamsId');

/** Why `accountId` may not be linked to `person`; null when it may (or already is). */
export function linkRefusal(tx: Tx, person: PersonRecord, platform: ChatAccountPlatform, accountId: string): LinkRefusal | null {
  const linkedId = person[idKeyOf(platform)];
  if (linkedId === accountId) return null;
  if (linkedId !== null) return { reason: 'person_has_other_account', platform, accountId, email: person.email, linkedId };
  const holder = platform === 'slack' ? tx.organisation.findPersonBySlackId(accountId) : tx.organisation.findPersonByTeamsId(accountId);
  if (holder && holder.email !== person.email) return { reason: 'account_belongs_to_other', platform, accountId, email: person.email, holder: holder.email };
  return null;
}

/** The refusal in a sentence, with what to do about it. */
export function refusalText(r: LinkRefusal): string {
  const name = platformName(r.platform);
  return r.reason === 'person_has_other_account'
    ? `The ${name} account ${r.accountId} has the e-mail address ${r.email}, but ${r.email} already has the ${name} account ${r.linkedId}, so it was not linked. If ${r.accountId} is their account now, put it in the organisation file and import it again.`
    : `The ${name} account ${r.accountId} is already linked to ${r.holder}; it cannot also be ${r.email}. Fix the ids in the organisation file and import it again.`;
}
