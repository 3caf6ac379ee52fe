// What a chat platform tells us about a person: their id there (found by e-mail), their time
// zone, and that they just used it (notifications follow them to where they last spoke to the
// bot). Linking a platform id to a person decides who acts as whom, so that is on the trail, and
// it happens only where chat-account-policy.ts allows it.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Tx } from '../ports.js';
import { idKeyOf, linkRefusal, refusalText } from './chat-account-policy.js';
import { isTimeZone } from '../shared/time-zone.js';
import type { Channel } from '../shared/actor.js';
import type { PersonRecord } from '../shared/people.js';

export const recordChatContactInput = z.object({
  email: z.string().trim().toLowerCase().email('an e-mail address such as ana@acme.example'),
  platform: z.enum(['slack', 'teams']),
  /** The person's id on the platform: a Slack user id, an Entra object id. */
  platformId: z.string().trim().min(1).max(200).optional(),
  /** The time zone the platform reports; kept only when the organisation file gives none. */
  timezone: z.string().trim().refine(isTimeZone, 'an IANA time zone such as Europe/London').optional(),
  /** True when the person has just used the platform. */
  used: z.boolean().default(false),
});

export type RecordChatContactInput = z.input<typeof recordChatContactInput>;
export type ChatContact = z.output<typeof recordChatContactInput>;

export const CHAT_CONTACT_LEARNT = 'person.chat_contact_learnt';

export function parseChatContact(input: RecordChatContactInput): ChatContact {
  const parsed = recordChatContactInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'input'), i.message])));
  return parsed.data;
}

export function requirePerson(tx: Tx, email: string): PersonRecord {
  const person = tx.organisation.getPerson(email);
  if (!person) throw new AuditbotError('unknown_person', `${email} is not in the organisation file.`);
  return person;
}

/**
 * Writes what changed for `person`, inside the caller's transaction, and returns the person as
 * now stored; writes nothing when nothing changed. The caller has checked the link is allowed.
 */
export function applyChatContact(tx: Tx, person: PersonRecord, contact: ChatContact, channel: Channel): PersonRecord {
  const { platform, platformId, timezone, used } = contact;
  const patch: Partial<Pick<PersonRecord, 'slackId' | 'teamsId' | 'timezone' | 'lastPlatform'>> = {};
  const idKey = idKeyOf(platform);
  if (platformId !== undefined && person[idKey] !== platformId) patch[idKey] = platformId;
  if (timezone !== undefined && person.timezone === null) patch.timezone = timezone;
  if (used && person.lastPlatform !== platform) patch.lastPlatform = platform;
  if (Object.keys(patch).length === 0) return person;
  tx.organisation.updatePersonContact(person.email, patch);
  if (patch[idKey] !== undefined || patch.timezone !== undefined) {
    const learnt = { ...(patch[idKey] !== undefined ? { [idKey]: patch[idKey] } : {}), ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}) };
    const before = Object.fromEntries(Object.keys(learnt).map((k) => [k, person[k as keyof typeof learnt] ?? null]));
    tx.trail.append({ actor: 'system', action: CHAT_CONTACT_LEARNT, subject: `person:${person.email}`, before, after: learnt, channel });
  }
  return { ...person, ...patch };
}

/**
 * Stores what changed and returns the person as now stored. A platform id the policy refuses is
 * a `conflict` error; chat adapters identifying someone use linkChatAccount instead, which
 * answers the refusal and tells the audit leads.
 */
export function recordChatContact(core: Core, input: RecordChatContactInput, channel: Channel): PersonRecord {
  const contact = parseChatContact(input);
  return core.store.transaction((tx) => {
    const person = requirePerson(tx, contact.email);
    const refusal = contact.platformId === undefined ? null : linkRefusal(tx, person, contact.platform, contact.platformId);
    if (refusal) throw new AuditbotError('conflict', refusalText(refusal));
    return applyChatContact(tx, person, contact, channel);
  });
}
