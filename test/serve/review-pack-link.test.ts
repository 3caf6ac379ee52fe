// The review pack link on `serve` itself (issue 16 point 5): GET /review-pack/<token>.html is
// mounted beside the calendar feed, serves the pack with headers that keep it private and inert,
// gives the same 404 for anything else, and the token never reaches a log line.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { issueReviewPackLink } from '../../src/core/review/review-pack-links.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger, redactSecrets } from '../../src/logger.js';
import { startServe, type Serve } from '../../src/serve.js';
import { tempDir } from '../helpers/cli.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';

const NOW = '2027-01-04T10:00:00.000Z';

describe('review pack links on serve', () => {
  let serve: Serve | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await serve?.stop();
    app?.close();
    serve = app = undefined;
  });

  it('serves the pack to a fresh link, private and inert; anything else is the same 404; no token in the logs', async () => {
    const config = loadConfig({ AUDITBOT_DB: join(tempDir(), 'auditbot.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', PUBLIC_URL: 'https://auditbot.example.com' });
    let logs = '';
    app = openApp(config, { clock: fixedClock(NOW), logger: createLogger('trace', { write: (l: string) => (logs += l) }) });
    seedSmallOrg(app);
    scheduleReview(app.core, { email: SEED.lead, channel: 'console' }, { date: '2027-01-20', chair: SEED.iamOwner });
    serve = await startServe({ config, app, io: { output: new PassThrough() } });
    const token = randomBytes(32).toString('hex');
    const link = issueReviewPackLink(app.core, { email: SEED.lead, channel: 'teams' }, { token, reviewId: 'MR-2027-01' });
    expect(link).toEqual({ url: `https://auditbot.example.com/review-pack/${token}.html`, expiresAt: '2027-01-04T10:15:00.000Z' });

    const res = await fetch(`${serve.url}/review-pack/${token}.html`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'referrer-policy', 'x-robots-tag', 'content-security-policy'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    });
    expect((await res.text()).startsWith('<!DOCTYPE html>')).toBe(true);

    const gone = await Promise.all([`${'0'.repeat(64)}.html`, `${token}.pdf`, `${token.toUpperCase()}.html`, ''].map(async (name) => {
      const r = await fetch(`${serve?.url ?? ''}/review-pack/${name}`);
      return [r.status, await r.text()];
    }));
    expect(new Set(gone.map((g) => JSON.stringify(g))).size).toBe(1);
    expect(gone[0]?.[0]).toBe(404);

    expect(logs).not.toBe('');
    expect(logs).not.toContain(token);
  });

  it('scrubs a pack link from any log line, e.g. the URL of a request that failed', () => {
    const line = JSON.stringify({ msg: 'request failed', url: `/review-pack/${'ab'.repeat(32)}.html?x=1` });
    expect(redactSecrets(line)).not.toContain('abab');
    expect(redactSecrets(line)).toContain('/review-pack/[redacted]');
  });
});
