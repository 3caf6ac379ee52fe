// Environment variables, validated once at start. Every problem is reported at once, naming
// the variable and what it accepts; secret values are never echoed back.
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { parseWorkingHours, type WorkingHours } from './core/evidence/working-time.js';
import { isTimeZone } from './core/time-zone.js';

const SECRETS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_PASSWORD']);

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => validateCron(v), { message: 'a cron expression such as "*/15 * * * *" (minute hour day month weekday)' });

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
    HOST: z.string().trim().min(1, 'a bind address such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), { message: 'a bot token starting with xoxb-' }),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'an app-level token starting with xapp-' }),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: 'an http(s) URL such as https://slack.com/api/' }),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', ''], { message: 'MultiTenant, SingleTenant or UserAssignedMSI' })
      .optional()
      .transform((v) => (v === '' || v === undefined ? undefined : v)),
    TEAMS_ALLOW_ANONYMOUS: boolFlag,
    DIGEST_SLACK_CHANNEL: optionalText,
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
  if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && !set('MICROSOFT_APP_TENANT_ID')) {
    problems.push('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant (the Entra tenant id); got not set');
  }
  return problems;
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
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    allowAnonymous: boolean;
  };
  cron: { nudges: string; chase: string; digest: string; auditStarts: string };
  /** When people are reminded, in their own time zone; unset means 09:00–17:00 Monday to Friday. */
  workingHours: WorkingHours | undefined;
  /** Days from opening a corrective action to its default due date; unset means 30 (major) and 90 (minor). */
  actionDueDays: { major: number; minor: number } | undefined;
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
          appType: e.MICROSOFT_APP_TYPE ?? 'MultiTenant',
          allowAnonymous: e.TEAMS_ALLOW_ANONYMOUS,
        }
      : null,
    cron: { nudges: e.NUDGE_CRON, chase: e.CHASE_CRON, digest: e.DIGEST_CRON, auditStarts: e.AUDIT_STARTS_CRON },
    workingHours: workingHoursFrom(e.WORKING_HOURS, e.WORKING_DAYS),
    actionDueDays:
      e.ACTION_DUE_DAYS_MAJOR === undefined && e.ACTION_DUE_DAYS_MINOR === undefined ? undefined : { major: e.ACTION_DUE_DAYS_MAJOR ?? 30, minor: e.ACTION_DUE_DAYS_MINOR ?? 90 },
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
  teams: 'MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TENANT_ID for SingleTenant) at POST /api/messages',
} as const;
