// The security fixture (org.ts) behind the real Slack and Teams adapters: signed Slack requests
// into the Bolt receiver, Teams activities into the CloudAdapter, as their own tests do.
import { makeTestCore, type TestCore } from '../helpers/core.js';
import type { RecordedCall } from '../slack/fake-slack.js';
import { startHarness, viewSubmission, type Harness } from '../slack/harness.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';
import { NOW, seedSecurityOrg, WHO, type Role, type Scenario } from './org.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export async function slackOn(scenario: Scenario = 'base'): Promise<Harness> {
  const h = await startHarness({ seed: false });
  seedSecurityOrg({ core: h.core, db: h.db, clock: h.clock }, scenario);
  h.fake.reset();
  return h;
}

export function slackId(h: Harness | TestCore, role: Role): string {
  const p = h.core.store.transaction((tx) => tx.organisation.getPerson(WHO[role]));
  if (!p?.slackId) throw new Error(`${role} has no Slack id`);
  return p.slackId;
}

/** `/audit <text>` as `user`; the ephemeral answer's text (the message summary, escaped for Slack). */
export async function slackAudit(h: Harness, text: string, user: string): Promise<string> {
  h.fake.reset();
  const res = await h.command('/audit', text, user);
  if (res.status !== 200) throw new Error(`/audit answered ${res.status}`);
  return String((await h.fake.waitForMethod('response_url')).body.text);
}

