// Requests as Slack sends them: form-encoded slash commands, `payload=` interactivity and JSON
// events, signed with `v0=` HMAC-SHA256 over `v0:{timestamp}:{raw body}` (or deliberately not).
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** `false` sends no signature headers at all. */
  sign?: boolean;
  /** Signs with this secret instead (a wrong signature). */
  secret?: string;
  headers?: Record<string, string>;
}

export interface SlackPoster {
  post(body: string, contentType: string, options?: SignOptions): Promise<{ status: number; text: string; ms: number }>;
  command(fields: Record<string, string>, options?: SignOptions): Promise<{ status: number; text: string; ms: number }>;
  interaction(payload: unknown, options?: SignOptions): Promise<{ status: number; text: string; ms: number }>;
  event(payload: unknown, options?: SignOptions): Promise<{ status: number; text: string; ms: number }>;
}

/** Posts to `url` (e.g. http://127.0.0.1:PORT/slack/events) signed with `secret`. */
export function slackPoster(url: string, secret: string): SlackPoster {
  async function post(body: string, contentType: string, options: SignOptions = {}) {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
    if (options.sign !== false) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signature(options.secret ?? secret, timestamp, body);
    }
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  }
  return {
    post,
    command: (fields, options) => post(new URLSearchParams(fields).toString(), FORM, options),
    interaction: (payload, options) => post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM, options),
    event: (payload, options) => post(JSON.stringify(payload), JSON_TYPE, options),
  };
}

/** A slash command's fields as Slack sends them. */
export function commandFields(command: string, text: string, user: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0ACME',
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command,
    text,
    api_app_id: 'A0AUDITBOT',
    is_enterprise_install: 'false',
    trigger_id: `1337.42.${Math.random().toString(16).slice(2)}`,
    ...extra,
  };
}
