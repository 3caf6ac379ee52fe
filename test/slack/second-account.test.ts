// Issue 11, point 1 on Slack: a second Slack account whose users.info e-mail is an audit lead's
// must not become the lead. It gets the outsider answer, the lead's Slack id from the
// organisation file stays, a warning is logged, and the leads are told once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audits } from '../../db/schema.js';
import { dbSnapshot } from '../helpers/db-snapshot.js';
import { SEED } from '../helpers/seed.js';
import { SLACK_IDS, startHarness, type Harness } from './harness.js';

const SECOND = 'U0SECOND01';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.fake.reset();
});
afterEach(async () => h.close());

const lena = () => h.core.store.transaction((tx) => tx.organisation.getPerson(SEED.lead))!;
const auditStatus = (id: string) => h.db.select().from(audits).all().find((a) => a.id === id)?.status;

async function ephemeralAnswer(command: string, text: string, user: string): Promise<string> {
  const res = await h.command(command, text, user);
  expect(res.status).toBe(200);
  const answer = await h.fake.waitForMethod('response_url');
  h.fake.reset();
  return String(answer.body.text);
}

describe('a second Slack account with a person\'s e-mail', () => {
  it('gets the outsider answer and runs nothing; the stored id stays, a warning is logged, the leads are told once', async () => {
    h.fake.addUser({ id: SECOND, email: 'Lena@Acme.example', tz: 'Pacific/Auckland' });
    const before = lena();
    expect(before.slackId).toBe(SLACK_IDS.lead);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('planned');

    // A lead-only command: starting a planned audit.
    const first = await ephemeralAnswer('/audit', `start ${SEED.audits.suppliersPlanned}`, SECOND);
    expect(first).toMatch(/not in it yet/);
    expect(auditStatus(SEED.audits.suppliersPlanned)).toBe('planned');
    expect(lena()).toEqual(before);

    const warnings = h.logs.filter((l) => l.level === 40 && l.slackUser === SECOND);
    expect(warnings).toEqual([expect.objectContaining({ email: SEED.lead, reason: 'person_has_other_account', leadsTold: true })]);

    const outbox = () => h.core.store.transaction((tx) => tx.outbox.list());
    expect(outbox().map((r) => [r.key, r.recipient, r.platform])).toEqual([[`chat-account:slack:${SECOND}:refused:${SEED.lead}`, SEED.lead, 'slack']]);
    const trailAfterFirst = h.core.store.transaction((tx) => tx.trail.list());
    expect(trailAfterFirst.filter((e) => e.action === 'person.chat_account_refused')).toHaveLength(1);

    // Trying again, by command and by direct message, changes nothing more.
    const snapshot = dbSnapshot(h.db);
    expect(await ephemeralAnswer('/audit', 'status', SECOND)).toMatch(/not in it yet/);
    expect(await ephemeralAnswer('/finding', 'anything', SECOND)).toMatch(/not in it yet/);
    expect(dbSnapshot(h.db)).toEqual(snapshot);
    expect(h.logs.filter((l) => l.level === 40 && l.slackUser === SECOND).map((l) => l.leadsTold)).toEqual([true, false, false]);

    // The one notification reaches the lead's own account, the one from the organisation file.
    expect(await h.dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    const dm = h.fake.callsOf('chat.postMessage');
    expect(dm.map((c) => c.body.channel)).toEqual([`D${SLACK_IDS.lead}`]);
    expect(String(dm[0]?.body.text)).toContain(SECOND);

    // Lena herself is still Lena.
    const own = await ephemeralAnswer('/audit', 'mine', SLACK_IDS.lead);
    expect(own).not.toMatch(/not in it yet/);
  });
});
