// Bolt and the Web API client log through @slack/logger's interface; this sends their lines to
// the process's pino logger (secrets redacted there), tagged so they can be filtered.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

const PINO_LEVEL: Record<LogLevel, string> = { [LogLevel.DEBUG]: 'debug', [LogLevel.INFO]: 'info', [LogLevel.WARN]: 'warn', [LogLevel.ERROR]: 'error' };

const text = (parts: unknown[]): string => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');

export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  let level: LogLevel = (Object.entries(PINO_LEVEL).find(([, v]) => v === logger.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName(next: string) {
      child = logger.child({ component: next });
    },
  };
}
