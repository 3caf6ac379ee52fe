// One fault, three platforms: a command that fails unexpectedly (a bug, not a refusal) is
// answered on Slack, on Teams and in the console with the same words and the same reference
// line, each end to end through its real adapter, and each reference is the one logged, once,
// with the error. A refusal, on each, is the core's own words with no reference.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsoleSession, type ConsoleSession } from '../../adapters/console/console-session.js';
import { renderMessageText } from '../../adapters/console/render.js';
import { CAPABILITIES } from '../../src/chat/default-registry.js';
import { FAULT_TEXT } from '../../src/chat/faults.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { Capability } from '../../src/chat/types.js';
import { AuditbotError } from '../../src/core/errors.js';
import { createLogger } from '../../src/logger.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { startHarness, SLACK_IDS, type Harness } from '../slack/harness.js';
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';

const REFUSAL = 'Only an audit lead can do that; ask lena@acme.example.';

/** Beside every real capability: one command with a bug, one the core refuses. */
const faulty: Capability = {
  name: 'faulty',
  commands: [
    {
      words: ['break'],
      usage: 'break',
      summary: 'fails unexpectedly',
      run: () => {
        throw new RangeError('internal detail: index 7 out of range');
      },
    },
    {
      words: ['refuse'],
      usage: 'refuse',
      summary: 'is refused',
      run: () => {
        throw new AuditbotError('forbidden', REFUSAL);
      },
    },
  ],
};
const registry = createRegistry([...CAPABILITIES, faulty]);

/** The answer's text and its reference, whatever the platform drew it with. */
function readAnswer(text: string): { said: string; reference: string | undefined } {
  const reference = /Reference: (ERR-[A-Z2-9]{8})/.exec(text)?.[1];
  return { said: text, reference };
}

const logStream = (lines: Record<string, unknown>[]) =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });

async function onSlack(h: Harness, text: string): Promise<string> {
  h.fake.reset();
  await h.command('/audit', text, SLACK_IDS.auditor);
  const answer = await h.fake.waitForMethod('response_url');
  expect(answer.body.response_type).toBe('ephemeral');
  return JSON.stringify(answer.body.blocks);
}

async function onTeams(h: TeamsHarness, person: PersonRecord, text: string): Promise<string> {
  const mark = h.connector.requests.length;
  const res = await h.post(h.message(person, text));
  expect(res.status).toBe(200);
  const reply = h.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'));
  const card = reply && cardOf(reply);
  if (!card) throw new Error('no answer card');
  return cardText(card);
}

const PROMPT = 'auditbot (ana@acme.example)> ';

/** A terminal: what the session printed so far, and a line typed into it answered (up to the next prompt). */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const type = (text: string): Promise<string> => {
    const from = printed.length;
    const answered = new Promise<string>((resolve) => {
      const check = () => {
        const after = printed.slice(from);
        if (!after.includes(PROMPT)) return;
        output.off('data', check);
        resolve(after);
      };
      output.on('data', check);
    });
    input.write(`${text}\n`);
    return answered;
  };
  const ready = new Promise<void>((resolve) => {
    const check = () => printed.includes(PROMPT) && (output.off('data', check), resolve());
    output.on('data', check);
  });
  return { input, output, type, ready };
}

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

describe('a fault is told the same way on every platform', () => {
  it('Slack, Teams and the console answer one fault with the same words and a logged reference', async () => {
    slack = await startHarness({ registry });

    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    teams = await startTeamsHarness(t.core, {}, registry);
    const teamsLogs = teams.logs;
    const ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor)) as PersonRecord;

    const consoleLogs: Record<string, unknown>[] = [];
    const c = makeTestCore();
    seedSmallOrg(c);
    const term = terminal();
    session = openConsoleSession({ core: c.core, email: SEED.auditor, input: term.input, output: term.output, registry, logger: createLogger('info', logStream(consoleLogs)) });
    await term.ready;

    const answers = {
      slack: readAnswer(await onSlack(slack, 'break')),
      teams: readAnswer(await onTeams(teams, ana, 'break')),
      console: readAnswer(await term.type('break')),
    };
    const logs = { slack: slack.logs, teams: teamsLogs, console: consoleLogs };
    for (const platform of ['slack', 'teams', 'console'] as const) {
      const { said, reference } = answers[platform];
      expect(said, platform).toContain(FAULT_TEXT);
      expect(reference, platform).toMatch(/^ERR-[A-Z2-9]{8}$/);
      expect(said, platform).not.toContain('internal detail');
      const logged = logs[platform].filter((l) => l.reference === reference);
      expect(logged, platform).toHaveLength(1);
      expect(logged[0], platform).toMatchObject({ level: 50, code: 'internal', platform, command: 'break' });
      expect(JSON.stringify(logged[0]?.err), platform).toContain('index 7 out of range');
    }
    // The console prints the message as the console renders any message.
    expect(answers.console.said).toContain(renderMessageText({ summary: '', blocks: [{ type: 'text', text: FAULT_TEXT }, { type: 'context', text: `Reference: ${answers.console.reference}` }] }));
  });

  it('a refusal is the core\'s words on every platform, with no reference and no error logged', async () => {
    slack = await startHarness({ registry });
    const t = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    teams = await startTeamsHarness(t.core, {}, registry);
    const ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor)) as PersonRecord;
    const c = makeTestCore();
    seedSmallOrg(c);
    const term = terminal();
    session = openConsoleSession({ core: c.core, email: SEED.auditor, input: term.input, output: term.output, registry });
    await term.ready;

    for (const said of [await onSlack(slack, 'refuse'), await onTeams(teams, ana, 'refuse'), await term.type('refuse')]) {
      expect(said).toContain(REFUSAL);
      expect(said).not.toContain('Reference');
    }
    expect([...slack.logs, ...teams.logs].filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
