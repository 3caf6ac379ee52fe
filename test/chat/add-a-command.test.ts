// Adding a chat command is one file in its capability's folder and its line in that
// capability's list. Here the "file" is written in the test itself: `evidence count`, a command
// of the evidence capability built on a core query. Registered through the public API (its
// capability's commands, then createRegistry), it works on Slack, on Teams and in the console,
// and is in the help, with nothing else changed; without its registration no platform knows it.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../../adapters/console/console-session.js';
import { CAPABILITIES, defaultRegistry } from '../../src/chat/default-registry.js';
import { evidenceChat } from '../../src/chat/evidence/index.js';
import { createRegistry } from '../../src/chat/registry.js';
import { actorOf, say } from '../../src/chat/replies.js';
import type { Capability, ChatCommand } from '../../src/chat/types.js';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';
import { listMyEvidence } from '../../src/core/evidence/list-my-evidence.js';
import type { Core } from '../../src/core/context.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, type Harness } from '../slack/harness.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';
import { runChatText } from '../helpers/chat.js';

// ---- the new file: src/chat/evidence/evidence-count-command.ts ------------------------------
const evidenceCountCommand: ChatCommand = {
  words: ['evidence', 'count'],
  usage: 'evidence count',
  summary: 'how many evidence requests you are asked for',
  run(ctx) {
    const { mine } = listMyEvidence(ctx.core, actorOf(ctx));
    return say(`You are asked for ${mine.length} evidence request${mine.length === 1 ? '' : 's'}.`);
  },
};

// ---- its registration: one line in src/chat/evidence/index.ts -------------------------------
const evidence: Capability = { ...evidenceChat, commands: [...(evidenceChat.commands ?? []), evidenceCountCommand] };
const registry = createRegistry(CAPABILITIES.map((c) => (c.name === evidence.name ? evidence : c)));

/** Bo owns A.5.15 and A.5.18 in the IAM audit: two requests once it asks for evidence. */
function askForEvidence(core: Core): void {
  core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(SEED.audits.iam);
    if (!audit) throw new Error('no IAM audit');
    createEvidenceRequests(tx, core, audit);
  });
}
const COUNTED = 'You are asked for 2 evidence requests.';

let slack: Harness | null = null;
let teams: TeamsHarness | null = null;
let session: ConsoleSession | null = null;
afterEach(async () => {
  await slack?.close();
  await teams?.close();
  session?.close();
  await session?.done;
  slack = teams = session = null;
});

describe('adding a chat command', () => {
  it('is its file and its registration: the registry then has it, in the help, beside everything it had', async () => {
    expect(registry.command(['evidence', 'count'])).toBe(evidenceCountCommand);
    expect(defaultRegistry.command(['evidence', 'count'])).toBeUndefined();
    expect(registry.commands.filter((c) => c !== evidenceCountCommand)).toEqual(defaultRegistry.commands);
    expect(JSON.stringify(registry.help())).toContain('evidence count: how many evidence requests you are asked for');

    const t = makeTestCore();
    seedSmallOrg(t);
    askForEvidence(t.core);
    const bo = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.iamOwner)) as PersonRecord;
    const ctx = { core: t.core, actor: bo, channel: 'console' as const, platform: 'console' as const };
    expect(await runChatText(ctx, 'evidence count', registry)).toMatchObject({ kind: 'message', message: { summary: COUNTED } });
    // Without the registration, the words are the `evidence` command's, with `count` as an argument.
    expect(JSON.stringify(await runChatText(ctx, 'evidence count'))).not.toContain(COUNTED);
  });

  it('works on Slack (/audit and a DM), on Teams and in the console', async () => {
    slack = await startHarness({ registry });
    askForEvidence(slack.core);
    await slack.command('/audit', 'evidence count', SLACK_IDS.iamOwner);
    expect(JSON.stringify((await slack.fake.waitForMethod('response_url')).body)).toContain(COUNTED);
    slack.fake.reset();
    await slack.poster.event({
      type: 'event_callback',
      team_id: 'T0ACME',
      api_app_id: 'A0AUDITBOT',
      event_id: 'Ev0COUNT',
      event_time: 1_700_000_000,
      event: { type: 'message', channel: `D${SLACK_IDS.iamOwner}`, channel_type: 'im', user: SLACK_IDS.iamOwner, text: 'evidence count', ts: '1700000000.000900', event_ts: '1700000000.000900' },
    });
    expect(JSON.stringify((await slack.fake.waitForMethod('chat.postMessage')).body)).toContain(COUNTED);

    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    askForEvidence(t.core);
    teams = await startTeamsHarness(t.core, {}, registry);
    const bo = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.iamOwner)) as PersonRecord;
    const mark = teams.connector.requests.length;
    await teams.post(teams.message(bo, 'evidence count'));
    const card = cardOf(teams.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'))!);
    expect(card && cardText(card)).toContain(COUNTED);

    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    session = openConsoleSession({ core: t.core, email: SEED.iamOwner, input, output, registry });
    input.end('evidence count\n');
    await session.done;
    session = null;
    expect(printed).toContain(COUNTED);
  });
});
