// No request of any shape can take the process down (issue 11, point 2): correctly signed bodies
// of every shape — JSON that is not an object, deep nesting, wrong types in every known field of
// slash commands, interactivity and events, 1 MB, more than the limit, wrong content types — are
// each answered 200 or 4xx, never 5xx, and afterwards the server answers /healthz and a real
// command as before. A crash would surface here as an unhandled error (vitest fails the run) and
// as requests that get no answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMetadata } from '../../adapters/slack/render.js';
import { findingState, startHarness, SLACK_IDS, VALID_FINDING, type Harness } from './harness.js';
import { commandFields, FORM, JSON_TYPE, signature } from './sign.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Shape {
  name: string;
  body: string | Uint8Array;
  /** The content type sent; null sends none. */
  type: string | null;
  /** Statuses this shape may get; every shape may get 200 or a 4xx unless narrowed here. */
  expect?: number[];
}

const user = SLACK_IDS.auditor;
const team = { id: 'T0ACME', domain: 'acme' };
const slackUser = { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0ACME' };

const formView = (): Json => ({
  id: 'V0FUZZ',
  team_id: 'T0ACME',
  type: 'modal',
  callback_id: 'auditbot.form',
  private_metadata: encodeMetadata('f'.repeat(32)),
  hash: '1700000000.fuzz',
  app_id: 'A0AUDITBOT',
  bot_id: 'B0AUDITBOT',
  root_view_id: 'V0FUZZ',
  previous_view_id: null,
  clear_on_close: false,
  notify_on_close: false,
  blocks: [
    { type: 'input', block_id: 'statement' },
    { type: 'input', block_id: 'evidence' },
  ],
  state: { values: findingState(VALID_FINDING) as unknown as Json },
});

/** Valid payloads of every kind the adapter handles; each is varied field by field below. */
const interactions = (): Record<string, Json> => ({
  'a button click': {
    type: 'block_actions',
    user: slackUser,
    team,
    api_app_id: 'A0AUDITBOT',
    token: 'deprecated-verification-token',
    trigger_id: '1337.1.fuzz',
    container: { type: 'message', channel_id: `D${user}`, message_ts: '1700000000.000001', is_ephemeral: false },
    channel: { id: `D${user}`, name: 'directmessage' },
    message: { type: 'message', ts: '1700000000.000001', text: 'x' },
    response_url: h.fake.responseUrl(),
    actions: [{ type: 'button', action_id: 'slack.run@0', block_id: 'b1', value: 'whoami', action_ts: '1700000001.000001', text: { type: 'plain_text', text: 'Who am I' } }],
  },
  'a view submission': {
    type: 'view_submission',
    team,
    user: slackUser,
    api_app_id: 'A0AUDITBOT',
    token: 'deprecated-verification-token',
    trigger_id: '1337.2.fuzz',
    view: formView(),
    response_urls: [],
    is_enterprise_install: false,
  },
  'an options query': {
    type: 'block_suggestion',
    user: slackUser,
    team,
    api_app_id: 'A0AUDITBOT',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0FUZZ' },
    action_id: 'search.requirement',
    block_id: 'requirement',
    value: '9.2',
    view: formView(),
  },
});

const eventCallback = (event: Json): Json => ({
  type: 'event_callback',
  token: 'deprecated-verification-token',
  team_id: 'T0ACME',
  api_app_id: 'A0AUDITBOT',
  event_id: 'Ev0FUZZ',
  event_time: 1_700_000_000,
  authorizations: [{ enterprise_id: null, team_id: 'T0ACME', user_id: 'U0AUDITBOT', is_bot: true, is_enterprise_install: false }],
  event,
});

const events: Record<string, Json> = {
  'a direct message': eventCallback({ type: 'message', channel: `D${user}`, channel_type: 'im', user, text: 'whoami', ts: '1700000000.000200', event_ts: '1700000000.000200' }),
  'the App Home opened': eventCallback({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1700000000.000100' }),
  'a URL verification': { type: 'url_verification', token: 'deprecated-verification-token', challenge: 'fuzz-challenge' },
};

/** Values of another type than `v` (and the key left out, as `undefined`). */
function wrongValues(v: Json): (Json | undefined)[] {
  if (v === null) return ['x', 1, {}, undefined];
  if (Array.isArray(v)) return [null, 'x', 1, {}, [null], [1], undefined];
  switch (typeof v) {
    case 'string':
      return [null, 7, true, [], {}, undefined];
    case 'number':
      return ['x', null, [], undefined];
    case 'boolean':
      return ['x', null, 1, undefined];
    default:
      return [null, 'x', 1, true, [], undefined];
  }
}

/** Every variant of `value` with exactly one known field (at any depth) of the wrong type, or left out. */
function variants(value: Json, path: string[] = []): { what: string; value: Json }[] {
  const out: { what: string; value: Json }[] = [];
  const replaceAt = (root: Json, at: string[], by: Json | undefined): Json => {
    if (at.length === 0) return by as Json;
    const [head, ...rest] = at as [string, ...string[]];
    if (Array.isArray(root)) {
      const copy = [...root];
      const i = Number(head);
      if (by === undefined && rest.length === 0) copy.splice(i, 1);
      else copy[i] = replaceAt(root[i] as Json, rest, by);
      return copy;
    }
    const copy = { ...(root as Record<string, Json>) };
    if (by === undefined && rest.length === 0) delete copy[head];
    else copy[head] = replaceAt((root as Record<string, Json>)[head] as Json, rest, by);
    return copy;
  };
  const walk = (v: Json, at: string[]) => {
    if (at.length > 0) {
      for (const wrong of wrongValues(v)) {
        out.push({ what: `${at.join('.')} ${wrong === undefined ? 'left out' : `as ${JSON.stringify(wrong)}`}`, value: replaceAt(value, at, wrong) });
      }
    }
    if (Array.isArray(v)) {
      if (v.length > 0) walk(v[0] as Json, [...at, '0']);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    }
  };
  walk(value, path);
  return out;
}

const payload = (v: Json): string => `payload=${encodeURIComponent(JSON.stringify(v))}`;
const deepArray = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const MB = 1024 * 1024;

function shapes(): Shape[] {
  const list: Shape[] = [];
  const interaction = interactions();
  // Not an object at all, as JSON and as `payload=`.
  for (const [name, json] of [
    ['null', 'null'],
    ['an empty array', '[]'],
    ['an array of objects', '[{"type":"block_actions"}]'],
    ['a number', '1'],
    ['a string', '"x"'],
    ['true', 'true'],
    ['an empty object', '{}'],
    ['an object of an unknown type', '{"type":"something_else"}'],
    ['nesting 10,000 arrays deep', deepArray(10_000)],
    ['nesting 10,000 objects deep', deepObject(10_000)],
    ['not JSON', '{"type":'],
    ['an empty body', ''],
  ] as const) {
    list.push({ name: `JSON: ${name}`, body: json, type: JSON_TYPE });
    list.push({ name: `payload=${name}`, body: `payload=${encodeURIComponent(json)}`, type: FORM });
  }
  list.push({ name: 'form: payload given twice', body: `${payload(interaction['a button click'] as Json)}&payload=1`, type: FORM });
  list.push({ name: 'form: an empty body', body: '', type: FORM });
  list.push({ name: 'form: fields without a command', body: 'text=mine&user_id=U0SEED0002', type: FORM });
  list.push({ name: 'form: ssl_check', body: 'ssl_check=1&token=x', type: FORM, expect: [200] });

  // The slash command, each field repeated (an array), left out, or empty.
  const fields = commandFields('/audit', 'whoami', user, { response_url: h.fake.responseUrl() });
  for (const key of Object.keys(fields)) {
    const without = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));
    list.push({ name: `command: ${key} repeated`, body: `${new URLSearchParams(fields).toString()}&${key}=again`, type: FORM });
    list.push({ name: `command: ${key} left out`, body: new URLSearchParams(without).toString(), type: FORM });
    list.push({ name: `command: ${key} empty`, body: new URLSearchParams({ ...fields, [key]: '' }).toString(), type: FORM });
  }
  list.push({ name: 'command: deep nesting in the text', body: new URLSearchParams({ ...fields, text: deepObject(10_000) }).toString(), type: FORM });

  // Interactivity and events, with one known field at a time of the wrong type.
  for (const [name, value] of Object.entries(interaction)) {
    list.push({ name: `${name} (valid)`, body: payload(value), type: FORM, expect: [200] });
    for (const v of variants(value)) list.push({ name: `${name}: ${v.what}`, body: payload(v.value), type: FORM });
    list.push({ name: `${name} sent as JSON`, body: JSON.stringify(value), type: JSON_TYPE });
  }
  for (const [name, value] of Object.entries(events)) {
    list.push({ name: `${name} (valid)`, body: JSON.stringify(value), type: JSON_TYPE, expect: [200] });
    for (const v of variants(value)) list.push({ name: `${name}: ${v.what}`, body: JSON.stringify(v.value), type: JSON_TYPE });
    list.push({ name: `${name} sent form-encoded`, body: payload(value), type: FORM });
  }
  list.push({ name: 'an event with 10,000 levels of nesting in an unknown field', body: JSON.stringify({ ...(events['a direct message'] as Record<string, Json>), extra: 0 }).replace('"extra":0', `"extra":${deepObject(10_000)}`), type: JSON_TYPE });

  // Size: 1 MB of text where the bot reads text, 1 MB of junk, and more than the limit.
  const dm = events['a direct message'] as { event: Record<string, Json> } & Record<string, Json>;
  list.push({ name: '1 MB: a direct message of 1 MB', body: JSON.stringify({ ...dm, event: { ...dm.event, text: 'x'.repeat(MB) } }), type: JSON_TYPE, expect: [200] });
  list.push({ name: '1 MB: a slash command of 1 MB', body: new URLSearchParams({ ...fields, text: 'y'.repeat(MB) }).toString(), type: FORM, expect: [200] });
  list.push({ name: '1 MB: an array of numbers', body: `[${'1,'.repeat(MB / 2)}1]`, type: JSON_TYPE });
  list.push({ name: '1 MB: an unknown field', body: JSON.stringify({ ...dm, padding: 'z'.repeat(MB) }), type: JSON_TYPE });
  list.push({ name: 'over the limit: 5 MB', body: JSON.stringify({ ...dm, padding: 'z'.repeat(5 * MB) }), type: JSON_TYPE, expect: [413] });

  // Content types Slack never sends.
  const command = new URLSearchParams({ ...fields, trigger_id: '1337.3.fuzz' }).toString();
  for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json']) {
    list.push({ name: `content type ${type} for a slash command`, body: command, type, expect: [400, 415] });
  }
  list.push({ name: 'no content type', body: new TextEncoder().encode(command), type: null, expect: [415] });
  return list;
}

