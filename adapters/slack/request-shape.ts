// What a body posted to `POST /slack/events` must look like before Bolt sees it. Bolt reads the
// parsed body without checking it (a JSON `null` once threw outside any handler and ended the
// process), so every field Bolt or our listeners read is checked here for its type, the body is
// classified the way Bolt classifies it, and anything else is refused with 400. Unknown fields
// pass untouched: Slack adds fields over time.
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** What the guard does with a body that passed its signature check. */
export type ShapeVerdict =
  /** Hand it to Bolt. */
  | { kind: 'pass' }
  /** Answer 200 at once without Bolt (Slack's rate-limit notice). */
  | { kind: 'ok'; note: string }
  | { kind: 'refuse'; reason: string };

/**
 * Slack's SSL check (`ssl_check=1`), which Slack does not sign: answered 200 and nothing else,
 * as Bolt does.
 */
export function isSslCheck(text: string): boolean {
  return parseQuery(text).ssl_check === '1';
}

const str = z.string();
const optStr = z.string().optional();
const optBool = z.boolean().optional();

const user = z.looseObject({ id: str, team_id: optStr, name: optStr, username: optStr });
// Org-wide installs send `team: null`; Bolt then reads the user's team.
const team = z.looseObject({ id: str, domain: optStr, enterprise_id: optStr }).nullable().optional();
const enterprise = z.looseObject({ id: str, name: optStr }).nullable().optional();
// Bolt reads `channel.id` whenever `channel` is there, so it may be absent but not null.
const channel = z.looseObject({ id: str, name: optStr }).optional();

/** Fields every interactive payload may carry, with the types Bolt relies on. */
const interactive = {
  type: str,
  user,
  team,
  enterprise,
  channel,
  api_app_id: optStr,
  token: optStr,
  trigger_id: optStr,
  response_url: optStr,
  response_urls: z.array(z.looseObject({ response_url: str, block_id: optStr, action_id: optStr, channel_id: optStr })).optional(),
  is_enterprise_install: optBool,
  function_data: z.looseObject({ execution_id: str, inputs: z.record(z.string(), z.unknown()).optional() }).optional(),
  bot_access_token: optStr,
  container: z.looseObject({ type: str, view_id: optStr, channel_id: optStr, message_ts: optStr, is_ephemeral: optBool }).optional(),
};

const stateValue = z.looseObject({
  type: str,
  value: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: str }).nullable().optional(),
  selected_date: z.string().nullable().optional(),
  selected_options: z.array(z.looseObject({ value: str })).nullable().optional(),
});

const view = z.looseObject({
  id: str,
  type: optStr,
  callback_id: str,
  team_id: optStr,
  app_id: optStr,
  bot_id: optStr,
  hash: optStr,
  external_id: optStr,
  private_metadata: optStr,
  root_view_id: z.string().nullable().optional(),
  previous_view_id: z.string().nullable().optional(),
  app_installed_team_id: optStr,
  clear_on_close: optBool,
  notify_on_close: optBool,
  blocks: z.array(z.looseObject({ type: str, block_id: optStr })).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), stateValue)) }).optional(),
});

const blockActions = z.looseObject({
  ...interactive,
  type: z.literal('block_actions'),
  container: interactive.container.unwrap(),
  actions: z.array(z.looseObject({ type: str, action_id: str, block_id: optStr, value: optStr, action_ts: optStr })).min(1),
  message: z.looseObject({ ts: optStr, text: optStr, blocks: z.array(z.unknown()).optional() }).optional(),
  view: view.optional(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), stateValue)) }).optional(),
});

const blockSuggestion = z.looseObject({
  ...interactive,
  type: z.literal('block_suggestion'),
  name: optStr,
  action_id: str,
  block_id: str,
  value: str,
  view: view.optional(),
});

const viewSubmission = z.looseObject({
  ...interactive,
  type: z.literal('view_submission'),
  view: view.extend({ state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), stateValue)) }) }),
});

const viewClosed = z.looseObject({ ...interactive, type: z.literal('view_closed'), view, is_cleared: optBool });

const shortcut = z.looseObject({ ...interactive, type: z.enum(['shortcut', 'message_action']), callback_id: str });

const command = z.looseObject({
  command: z.string().regex(/^\/\S+$/),
  user_id: str,
  text: optStr,
  team_id: optStr,
  team_domain: optStr,
  enterprise_id: optStr,
  enterprise_name: optStr,
  channel_id: optStr,
  channel_name: optStr,
  user_name: optStr,
  trigger_id: optStr,
  response_url: optStr,
  api_app_id: optStr,
  token: optStr,
  is_enterprise_install: optStr,
});

const threaded = z.looseObject({ thread_ts: optStr }).optional();

