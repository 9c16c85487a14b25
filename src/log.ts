/**
 * Structured JSON logs (pino). Secrets and personal data are redacted by key
 * wherever they appear in a logged object; code should not log them at all,
 * and this is the net under that rule.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const SENSITIVE_KEYS = [
  'token',
  'botToken',
  'appToken',
  'secret',
  'secretKey',
  'signingSecret',
  'apiKey',
  'authorization',
  'password',
  'phone',
  'email',
  'customerPhone',
  'customerEmail',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'dateOfBirth',
  'documentNumber',
  'text',
  'line',
];

const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-signature"]',
  'headers.authorization',
  'headers["x-api-key"]',
]);

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kyc-desk' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that drops everything: the default in tests and library code. */
export const silentLogger: Logger = pino({ level: 'silent' });
