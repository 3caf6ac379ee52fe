// A chat adapter found a person by the e-mail address of an account it does not know yet, and
// asks to link the account to them. Where chat-account-policy.ts refuses (the person already has
// another account there, or the account is someone else's), nothing about the person changes:
// the adapter answers the account as an outsider, and the first refusal for that account is put
// on the trail and told to the audit leads, in one transaction. The outbox keys are unique, so
// the leads hear of each account once, however often it tries and across restarts.
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import type { Message } from '../message.js';
import { notifyPerson } from '../shared/notify.js';
import type { Tx } from '../ports.js';
import { linkRefusal, platformName, type LinkRefusal } from './chat-account-policy.js';
import { applyChatContact, parseChatContact, requirePerson, type RecordChatContactInput } from './record-chat-contact.js';
import type { Channel } from '../shared/actor.js';
import type { PersonRecord } from '../shared/people.js';

export const CHAT_ACCOUNT_REFUSED = 'person.chat_account_refused';

export type LinkChatAccountInput = RecordChatContactInput & { platformId: string };

export type LinkChatAccountResult =
  | { kind: 'linked'; person: PersonRecord }
  /** `firstReport` is true when this refusal was recorded and the leads told just now. */
  | { kind: 'refused'; refusal: LinkRefusal; firstReport: boolean };

/** The `reminders` stage that marks an account's refusal as reported to the leads. */
export const REFUSAL_REPORTED = 'refused';

/** The trail subject of one chat account: refusals are recorded (and told) once per account. */
export const chatAccountSubject = (r: Pick<LinkRefusal, 'platform' | 'accountId'>): string => `chat-account:${r.platform}:${r.accountId}`;

/** Who hears of a refusal: the active audit leads, else the active admins. */
function recipients(tx: Tx): PersonRecord[] {
  const active = tx.organisation.listPeople().filter((p) => p.active);
  const leads = active.filter((p) => p.roles.includes('lead'));
  return leads.length > 0 ? leads : active.filter((p) => p.roles.includes('admin'));
}

export function refusedAccountMessage(r: LinkRefusal, person: PersonRecord): Message {
  const name = platformName(r.platform);
  const fileKey = r.platform === 'slack' ? 'slack' : 'teams';
  const who = `${person.name} (${person.email})`;
  if (r.reason === 'person_has_other_account') {
    return {
      title: `A second ${name} account was not linked to ${person.name}`,
      summary: `A second ${name} account (${r.accountId}) with the e-mail address of ${who} wrote to Auditbot. It was not linked; ${person.name} stays linked to ${r.linkedId}.`,
      blocks: [
        {
          type: 'text',
          text:
            `The ${name} account ${r.accountId} wrote to Auditbot, and ${name} gives it the e-mail address ${person.email}. ` +
            `${who} already has the ${name} account ${r.linkedId}, from the organisation file or linked earlier, so Auditbot did not link the second account: ` +
            `it was answered as someone outside the organisation and could do nothing. Messages for ${person.name} still go to ${r.linkedId}.`,
        },
        {
          type: 'list',
          title: 'What to do',
          items: [
            `Check the account ${r.accountId} in ${name}: who uses it, and why it has this e-mail address.`,
            `If it is ${person.name}'s account now, put "${fileKey}: ${r.accountId}" for them in the organisation file and import it again.`,
            `If it is not theirs, ask whoever administers ${name} for your organisation to correct or remove it.`,
          ],
        },
        { type: 'context', text: 'You are told about each account once; later attempts from it are only logged.' },
      ],
    };
  }
  return {
    title: `A ${name} account was not linked to ${person.name}`,
    summary: `The ${name} account ${r.accountId} has the e-mail address of ${who} but is linked to ${r.holder}. It was not linked to ${person.name}.`,
    blocks: [
      {
        type: 'text',
        text:
          `The ${name} account ${r.accountId} wrote to Auditbot with the e-mail address ${person.email}, but it is linked to ${r.holder}, ` +
          `so Auditbot did not link it to ${who} as well: it was answered as someone outside the organisation and could do nothing.`,
      },
      {
        type: 'list',
        title: 'What to do',
        items: [
          `Check whose account ${r.accountId} is, and correct the "${fileKey}:" ids of ${r.holder} and ${person.email} in the organisation file; then import it again.`,
          `If the account's e-mail address is wrong, ask whoever administers ${name} for your organisation to correct it.`,
        ],
      },
      { type: 'context', text: 'You are told about each account once; later attempts from it are only logged.' },
    ],
  };
}

/** Records the first refusal for this account and tells the leads; false when it was recorded before. */
function reportRefusal(tx: Tx, core: Core, refusal: LinkRefusal, person: PersonRecord, channel: Channel): boolean {
  const subject = chatAccountSubject(refusal);
  if (!tx.reminders.record(subject, REFUSAL_REPORTED, core.clock.now().toISOString())) return false;
  // Nothing changed, so there is no before: the event records what was asked and refused.
  tx.trail.append({ actor: 'system', action: CHAT_ACCOUNT_REFUSED, subject, after: { ...refusal }, channel });
  const message = refusedAccountMessage(refusal, person);
  for (const r of recipients(tx)) notifyPerson(tx, core, r, `${subject}:refused:${r.email}`, message);
  return true;
}

/** Links the account to the person, or refuses, records and reports it (see the file comment). */
export function linkChatAccount(core: Core, input: LinkChatAccountInput, channel: Channel): LinkChatAccountResult {
  const contact = parseChatContact(input);
  const { platformId } = contact;
  if (platformId === undefined) throw validationError({ platformId: 'the account id on the platform' });
  return core.store.transaction((tx) => {
    const person = requirePerson(tx, contact.email);
    const refusal = linkRefusal(tx, person, contact.platform, platformId);
    if (!refusal) return { kind: 'linked', person: applyChatContact(tx, person, contact, channel) };
    return { kind: 'refused', refusal, firstReport: reportRefusal(tx, core, refusal, person, channel) };
  });
}
