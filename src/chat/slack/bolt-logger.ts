/**
 * Bolt and the Slack Web API client log through @slack/logger's interface;
 * this adapter sends their messages to our pino logger. Debug output is
 * dropped on purpose: the Web API client debug-logs whole request bodies
 * (message text and blocks, i.e. personal data) with only the token redacted.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...parts: unknown[]) => log.info(describe(parts)),
    warn: (...parts: unknown[]) => log.warn(describe(parts)),
    error: (...parts: unknown[]) => log.error(describe(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Strings and error messages only: objects the libraries pass along may hold payloads. */
function describe(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return `${part.name}: ${part.message}`;
      return typeof part === 'number' || typeof part === 'boolean' ? String(part) : '[object]';
    })
    .join(' ');
}
