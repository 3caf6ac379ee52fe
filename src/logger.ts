import { pino, type Logger } from 'pino';

export type { Logger };

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

/** Structured JSON logs on stderr (stdout stays clean for CLI output), secrets redacted. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: { app: 'auditbot' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination as pino.DestinationStream);
}
