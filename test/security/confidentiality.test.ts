// Issue 11, point 4: nonconformities are confidential. A finding, its corrective action and the
// evidence of an audit are visible to that audit's auditors, the area owner, the action owner
// and their manager, the verifier, audit leads and admins; anyone else gets, word for word, the
// answer for an id that does not exist. `audit explain` is for leads and the audit's auditors.
// Shown through the chat surface every adapter calls, and end to end on Slack and Teams.
import { afterEach, describe, expect, it } from 'vitest';
import { runChatText } from '../helpers/chat.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { Message } from '../../src/core/message.js';
import type { TestCore } from '../helpers/core.js';
import type { Harness } from '../slack/harness.js';
import { cardText } from '../teams/harness.js';
import { actorRecord, coreFrom, fixtureImage, IDS, WHO, type Role, type Scenario } from './org.js';
import { slackAudit, slackId, slackOn, slackPress, teamsOn, type TeamsOn } from './platforms.js';

const chatAs = (t: TestCore, role: Role): ChatContext => ({ core: t.core, actor: actorRecord(t, role), channel: 'console', platform: 'console' });

const say = async (t: TestCore, role: Role, text: string): Promise<Message> => {
  const reply = await runChatText(chatAs(t, role), text);
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};

const press = async (t: TestCore, role: Role, actionId: string, value: string): Promise<string> => {
  const handler = defaultRegistry.button(actionId);
  if (!handler) throw new Error(`no button ${actionId}`);
  try {
    const reply = await handler.run(chatAs(t, role), value);
    return reply.kind === 'message' ? reply.message.summary : `the form ${reply.kind === 'form' ? reply.form.id : ''}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

/** The fixture, and the same organisation where no audit, finding, action or evidence exists. */
function worlds(scenario: Scenario = 'base') {
  return { real: coreFrom(fixtureImage(scenario)), none: coreFrom(fixtureImage('empty')) };
}

const STATEMENT = 'Two admin accounts sign in without MFA.';
const ROOT_CAUSE = 'No policy for admin accounts.';

describe('who may see a corrective action (core path)', () => {
  it('answers someone with no part in it exactly as if it did not exist, and shows nothing of it', async () => {
    const { real, none } = worlds('planned');
    for (const role of ['employee', 'otherAuditor'] as const) {
      const answer = await say(real, role, `action ${IDS.action}`);
      expect(answer).toEqual(await say(none, role, `action ${IDS.action}`));
      expect(answer.summary).toBe('There is no corrective action CA-2027-0001. Type "actions" to see yours.');
      expect(JSON.stringify(answer)).not.toContain(STATEMENT);
      expect(JSON.stringify(answer)).not.toContain(ROOT_CAUSE);
    }
  });

  it('shows it, with the statement and the root cause, to its auditor, area owner, owner, owner\'s manager, leads and admins', async () => {
    const { real } = worlds('planned');
    for (const role of ['auditor', 'areaOwner', 'actionOwner', 'ownerManager', 'lead', 'admin'] as const) {
      const page = JSON.stringify(await say(real, role, `action ${IDS.action}`));
      expect(page, role).toContain(STATEMENT);
      expect(page, role).toContain(ROOT_CAUSE);
    }
  });

  it('answers buttons on it and typed steps from someone with no part in it as if it did not exist', async () => {
    const { real, none } = worlds('implemented');
    for (const [actionId, value] of [['action.verify', IDS.action], ['action.plan', IDS.action], ['action.open', IDS.ofi]] as const) {
      const answer = await press(real, 'employee', actionId, value);
      expect(answer).toBe(await press(none, 'employee', actionId, value));
      expect(answer).toMatch(/^There is no (corrective action CA-2027-0001|finding F-2027-0002)\./);
    }
    const typed = await say(real, 'employee', `action verify ${IDS.action} effective Looks fine`);
    expect(typed).toEqual(await say(none, 'employee', `action verify ${IDS.action} effective Looks fine`));
  });
});

describe('who may see evidence (core path)', () => {
  it('answers someone with no part in the audit about a request as if it did not exist', async () => {
    const { real, none } = worlds('submitted');
    for (const text of [`submit ${IDS.request} https://x.example/mine`, `evidence review ${IDS.request} accept`, `snooze ${IDS.request} 1`]) {
      const answer = await say(real, 'employee', text);
      expect(answer).toEqual(await say(none, 'employee', text));
      expect(answer.summary).toBe('There is no evidence request #3. Type "evidence" to see the requests you are asked for.');
      expect(JSON.stringify(answer)).not.toContain(WHO.actionOwner);
    }
    for (const actionId of ['evidence.accept', 'evidence.more', 'evidence.submit']) {
      const answer = await press(real, 'otherAuditor', actionId, IDS.request);
      expect(answer).toBe(await press(none, 'otherAuditor', actionId, IDS.request));
    }
  });
});

