import { revokeCalendarLink } from '../../core/calendar/feed-links.js';
import { UsageError, type CommandImplementation } from '../framework.js';

export const calendarRevokeCommand: CommandImplementation = {
  args: ['<email>'],
  details:
    "Ends the person's private calendar feed link at once: GET /calendar/<token>.ics answers 404 from then on. " +
    'The person can get a new link with the chat command `calendar`. Use it when a link leaked or a person leaves.',
  run({ positionals, io, app }) {
    const [email, ...extra] = positionals;
    if (!email || extra.length > 0) throw new UsageError('Usage: auditbot calendar revoke <email>');
    const { core } = app();
    const removed = revokeCalendarLink(core, email);
    io.stdout(removed ? `Revoked the calendar link of ${email.trim().toLowerCase()}; it no longer works.` : `${email.trim().toLowerCase()} has no calendar link; nothing to revoke.`);
    return 0;
  },
};
