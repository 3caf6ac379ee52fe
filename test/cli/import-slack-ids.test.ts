// `auditbot import --slack-ids` links people without a Slack id by e-mail, against a fake Slack
// Web API on 127.0.0.1.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { cli, tempDir } from '../helpers/cli.js';
import { FakeSlack } from '../slack/fake-slack.js';

let fake: FakeSlack | null = null;
afterEach(async () => {
  await fake?.stop();
  fake = null;
});

const slackIdsOf = (file: string, emails: string[]): Record<string, string | null> => {
  const db = openDatabase(file);
  const rows = db.$client.prepare(`SELECT email, slack_id AS slackId FROM people WHERE email IN (${emails.map(() => '?').join(',')})`).all(...emails) as { email: string; slackId: string | null }[];
  db.$client.close();
  return Object.fromEntries(rows.map((r) => [r.email, r.slackId]));
};

describe('auditbot import --slack-ids', () => {
  it('links people without a Slack id by e-mail, records it on the trail, and says who was not found', async () => {
    fake = await new FakeSlack().start();
    fake.addUser({ id: 'U0PRIYA', email: 'priya@acme.example', tz: 'Europe/London' });
    fake.addUser({ id: 'U0HANNAH', email: 'hannah@acme.example' });
    fake.addUser({ id: 'U0OMAR', email: 'omar@acme.example', deleted: true });
    const dir = tempDir();
    const env = { AUDITBOT_DB: join(dir, 'a.db'), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl };

    const res = await cli(['import', 'examples/org.yaml', '--slack-ids'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Slack ids: 2 linked by e-mail, \d+ not found in Slack, 0 failed\./);
    expect(res.stdout).toContain('omar@acme.example');
    expect(slackIdsOf(env.AUDITBOT_DB, ['priya@acme.example', 'hannah@acme.example', 'omar@acme.example'])).toEqual({
      'priya@acme.example': 'U0PRIYA',
      'hannah@acme.example': 'U0HANNAH',
      'omar@acme.example': null,
    });
    const trail = JSON.parse((await cli(['export', 'trail', '--format', 'json'], env)).stdout) as { action: string; subject: string; after: { slackId?: string } }[];
    expect(trail.filter((e) => e.action === 'person.chat_contact_learnt').map((e) => [e.subject, e.after.slackId])).toEqual([
      ['person:hannah@acme.example', 'U0HANNAH'],
      ['person:priya@acme.example', 'U0PRIYA'],
    ]);
    // A second run finds nobody new to link for those two, and the import itself is a no-op.
    const again = await cli(['import', 'examples/org.yaml', '--slack-ids', '--format', 'json'], env);
    const json = JSON.parse(again.stdout) as { changed: boolean; slackIds: { linked: unknown[] } };
    expect(json.changed).toBe(false);
    expect(json.slackIds.linked).toEqual([]);
  });

  it('needs a Slack token, refuses --dry-run with it, and reports Slack errors without stopping', async () => {
    const dir = tempDir();
    const noToken = await cli(['import', 'examples/org.yaml', '--slack-ids'], { AUDITBOT_DB: join(dir, 'a.db') });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--slack-ids needs SLACK_BOT_TOKEN/);
    const dry = await cli(['import', 'examples/org.yaml', '--slack-ids', '--dry-run'], { AUDITBOT_DB: join(dir, 'b.db') });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/cannot be combined with --dry-run/);

    fake = await new FakeSlack().start();
    fake.addUser({ id: 'U0PRIYA', email: 'priya@acme.example' });
    fake.failNext('users.lookupByEmail', { error: 'missing_scope' });
    const env = { AUDITBOT_DB: join(dir, 'c.db'), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl };
    const res = await cli(['import', 'examples/org.yaml', '--slack-ids'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Slack ids: 1 linked by e-mail, \d+ not found in Slack, 1 failed\./);
    expect(res.stdout).toMatch(/: missing_scope/);
  });
});