/** A button pressed in the DM with the bot, as Slack sends it. */
export const slackClick = (h: Harness, user: string, actionId: string, value: string) => ({
  type: 'block_actions',
  user: { id: user, username: user.toLowerCase(), team_id: 'T0ACME' },
  team: { id: 'T0ACME', domain: 'acme' },
  api_app_id: 'A0AUDITBOT',
  token: 'deprecated-verification-token',
  trigger_id: `1337.88.${Math.random().toString(16).slice(2)}`,
  container: { type: 'message', channel_id: `D${user}`, message_ts: '1700000000.000001', is_ephemeral: false },
  channel: { id: `D${user}`, name: 'directmessage' },
  message: { type: 'message', ts: '1700000000.000001', text: 'x' },
  response_url: h.fake.responseUrl(),
  actions: [{ type: 'button', action_id: `${actionId}@0`, block_id: 'b1', value, action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Open' } }],
});

/** Presses a button as `user`: the modal it opened, or the text it answered with. */
export async function slackPress(h: Harness, user: string, actionId: string, value: string): Promise<{ modal: RecordedCall } | { text: string }> {
  h.fake.reset();
  const res = await h.poster.interaction(slackClick(h, user, actionId, value));
  if (res.status !== 200) throw new Error(`the click answered ${res.status}`);
  const call = await h.fake.waitFor((c) => c.method === 'views.open' || c.method === 'response_url');
  return call.method === 'views.open' ? { modal: call } : { text: String(call.body.text) };
}

/**
 * Types `/audit <text>` as `user` where the answer may be a form: the modal it opened (with the
 * command's trigger, views.open), or the ephemeral text. `audit plan …` is typed `/audit plan …`.
 */
export async function slackType(h: Harness, text: string, user: string): Promise<{ modal: RecordedCall } | { text: string }> {
  h.fake.reset();
  const res = await h.command('/audit', text.replace(/^audit\s+/, ''), user);
  if (res.status !== 200) throw new Error(`/audit answered ${res.status}`);
  const call = await h.fake.waitFor((c) => c.method === 'views.open' || c.method === 'response_url');
  return call.method === 'views.open' ? { modal: call } : { text: String(call.body.text) };
}

/** Opens a form as `user` the way its row says: typed, or with a button. */
export const slackOpen = (h: Harness, user: string, open: { text: string } | { actionId: string; value: string }) =>
  'actionId' in open ? slackPress(h, user, open.actionId, open.value) : slackType(h, open.text, user);

type State = Record<string, Record<string, Record<string, unknown>>>;

/** `view.state.values` for the inputs of an opened modal, as Slack builds them from what was entered. */
export function stateFor(opened: RecordedCall, entered: Record<string, string | boolean | undefined>): State {
  const state: State = {};
  const blocks = (opened.body.view as { blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[] }).blocks;
  for (const b of blocks) {
    if (b.type !== 'input' || !b.block_id || !b.element) continue;
    const v = entered[b.block_id];
    const el = b.element;
    const option = (x: unknown) => (x === undefined ? null : { text: { type: 'plain_text', text: String(x) }, value: String(x) });
    state[b.block_id] = {
      [el.action_id]:
        el.type === 'datepicker'
          ? { type: el.type, selected_date: v ?? null }
          : el.type === 'static_select' || el.type === 'external_select'
            ? { type: el.type, selected_option: option(v) }
            : el.type === 'checkboxes'
              ? { type: el.type, selected_options: v === true ? [{ value: 'true' }] : [] }
              : { type: el.type, value: v ?? null },
    };
  }
  return state;
}

let views = 0;

/** Submits an opened modal as `user` with `state`; the parsed ack (null for the empty ack that closes it). */
export async function slackSubmit(h: Harness, opened: RecordedCall, user: string, state: State): Promise<{ response_action?: string; errors?: Record<string, string> } | null> {
  views += 1;
  const res = await h.poster.interaction(viewSubmission(opened, user, state, { id: `V0SEC${views}`, hash: `1700000000.sec${views}` }));
  if (res.status !== 200) throw new Error(`the submission answered ${res.status}`);
  return res.text === '' ? null : (JSON.parse(res.text) as { response_action?: string; errors?: Record<string, string> });
}

export interface CardReply {
  card: Record<string, unknown>;
  cardId: string;
  summary: string;
}

export interface TeamsOn extends TestCore {
  h: TeamsHarness;
  person(role: Role): PersonRecord;
  /** Types `text` as `role` in the personal chat; the card the bot answered with, and the activity's summary. */
  say(role: Role, text: string): Promise<CardReply>;
  /** An Action.Submit on the card `cardId` with `value`; the card the bot put in its place (or sent). */
  submit(role: Role, value: Record<string, unknown>, cardId?: string): Promise<Record<string, unknown>>;
  /** The same, with the id and the summary of the activity the card came in. */
  press(role: Role, value: Record<string, unknown>, cardId?: string): Promise<CardReply>;
  close(): Promise<void>;
}

export async function teamsOn(scenario: Scenario = 'base'): Promise<TeamsOn> {
  const t = makeTestCore(NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
  seedSecurityOrg(t, scenario);
  const h = await startTeamsHarness(t.core);
  const person = (role: Role): PersonRecord => {
    const p = t.core.store.transaction((tx) => tx.organisation.getPerson(WHO[role]));
    if (!p) throw new Error(`no ${role}`);
    return p;
  };
  const reply = (mark: number) => {
    const sent = h.since(mark).filter((r) => (r.method === 'POST' && r.path.includes('/activities')) || r.method === 'PUT');
    const last = sent.at(-1);
    const card = last && cardOf(last);
    if (!last || !card) throw new Error('the bot answered with no card');
    return { card: card as Record<string, unknown>, cardId: String((last.answer?.body as { id?: string } | undefined)?.id ?? ''), summary: String(last.body.summary ?? '') };
  };
  const press = async (role: Role, value: Record<string, unknown>, cardId?: string): Promise<CardReply> => {
    const mark = h.connector.requests.length;
    const res = await h.post(h.submit(person(role), value, cardId));
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
    return reply(mark);
  };
  return {
    ...t,
    h,
    person,
    async say(role, text) {
      const mark = h.connector.requests.length;
      const res = await h.post(h.message(person(role), text));
      if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
      return reply(mark);
    },
    async submit(role, value, cardId) {
      return (await press(role, value, cardId)).card;
    },
    press,
    async close() {
      await h.close();
      t.db.$client.close();
    },
  };
}
