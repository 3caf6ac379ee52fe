// What a chat platform tells us about a person: their id there (found by e-mail), their time
// zone, and that they just used it (notifications follow them to where they last spoke to the
// bot). Linking a platform id to a person decides who acts as whom, so that is on the trail.
import { z } from 'zod';
import type { Channel, Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { PersonRecord } from './types.js';
import { isTimeZone } from '../time-zone.js';

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

export const CHAT_CONTACT_LEARNT = 'person.chat_contact_learnt';

/** Stores what changed and returns the person as now stored; writes nothing when nothing changed. */
export function recordChatContact(core: Core, input: RecordChatContactInput, channel: Channel): PersonRecord {
  const parsed = recordChatContactInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'input'), i.message])));
  const { email, platform, platformId, timezone, used } = parsed.data;
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(email);
    if (!person) throw new AuditbotError('unknown_person', `${email} is not in the organisation file.`);
    const patch: Partial<Pick<PersonRecord, 'slackId' | 'teamsId' | 'timezone' | 'lastPlatform'>> = {};
    const idKey = platform === 'slack' ? 'slackId' : 'teamsId';
    if (platformId !== undefined && person[idKey] !== platformId) {
      const holder = platform === 'slack' ? tx.organisation.findPersonBySlackId(platformId) : tx.organisation.findPersonByTeamsId(platformId);
      if (holder && holder.email !== email) {
        throw new AuditbotError('conflict', `The ${platform === 'slack' ? 'Slack' : 'Teams'} account ${platformId} is already linked to ${holder.email}; it cannot also be ${email}. Fix the ids in the organisation file and import it again.`);
      }
      patch[idKey] = platformId;
    }
    if (timezone !== undefined && person.timezone === null) patch.timezone = timezone;
    if (used && person.lastPlatform !== platform) patch.lastPlatform = platform;
    if (Object.keys(patch).length === 0) return person;
    tx.organisation.updatePersonContact(email, patch);
    if (patch[idKey] !== undefined || patch.timezone !== undefined) {
      const learnt = { ...(patch[idKey] !== undefined ? { [idKey]: patch[idKey] } : {}), ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}) };
      const before = Object.fromEntries(Object.keys(learnt).map((k) => [k, person[k as keyof typeof learnt] ?? null]));
      tx.trail.append({ actor: 'system', action: CHAT_CONTACT_LEARNT, subject: `person:${email}`, before, after: learnt, channel });
    }
    return { ...person, ...patch };
  });
}
