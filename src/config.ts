// Environment variables, validated once at start, before the database is opened. Every problem
// is reported at once, naming the variable and what it accepts; secret values are never echoed
// back.
import { z } from 'zod';
import { parseWorkingHours, type WorkingHours } from './core/shared/working-time.js';
import { isTimeZone } from './core/shared/time-zone.js';
import { CronSyntaxError, parseCron } from './scheduler/cron-slots.js';
import { isLoopbackHost } from './server/loopback.js';

const DEFAULT_HOST = '0.0.0.0';

const SECRETS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_PASSWORD']);

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** What the scheduler cannot run in `expression`, by the scheduler's own parser; null when it can. */
function cronProblem(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (e) {
    return e instanceof CronSyntaxError ? e.problem : String(e);
  }
}

// Checked with the parser the scheduler arms its jobs with: node-cron accepts more (L, W, #,
// seconds) than the scheduler can compute missed slots for, and refusing those only once the
// database is open and the server half started would be too late.
const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .superRefine((v, ctx) => {
      const problem = cronProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `a cron expression such as "*/15 * * * *" (minute hour day-of-month month day-of-week), but ${problem}` });
    });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra tenant ids, separated by commas or spaces; unset when empty. */
const tenantList = optionalText
  .refine((v) => v === undefined || v.split(/[\s,]+/).filter(Boolean).every((t) => GUID.test(t)), {
    message: 'a comma-separated list of Entra tenant ids (GUIDs such as 3f2a9c1e-0000-4000-8000-5d6e7f8a9b0c)',
  })
  .transform((v) => (v === undefined ? [] : v.split(/[\s,]+/).filter(Boolean).map((t) => t.toLowerCase())));

const boolFlag = z
  .enum(['true', 'false', '1', '0', ''], { message: 'true or false' })
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const positiveInt = (fallback: number, what: string) =>
  z.coerce.number({ message: what }).int({ message: what }).positive({ message: what }).default(fallback);

/** A number of days, or unset when empty. */
const optionalDays = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.coerce.number({ message: 'a whole number of days, at least 1' }).int({ message: 'a whole number of days, at least 1' }).positive({ message: 'a whole number of days, at least 1' }).optional(),
);

const envSchema = z
  .object({
    AUDITBOT_DB: z.string().trim().min(1, 'a file path, e.g. ./data/auditbot.db').default('./data/auditbot.db'),
    AUDITBOT_TZ: z
      .string()
      .trim()
      .default('UTC')
      .refine(isTimeZone, { message: 'an IANA time zone such as Europe/London or UTC' }),
    PORT: z.coerce
      .number({ message: 'a port number from 0 to 65535' })
      .int({ message: 'a port number from 0 to 65535' })
      .min(0, 'a port number from 0 to 65535')
      .max(65535, 'a port number from 0 to 65535')
      .default(3000),
    HOST: z.string().trim().min(1, 'a bind address such as 0.0.0.0 or 127.0.0.1').default(DEFAULT_HOST),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'a bot token starting with xoxb-' }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'an app-level token starting with xapp-' }),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: 'an http(s) URL such as https://slack.com/api/' }),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText.refine((v) => v === undefined || GUID.test(v), { message: 'the Entra tenant id (a GUID such as 3f2a9c1e-0000-4000-8000-5d6e7f8a9b0c)' }),
    TEAMS_ALLOWED_TENANTS: tenantList,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', ''], { message: 'MultiTenant, SingleTenant or UserAssignedMSI' })
      .optional()
      .transform((v) => (v === '' || v === undefined ? undefined : v)),
    TEAMS_ALLOW_ANONYMOUS: boolFlag,
    DIGEST_SLACK_CHANNEL: optionalText,
    PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s?#]+$/.test(v), { message: 'the http(s) address people reach this server at, such as https://auditbot.example.com' }),
    NUDGE_CRON: cron('*/15 * * * *'),
    CHASE_CRON: cron('0 9 * * 1-5'),
    DIGEST_CRON: cron('0 9 * * 1'),
    AUDIT_STARTS_CRON: cron('5 0 * * *'),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8, 'a whole number of attempts, at least 1'),
    WORKING_HOURS: optionalText.refine((v) => v === undefined || parseWorkingHours(v, 'mon-fri').ok, { message: 'working hours such as 09:00-17:00 (24-hour clock, start before end)' }),
    WORKING_DAYS: optionalText.refine((v) => v === undefined || parseWorkingHours('09:00-17:00', v).ok, { message: 'working days such as mon-fri, sun-thu or mon,tue,thu' }),
    ACTION_DUE_DAYS_MAJOR: optionalDays,
    ACTION_DUE_DAYS_MINOR: optionalDays,
  });