describe('signed requests of every shape', () => {
  it('answers each with 200 or a 4xx, never 5xx, and keeps serving', async () => {
    const table = shapes();
    const seen = new Set<string>();
    const unique = table.filter((s) => {
      const key = `${s.type}|${typeof s.body === 'string' ? s.body : new TextDecoder().decode(s.body)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(unique.length).toBeGreaterThan(400);
    const answers: { name: string; status: number }[] = [];
    for (const shape of unique) {
      const raw = typeof shape.body === 'string' ? shape.body : new TextDecoder().decode(shape.body);
      const ts = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature('test-signing-secret-8f2c1d', ts, raw) };
      if (shape.type !== null) headers['content-type'] = shape.type;
      const res = await fetch(h.eventsUrl, { method: 'POST', headers, body: shape.body });
      await res.arrayBuffer();
      answers.push({ name: shape.name, status: res.status });
    }
    const wrong = answers.filter((a, i) => {
      const allowed = unique[i]?.expect;
      return allowed ? !allowed.includes(a.status) : !(a.status === 200 || (a.status >= 400 && a.status < 500 && a.status !== 401));
    });
    expect(wrong).toEqual([]);
    // A 4xx for everything malformed; most variants are refused before any listener runs.
    expect(answers.filter((a) => a.status === 400).length).toBeGreaterThan(300);

    const health = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    h.fake.reset();
    const control = await h.command('/finding', 'still serving', user);
    expect(control.status).toBe(200);
    expect(h.fake.callsOf('views.open')).toHaveLength(1);
  }, 180_000);
});
