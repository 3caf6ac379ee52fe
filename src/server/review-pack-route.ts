// `GET /review-pack/<token>.html`: the management review pack behind a short-lived link (Teams
// hands the pack over this way). Anything that is not a live link (unknown, expired, malformed,
// a reader who may no longer read it) gets the same 404, and nothing here logs the path: the
// token in it is the only thing that protects the pack.
import type { ReportFiles } from '../chat/types.js';
import type { Core } from '../core/context.js';
import { REVIEW_PACK_PREFIX, reviewPackByLink } from '../core/review/review-pack-links.js';
import type { HttpServer } from './http.js';

const GONE = 'No review pack at this address: links to a pack end after 15 minutes. Type "review pack" to Auditbot for a new one.\n';

export function mountReviewPackLinks(http: HttpServer, core: Core, reports: ReportFiles): void {
  http.mountPrefix('GET', REVIEW_PACK_PREFIX, async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = path.slice(REVIEW_PACK_PREFIX.length);
    const found = name.endsWith('.html') ? reviewPackByLink(core, name.slice(0, -'.html'.length)) : null;
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(GONE);
      return;
    }
    const html = await reports.reviewPackHtml(found.pack);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      // The organisation's audit results: never kept by a cache, indexed, or sent on as a referrer.
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      // The pack has no script and loads nothing: the browser is told so.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      'content-disposition': `inline; filename="management-review-${found.review.id}.html"`,
    });
    res.end(html);
  });
}