describe('audit explain (core path)', () => {
  it('explains an audit to audit leads and its own auditors only; to anyone else the audit does not exist', async () => {
    const { real, none } = worlds();
    for (const role of ['lead', 'auditor'] as const) expect((await say(real, role, `audit explain ${IDS.audit}`)).title).toBe('Why IA-2027-01 has these auditors');
    for (const role of ['otherAuditor', 'areaOwner', 'actionOwner', 'employee', 'admin'] as const) {
      const answer = await say(real, role, `audit explain ${IDS.audit}`);
      expect(answer, role).toEqual(await say(none, role, `audit explain ${IDS.audit}`));
      expect(answer.summary).toBe('There is no audit IA-2027-01. See the ids with: auditbot programme show');
    }
  });
});

describe('confidentiality on Slack', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers /audit action and /audit explain, and a pressed Accept, from someone with no part in them as for an unknown id', async () => {
    h = await slackOn('submitted');
    const eve = slackId(h, 'employee');
    expect(await slackAudit(h, `action ${IDS.action}`, eve)).toBe('There is no corrective action CA-2027-0001. Type "actions" to see yours.');
    expect(await slackAudit(h, `action CA-2027-0099`, eve)).toBe('There is no corrective action CA-2027-0099. Type "actions" to see yours.');
    expect(await slackAudit(h, `explain ${IDS.audit}`, slackId(h, 'areaOwner'))).toBe('There is no audit IA-2027-01. See the ids with: auditbot programme show');
    const pressed = await slackPress(h, slackId(h, 'otherAuditor'), 'evidence.accept', IDS.request);
    expect(pressed).toEqual({ text: 'There is no evidence request #3. Type "evidence" to see the requests you are asked for.' });
    expect(h.core.store.transaction((tx) => tx.evidence.get(3))?.status).toBe('submitted');
    // Those with a part in it see it.
    expect(await slackAudit(h, `action ${IDS.action}`, slackId(h, 'ownerManager'))).toMatch(/^CA-2027-0001: open/);
    expect(await slackAudit(h, `explain ${IDS.audit}`, slackId(h, 'auditor'))).toMatch(/^IA-2027-01: ana@acme\.example \(lead\)/);
  });

  it('lists in the App Home only the findings the person may see', async () => {
    h = await slackOn();
    for (const [role, sees] of [['employee', false], ['actionOwner', true], ['auditor', true]] as const) {
      const user = slackId(h, role);
      h.fake.reset();
      await h.poster.event({
        type: 'event_callback',
        token: 'deprecated-verification-token',
        team_id: 'T0ACME',
        api_app_id: 'A0AUDITBOT',
        event_id: `Ev${role}`,
        event_time: 1_700_000_000,
        event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' },
      });
      const home = JSON.stringify((await h.fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === user)).body);
      expect(home.includes(IDS.finding), role).toBe(sees);
    }
  });
});

describe('confidentiality on Teams', () => {
  let t: TeamsOn | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers a typed `action` and a pressed Verify from someone with no part in them as for an unknown id', async () => {
    t = await teamsOn('implemented');
    expect(cardText((await t.say('employee', `action ${IDS.action}`)).card)).toBe('There is no corrective action CA-2027-0001. Type "actions" to see yours.');
    const pressed = await t.submit('otherAuditor', { action: 'action.verify', value: IDS.action });
    expect(cardText(pressed)).toBe('There is no corrective action CA-2027-0001. Type "actions" to see yours.');
    expect(cardText((await t.say('admin', `audit explain ${IDS.audit}`)).card)).toBe('There is no audit IA-2027-01. See the ids with: auditbot programme show');
    expect(cardText((await t.say('ownerManager', `action ${IDS.action}`)).card)).toContain(STATEMENT);
  });
});