const event = z.looseObject({
  type: str,
  subtype: optStr,
  user: z.union([str, z.looseObject({ id: str })]).optional(),
  channel: z.union([str, z.looseObject({ id: str, creator: optStr })]).optional(),
  channel_id: optStr,
  channel_type: optStr,
  team: optStr,
  text: optStr,
  tab: optStr,
  ts: optStr,
  thread_ts: optStr,
  event_ts: optStr,
  bot_id: optStr,
  item: z.looseObject({ channel: optStr }).optional(),
  message: threaded,
  previous_message: threaded,
  assistant_thread: z.looseObject({ channel_id: optStr, thread_ts: optStr }).optional(),
  subteam: z.looseObject({ created_by: optStr }).optional(),
  function_execution_id: optStr,
  bot_access_token: optStr,
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event,
  token: optStr,
  team_id: optStr,
  api_app_id: optStr,
  event_id: optStr,
  event_time: z.number().optional(),
  event_context: optStr,
  enterprise_id: z.string().nullable().optional(),
  is_ext_shared_channel: optBool,
  authorizations: z
    .array(z.looseObject({ enterprise_id: z.string().nullable().optional(), team_id: z.string().nullable().optional(), user_id: optStr, is_bot: optBool, is_enterprise_install: optBool }))
    .optional(),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: str, token: optStr });

const rateLimited = z.looseObject({ type: z.literal('app_rate_limited'), team_id: optStr, minute_rate_limited: z.number().optional() });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function verdict(schema: z.ZodType, body: unknown, what: string): ShapeVerdict {
  const result = schema.safeParse(body);
  if (result.success) return { kind: 'pass' };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the body';
  return { kind: 'refuse', reason: `${what}: ${where} is not what Slack sends` };
}

/** An interactive payload (`payload=` JSON), classified in Bolt's order. */
function checkInteraction(body: unknown): ShapeVerdict {
  if (!isRecord(body)) return { kind: 'refuse', reason: 'the payload is not a JSON object' };
  if (body.event !== undefined || body.command !== undefined) return { kind: 'refuse', reason: 'events and commands do not come as a payload' };
  if (body.name !== undefined || body.type === 'block_suggestion') return verdict(blockSuggestion, body, 'an options request');
  if (body.actions !== undefined) return verdict(blockActions, body, 'a button or menu action');
  switch (body.type) {
    case 'view_submission':
      return verdict(viewSubmission, body, 'a view submission');
    case 'view_closed':
      return verdict(viewClosed, body, 'a closed view');
    case 'shortcut':
    case 'message_action':
      return verdict(shortcut, body, 'a shortcut');
    default:
      return { kind: 'refuse', reason: 'the payload is of no kind Auditbot handles' };
  }
}

/** A JSON body: an event, Slack's URL verification or its rate-limit notice. */
function checkJson(body: unknown): ShapeVerdict {
  if (!isRecord(body)) return { kind: 'refuse', reason: 'the body is not a JSON object' };
  if (body.ssl_check !== undefined) return { kind: 'refuse', reason: 'an SSL check comes form-encoded' };
  if (body.event !== undefined) return verdict(eventCallback, body, 'an event');
  switch (body.type) {
    case 'url_verification':
      return verdict(urlVerification, body, 'a URL verification');
    case 'app_rate_limited': {
      const v = verdict(rateLimited, body, 'a rate-limit notice');
      return v.kind === 'pass' ? { kind: 'ok', note: 'Slack is holding back events: more than 30,000 an hour reached this app' } : v;
    }
    default:
      return { kind: 'refuse', reason: 'the JSON body is of no kind Auditbot handles' };
  }
}

/** A form-encoded body: a slash command, an interactive `payload=`, or Slack's SSL check. */
function checkForm(text: string): ShapeVerdict {
  const fields = parseQuery(text);
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') return { kind: 'refuse', reason: `the field ${key.slice(0, 40)} is given more than once` };
  }
  if (fields.payload !== undefined) {
    let payload: unknown;
    try {
      payload = JSON.parse(fields.payload as string);
    } catch {
      return { kind: 'refuse', reason: 'the payload is not JSON' };
    }
    return checkInteraction(payload);
  }
  if (fields.command !== undefined) return verdict(command, fields, 'a slash command');
  return { kind: 'refuse', reason: 'the form is neither a slash command nor an interactive payload' };
}

/** Checks a body whose signature is already verified; `contentType` is one of the two above. */
export function checkSlackBody(contentType: typeof FORM_CONTENT_TYPE | typeof JSON_CONTENT_TYPE, text: string): ShapeVerdict {
  if (contentType === FORM_CONTENT_TYPE) return checkForm(text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'refuse', reason: 'the body is not JSON' };
  }
  return checkJson(body);
}
