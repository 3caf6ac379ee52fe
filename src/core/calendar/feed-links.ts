// Private calendar feed links: `GET /calendar/<token>.ics` gives a person's own events. The token
// is random (made by the caller with a cryptographic generator, so the core stays deterministic),
// handed to the person once, and stored only as its SHA-256: the database alone opens no feed.
import { createHash } from 'node:crypto';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Message } from '../message.js';
import type { Actor } from '../shared/actor.js';
import { activePerson } from '../shared/people.js';
import { calendarEvents, type CalendarEvents } from './calendar-events.js';

/**
 * 32 random bytes in hex: what the caller generates, and all a feed request may carry. Hex
 * because chat renderers escape `_` (Teams shows base64url's `_` as `\_` inside the link); links
 * given out in base64url before keep working.
 */
export const FEED_TOKEN = /^(?:[0-9a-f]{64}|[A-Za-z0-9_-]{43})$/;

export const hashFeedToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const feedUrl = (publicUrl: string, token: string): string => `${publicUrl}/calendar/${token}.ics`;

/**
 * Answers the `calendar` command. A person without a link gets a new one; a person with one is
 * told it cannot be shown again (only its hash is kept) unless they ask for a new one, which ends
 * the old link.
 */
export function calendarLink(core: Core, actor: Actor, input: { token: string; renew: boolean }): Message {
  const publicUrl = core.settings.publicUrl;
  if (!publicUrl) {
    throw new AuditbotError(
      'conflict',
      'Calendar links are not set up on this server: an administrator sets PUBLIC_URL to the address people reach it at (see docs/configuration.md). Until then an administrator can export your calendar with `auditbot export calendar --person <your e-mail> --format ics`.',
    );
  }
  if (!FEED_TOKEN.test(input.token)) throw new AuditbotError('internal', 'A calendar token must be 32 random bytes in hex.');
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    const existing = tx.calendarTokens.get(person.email);
    if (existing && !input.renew) {
      return {
        summary: 'You already have a calendar link.',
        title: 'Your calendar link',
        blocks: [
          {
            type: 'text',
            text: `You made your calendar link on ${existing.createdAt.slice(0, 10)}. I keep only a fingerprint of it, so I cannot show it again. If you lost it, send \`calendar new\`: you get a new link and the old one stops working.`,
          },
        ],
      };
    }
    tx.calendarTokens.save({ email: person.email, tokenHash: hashFeedToken(input.token), createdAt: core.clock.now().toISOString() });
    const url = feedUrl(publicUrl, input.token);
    return {
      summary: 'Your private calendar link.',
      title: 'Your calendar link',
      blocks: [
        { type: 'text', text: `Subscribe to this address in Outlook, Google Calendar or Apple Calendar ("add calendar from URL"): ${url}` },
        {
          type: 'text',
          text: `It shows your audits, planned meetings, evidence due dates and corrective-action due dates, and follows every change. It is private: anyone with the link sees your calendar. ${existing ? 'Your old link no longer works. ' : ''}Send \`calendar new\` for a new link if it leaks; an administrator can end it with \`auditbot calendar revoke ${person.email}\`.`,
        },
      ],
    };
  });
}

/** Ends a person's link (`auditbot calendar revoke <email>`); false when they had none. */
export function revokeCalendarLink(core: Core, email: string): boolean {
  const normalised = email.trim().toLowerCase();
  return core.store.transaction((tx) => tx.calendarTokens.remove(normalised));
}

/**
 * The feed of a token, or null for anything that is not a live link. The lookup is by hash on a
 * unique index, so an unknown token costs the same as a known one up to the events themselves;
 * a malformed token is refused before any lookup.
 */
export function feedForToken(core: Core, token: string): { email: string; calendar: CalendarEvents } | null {
  if (!FEED_TOKEN.test(token)) return null;
  const hash = hashFeedToken(token);
  const record = core.store.transaction((tx) => {
    const r = tx.calendarTokens.findByHash(hash);
    return r && tx.organisation.getPerson(r.email)?.active ? r : null;
  });
  if (!record) return null;
  return { email: record.email, calendar: calendarEvents(core, { person: record.email }) };
}
