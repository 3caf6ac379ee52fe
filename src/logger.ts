import { createRequire } from 'node:module';
import type * as Pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

// pino (and its worker-thread transport machinery) loads on the first logger: most CLI commands
// never log, and loading it would cost them more than their own work.
const requirePino = (): typeof Pino => createRequire(import.meta.url)('pino') as typeof Pino;

/** Paths whose values never reach a log line, whatever logs them. */
const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'appPassword',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.appPassword',
  '*.password',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.appToken',
  'config.teams.appPassword',
];

const CENSOR = '[redacted]';

/**
 * Credentials that turn up inside text rather than under a known key: `user:password@` in a URL
 * (SLACK_API_URL may point at an authenticating proxy), query parameter values (a token in a
 * URL's query), Slack tokens and bearer values. Error messages quote URLs (the Web API client
 * names the whole URL when it refuses one), so these are removed wherever text is shown: logs,
 * delivery errors, /healthz. Stops at quotes and backslashes so that it also works on JSON text.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"\\]+@/gi, `$1${CENSOR}@`)
    .replace(/([?&][^=\s&#?"\\]+=)[^&#\s"\\]+/g, `$1${CENSOR}`)
    .replace(/\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g, CENSOR)
    .replace(/\b(Bearer|Basic)\s+[^\s"\\]+/gi, `$1 ${CENSOR}`)
    // A calendar feed's path is its password (GET /calendar/<token>.ics).
    .replace(/\/calendar\/[^\s/?#"\\]+/g, `/calendar/${CENSOR}`)
    // So is a review pack link's (GET /review-pack/<token>.html), for its 15 minutes.
    .replace(/\/review-pack\/[^\s/?#"\\]+/g, `/review-pack/${CENSOR}`);
}

/** Structured JSON logs on stderr (stdout stays clean for CLI output), secrets redacted. */
export function createLogger(level: string, destination: { write(line: string): unknown } = process.stderr): Logger {
  // Known secret keys are censored by path; whatever else a line carries (an error message that
  // quotes a URL with credentials, a stack) is scrubbed as text just before it is written.
  const scrubbed = { write: (line: string) => destination.write(redactSecrets(line)) };
  const { pino } = requirePino();
  return pino({ level, base: { app: 'auditbot' }, redact: { paths: REDACT, censor: CENSOR } }, scrubbed as Pino.DestinationStream);
}