/** Checks across variables, run on the raw values so they are reported beside every other problem. */
function crossProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_SIGNING_SECRET') && !set('SLACK_APP_TOKEN')) {
    problems.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (HTTP mode), unless SLACK_APP_TOKEN is set for Socket Mode; got not set');
  }
  if ((set('SLACK_SIGNING_SECRET') || set('SLACK_APP_TOKEN')) && !set('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (a bot token starting with xoxb-); got not set');
  }
  if (set('MICROSOFT_APP_ID') && !set('MICROSOFT_APP_PASSWORD') && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    problems.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the bot registration client secret); got not set');
  }
  const anonymous = ['true', '1'].includes((env.TEAMS_ALLOW_ANONYMOUS ?? '').trim());
  if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && !set('MICROSOFT_APP_TENANT_ID')) {
    problems.push('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant (the Entra tenant id); got not set');
  } else if (set('MICROSOFT_APP_ID') && !anonymous && !set('MICROSOFT_APP_TENANT_ID') && !set('TEAMS_ALLOWED_TENANTS')) {
    problems.push(
      'MICROSOFT_APP_TENANT_ID or TEAMS_ALLOWED_TENANTS: one is required with MICROSOFT_APP_ID, so that only your own Microsoft 365 tenant can use the bot. ' +
        'Set MICROSOFT_APP_TENANT_ID to your Entra tenant id, or, for a multi-tenant app registration, TEAMS_ALLOWED_TENANTS to the tenant ids allowed (comma-separated); got neither',
    );
  }
  if (anonymous) {
    const problem = anonymousHostProblem((env.HOST ?? '').trim() || DEFAULT_HOST);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Why anonymous Teams (no Bot Framework authentication) may not run on `host`; null on loopback. */
export function anonymousHostProblem(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `TEAMS_ALLOW_ANONYMOUS=true turns off Bot Framework authentication and is for local testing only, but HOST is ${JSON.stringify(host)}, ` +
    'which other machines can reach. Set HOST=127.0.0.1 (or ::1) to test locally, or unset TEAMS_ALLOW_ANONYMOUS and set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD.'
  );
}

type Env = z.output<typeof envSchema>;

export interface Config {
  db: string;
  timezone: string;
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  outboxMaxAttempts: number;
  slack: null | {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    digestChannel: string | undefined;
  };
  teams: null | {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    /**
     * The tenants whose activities are accepted: MICROSOFT_APP_TENANT_ID and TEAMS_ALLOWED_TENANTS,
     * lower case. Never empty with authentication on; in anonymous mode, empty accepts any.
     */
    allowedTenants: string[];
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    allowAnonymous: boolean;
  };
  cron: { nudges: string; chase: string; digest: string; auditStarts: string };
  /** When people are reminded, in their own time zone; unset means 09:00–17:00 Monday to Friday. */
  workingHours: WorkingHours | undefined;
  /** Days from opening a corrective action to its default due date; unset means 30 (major) and 90 (minor). */
  actionDueDays: { major: number; minor: number } | undefined;
  /** Where people reach `serve` from outside (PUBLIC_URL), for calendar feed links; unset: no links. */
  publicUrl: string | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const cross = crossProblems(env);
  if (!parsed.success || cross.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const problems = issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const given = env[name];
      const shown = given === undefined ? 'not set' : SECRETS.has(name) ? 'a value (hidden)' : JSON.stringify(given);
      return `${name}: expected ${issue.message.replace(/^expected /, '')}; got ${shown}`;
    });
    throw new ConfigError([...problems, ...cross]);
  }
  const e = parsed.data;
  const teamsWanted = Boolean(e.MICROSOFT_APP_ID) || e.TEAMS_ALLOW_ANONYMOUS;
  return {
    db: e.AUDITBOT_DB,
    timezone: e.AUDITBOT_TZ,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, digestChannel: e.DIGEST_SLACK_CHANNEL }
      : null,
    teams: teamsWanted
      ? {
          appId: e.MICROSOFT_APP_ID,
          appPassword: e.MICROSOFT_APP_PASSWORD,
          tenantId: e.MICROSOFT_APP_TENANT_ID,
          allowedTenants: [...new Set([...(e.MICROSOFT_APP_TENANT_ID ? [e.MICROSOFT_APP_TENANT_ID.toLowerCase()] : []), ...e.TEAMS_ALLOWED_TENANTS])],
          appType: e.MICROSOFT_APP_TYPE ?? 'MultiTenant',
          allowAnonymous: e.TEAMS_ALLOW_ANONYMOUS,
        }
      : null,
    cron: { nudges: e.NUDGE_CRON, chase: e.CHASE_CRON, digest: e.DIGEST_CRON, auditStarts: e.AUDIT_STARTS_CRON },
    workingHours: workingHoursFrom(e.WORKING_HOURS, e.WORKING_DAYS),
    actionDueDays:
      e.ACTION_DUE_DAYS_MAJOR === undefined && e.ACTION_DUE_DAYS_MINOR === undefined ? undefined : { major: e.ACTION_DUE_DAYS_MAJOR ?? 30, minor: e.ACTION_DUE_DAYS_MINOR ?? 90 },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

function workingHoursFrom(hours: string | undefined, days: string | undefined): WorkingHours | undefined {
  if (hours === undefined && days === undefined) return undefined;
  const parsed = parseWorkingHours(hours ?? '09:00-17:00', days ?? 'mon-fri');
  return parsed.ok ? parsed.value : undefined;
}

/** Names of the variables that switch each chat platform on; printed when none is set. */
export const PLATFORM_VARIABLES = {
  slack: 'SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP at POST /slack/events) or SLACK_APP_TOKEN (Socket Mode)',
  teams: 'MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (or TEAMS_ALLOWED_TENANTS for a multi-tenant registration) at POST /api/messages',
} as const;
