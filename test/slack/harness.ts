// The Slack adapter end to end: the real Bolt receiver mounted on the project's HTTP server,
// the core on in-memory SQLite with a fixed clock and the seeded organisation, and the fake
// Slack Web API on 127.0.0.1 that records what the bot sent.
import { Writable } from 'node:stream';
import { createSlackAdapter, SLACK_EVENTS_PATH, type SlackAdapter } from '../../adapters/slack/app.js';
import { reportFiles } from '../../src/app.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { ChatRegistry } from '../../src/chat/registry.js';
import { loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import { createLogger } from '../../src/logger.js';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.js';
import { createHttpServer, type HttpServer } from '../../src/server/http.js';
import type { Db } from '../../db/connection.js';
import { makeTestCore } from '../helpers/core.js';
import { seedSmallOrg, SEED } from '../helpers/seed.js';
import { FakeSlack, type RecordedCall } from './fake-slack.js';
import { commandFields, slackPoster, type SlackPoster } from './sign.js';

/** The DM channel the fake Web API opens with a member (conversations.open answers `D<member id>`). */
export const dm = (user: string): string => `D${user}`;

/** What the bot posted into a member's DM, oldest first. */
export const postsTo = (h: Pick<Harness, 'fake'>, user: string): RecordedCall[] => h.fake.callsOf('chat.postMessage').filter((c) => c.body.channel === dm(user));

export const SIGNING_SECRET = 'test-signing-secret-8f2c1d';

/** Slack ids of the seeded people (test/helpers/seed.ts gives everyone one). */
export const SLACK_IDS = {
  lead: 'U0SEED0001',
  auditor: 'U0SEED0002',
  otherAuditor: 'U0SEED0003',
  iamOwner: 'U0SEED0004',
  authOwner: 'U0SEED0005',
  suppliersOwner: 'U0SEED0006',
  leaver: 'U0SEED0007',
} as const;

export interface Harness {
  core: Core;
  db: Db;
  clock: ReturnType<typeof makeTestCore>['clock'];
  fake: FakeSlack;
  slack: SlackAdapter;
  http: HttpServer;
  poster: SlackPoster;
  /** http://127.0.0.1:PORT/slack/events */
  eventsUrl: string;
  dispatcher: Dispatcher;
  /** Every log line written, parsed. */
  logs: Record<string, unknown>[];
  /** Posts `/finding` or `/audit` as the Slack user, with a response URL on the fake. */
  command(command: string, text: string, user: string): ReturnType<SlackPoster['command']>;
  close(): Promise<void>;
}

export async function startHarness(opts: { processBeforeResponse?: boolean; identityBudgetMs?: number; seed?: boolean; registry?: ChatRegistry } = {}): Promise<Harness> {
  const fake = await new FakeSlack().start();
  const { core, db, clock } = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['slack', 'console'], timezone: 'Europe/London' });
  if (opts.seed !== false) seedSmallOrg({ core, db });
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info' });
  const logs: Record<string, unknown>[] = [];
  const sinkStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', sinkStream);
  const slack = createSlackAdapter({
    config,
    core,
    registry: opts.registry ?? defaultRegistry,
    logger,
    processBeforeResponse: opts.processBeforeResponse ?? true,
    identityBudgetMs: opts.identityBudgetMs ?? 1_500,
    reports: reportFiles,
  });
  await slack.start();
  const http = createHttpServer({ health: () => ({ ok: true }) });
  slack.mount(http);
  const address = await http.listen(0, '127.0.0.1');
  const eventsUrl = `http://127.0.0.1:${address.port}${SLACK_EVENTS_PATH}`;
  const poster = slackPoster(eventsUrl, SIGNING_SECRET);
  const dispatcher = createDispatcher({ store: core.store, clock, deliverers: [slack.deliverer], maxAttempts: 5, logger, random: () => 0.5 });
  return {
    core,
    db,
    clock,
    fake,
    slack,
    http,
    poster,
    eventsUrl,
    dispatcher,
    logs,
    command: (command, text, user) => poster.command(commandFields(command, text, user, { response_url: fake.responseUrl() })),
    async close() {
      await dispatcher.stop();
      await slack.stop();
      await http.close();
      await fake.stop();
      db.$client.close();
    },
  };
}

type StateValue = Record<string, unknown>;

/** What a person enters in the finding modal; undefined leaves the input empty. */
export interface FindingEntry {
  auditId?: string;
  classification?: string;
  requirement?: string;
  confirmOutOfScope?: boolean;
  statement?: string;
  evidence?: string;
  owner?: string;
  dueDate?: string;
}

const select = (type: string, value: string | undefined): StateValue => ({ type, selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value } });

/** `view.state.values` as Slack builds it from the modal's inputs (block id → action id → state). */
export function findingState(e: FindingEntry): Record<string, Record<string, StateValue>> {
  return {
    auditId: { value: select('static_select', e.auditId) },
    classification: { value: select('static_select', e.classification) },
    requirement: { 'search.requirement': select('external_select', e.requirement) },
    confirmOutOfScope: { value: { type: 'checkboxes', selected_options: e.confirmOutOfScope ? [{ value: 'true' }] : [] } },
    statement: { value: { type: 'plain_text_input', value: e.statement ?? null } },
    evidence: { value: { type: 'plain_text_input', value: e.evidence ?? null } },
    owner: { 'search.person': select('external_select', e.owner) },
    dueDate: { value: { type: 'datepicker', selected_date: e.dueDate ?? null } },
  };
}

/** A view_submission payload for a view the bot opened (as recorded by the fake). */
export function viewSubmission(opened: RecordedCall, user: string, state: Record<string, Record<string, StateValue>>, ids: { id?: string; hash?: string } = {}): Record<string, unknown> {
  const view = opened.body.view as Record<string, unknown>;
  return {
    type: 'view_submission',
    team: { id: 'T0ACME', domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0ACME' },
    api_app_id: 'A0AUDITBOT',
    token: 'deprecated-verification-token',
    trigger_id: `1337.99.${Math.random().toString(16).slice(2)}`,
    view: {
      ...view,
      id: ids.id ?? 'V0FINDING01',
      team_id: 'T0ACME',
      app_id: 'A0AUDITBOT',
      bot_id: 'B0AUDITBOT',
      hash: ids.hash ?? '1700000000.abcdef',
      root_view_id: ids.id ?? 'V0FINDING01',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      state: { values: state },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

export const VALID_FINDING: FindingEntry = {
  auditId: SEED.audits.iam,
  classification: 'minor',
  requirement: 'A.5.15',
  statement: 'Two former contractors still have active accounts in the identity provider.',
  evidence: 'Identity provider user export of 2027-01-04 compared with the HR leavers list for Q4 2026.',
  dueDate: '2027-02-15',
};
