// `GET /calendar/<token>.ics`: a person's private feed. Anything that is not a live link (unknown,
// revoked, malformed, a person who left) gets the same 404, and nothing here logs the path: the
// token in it is the only thing that protects the feed.
import type { Core } from '../core/context.js';
import { feedForToken } from '../core/calendar/feed-links.js';
import type { HttpServer } from '../server/http.js';
import { toIcs } from './ics.js';

export const CALENDAR_PREFIX = '/calendar/';

export function mountCalendarFeed(http: HttpServer, core: Core): void {
  http.mountPrefix('GET', CALENDAR_PREFIX, (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = path.slice(CALENDAR_PREFIX.length);
    const feed = name.endsWith('.ics') ? feedForToken(core, name.slice(0, -'.ics'.length)) : null;
    if (!feed) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('No calendar at this address. Ask Auditbot for your link again with the chat command `calendar`.\n');
      return;
    }
    const body = toIcs(feed.calendar, 'Auditbot: my audits');
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      // A private feed: never kept by shared caches, and not indexed.
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
    });
    res.end(body);
  });
}
