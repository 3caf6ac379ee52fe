// Private calendar feeds on `serve` (issue 15 point 5): the chat command `calendar` gives a person
// their own link, GET /calendar/<token>.ics answers with their feed, `auditbot calendar revoke`
// ends it, unknown and revoked tokens get the same 404, and the token never reaches the logs.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { sync, type VEvent } from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessageText } from '../../adapters/console/render.js';
import { openApp, type App } from '../../src/app.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import { loadConfig } from '../../src/config.js';
import { calendarLink, hashFeedToken } from '../../src/core/calendar/feed-links.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import { createLogger, redactSecrets } from '../../src/logger.js';
import { startServe, type Serve } from '../../src/serve.js';
import { recordNonconformity, setupActions } from '../core/corrective-actions/fixture.js';
import { runChatText } from '../helpers/chat.js';
import { cli, tempDir } from '../helpers/cli.js';
import { SEED } from '../helpers/seed.js';

const NOW = '2027-01-04T10:00:00.000Z';
const PUBLIC_URL = 'https://auditbot.example.com';

function seededFile(): string {
  const file = join(tempDir(), 'auditbot.db');
  const t = setupActions(NOW, () => {}, file);
  recordNonconformity(t);
  t.db.$client.close();
  return file;
}

const text = (reply: Reply): string => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return renderMessageText(reply.message);
};

function as(app: App, email: string): ChatContext {
  const actor = app.core.store.transaction((tx) => tx.organisation.getPerson(email));
  if (!actor) throw new Error(`no ${email}`);
  return { core: app.core, actor, channel: 'slack', platform: 'slack' };
}

const linkIn = (reply: Reply): string => {
  const m = /https:\/\/auditbot\.example\.com\/calendar\/([A-Za-z0-9_-]+)\.ics/.exec(text(reply));
  if (!m?.[1]) throw new Error(`no link in ${text(reply)}`);
  return m[1];
};

describe('private calendar feeds', () => {
  let serve: Serve | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await serve?.stop();
    app?.close();
    serve = app = undefined;
  });

  async function start(env: Record<string, string> = { PUBLIC_URL }) {
    const file = seededFile();
    let logs = '';
    const config = loadConfig({ AUDITBOT_DB: file, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', ...env });
    app = openApp(config, { clock: fixedClock(NOW), logger: createLogger('trace', { write: (l: string) => (logs += l) }) });
    serve = await startServe({ config, app, io: { output: new PassThrough() } });
    return { file, app, serve, logs: () => logs };
  }

  it('sends a person their own link privately; the link gives their feed; revoked or unknown tokens get the same 404; no token in the logs', async () => {
    const s = await start();
    const reply = await runChatText(as(s.app, SEED.iamOwner), 'calendar');
    expect(reply).toMatchObject({ kind: 'message', visibility: 'private' });
    const token = linkIn(reply);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    // Stored hashed: the token itself is nowhere in the database.
    const stored = s.app.core.store.transaction((tx) => tx.calendarTokens.get(SEED.iamOwner));
    expect(stored?.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(s.app.db.$client.prepare('SELECT * FROM calendar_tokens').all())).not.toContain(token);

    const feed = await fetch(`${s.serve.url}/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(feed.headers.get('cache-control')).toContain('no-store');
    const events = Object.values(sync.parseICS(await feed.text())).filter((c): c is VEvent => c?.type === 'VEVENT');
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`audit-${SEED.audits.iam}@auditbot`);
    expect(uids.some((u) => u.startsWith('action-CA-'))).toBe(true);
    expect(uids).not.toContain(`audit-${SEED.audits.isms}@auditbot`);

    // Asking again does not show (or change) the link: only its hash is kept.
    expect(text(await runChatText(as(s.app, SEED.iamOwner), 'calendar'))).toContain('cannot show it again');
    expect((await fetch(`${s.serve.url}/calendar/${token}.ics`)).status).toBe(200);

    const unknown = await fetch(`${s.serve.url}/calendar/${'A'.repeat(43)}.ics`);
    const malformed = await fetch(`${s.serve.url}/calendar/..%2F..%2Fetc.ics`);
    const revoke = await cli(['calendar', 'revoke', SEED.iamOwner], { AUDITBOT_DB: s.file });
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain(`Revoked the calendar link of ${SEED.iamOwner}`);
    const revoked = await fetch(`${s.serve.url}/calendar/${token}.ics`);
    const bodies = await Promise.all([unknown, malformed, revoked].map(async (r) => [r.status, r.headers.get('content-type'), await r.text()]));
    expect(bodies[0]?.[0]).toBe(404);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect((await cli(['calendar', 'revoke', SEED.iamOwner], { AUDITBOT_DB: s.file })).stdout).toContain('has no calendar link');

    // A new link after the old one was revoked works; the old one stays dead.
    const renewed = linkIn(await runChatText(as(s.app, SEED.iamOwner), 'calendar new'));
    expect(renewed).not.toBe(token);
    expect((await fetch(`${s.serve.url}/calendar/${renewed}.ics`)).status).toBe(200);
    expect((await fetch(`${s.serve.url}/calendar/${token}.ics`)).status).toBe(404);

    expect(s.logs()).not.toBe('');
    expect(s.logs()).not.toContain(token);
    expect(s.logs()).not.toContain(renewed);

    // A link given out in base64url before tokens were hex keeps working.
    const earlier = randomBytes(32).toString('base64url');
    calendarLink(s.app.core, { email: SEED.auditor, channel: 'cli' }, { token: earlier, renew: false });
    expect((await fetch(`${s.serve.url}/calendar/${earlier}.ics`)).status).toBe(200);
  });

  it('scrubs a feed path from any log line, e.g. the URL of a request that failed', () => {
    const line = JSON.stringify({ msg: 'request failed', url: '/calendar/abcDEF_123-xyzabcDEF_123-xyzabcDEF_123-xyz12.ics?x=1' });
    expect(redactSecrets(line)).not.toContain('abcDEF_123');
    expect(redactSecrets(line)).toContain('/calendar/[redacted]');
  });

  it('says how to set it up when PUBLIC_URL is not set, and makes no link', async () => {
    const s = await start({});
    const reply = await runChatText(as(s.app, SEED.iamOwner), 'calendar');
    expect(text(reply)).toContain('PUBLIC_URL');
    expect(s.app.core.store.transaction((tx) => tx.calendarTokens.get(SEED.iamOwner))).toBeNull();
  });
});
