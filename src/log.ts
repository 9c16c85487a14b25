/**
 * Structured JSON logs (pino). Secrets and personal data are redacted by key
 * wherever they appear in a logged object, and anything shaped like a key or
 * token is redacted inside every logged string (messages, error messages and
 * stacks included); code should not log them at all, and this is the net
 * under that rule.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactSecretsIn } from './redact-secrets.js';

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

/**
 * pino's `redact` matches paths, not text, so strings are scrubbed on the way
 * in: every argument of a log call is copied with its strings redacted
 * before pino sees it. An error is serialised first, so its message and
 * stack are scrubbed too, and a message pino takes from the error is the
 * scrubbed one. Child logger bindings are not scrubbed (pino formats them
 * once, bypassing formatters): bind fixed labels only, never data.
 */
const redactTokens: NonNullable<LoggerOptions['hooks']>['logMethod'] = function (args, method) {
  const [first, ...rest] = args as unknown[];
  const merged = first instanceof Error ? { err: first } : first;
  // pino maps an http request or response given as is through its own serializers; copying one would walk its socket.
  const scrubbed = isHttpMessage(merged) ? merged : isObject(merged) ? redactObject(merged) : redactSecretsIn(merged);
  return (method as (...values: unknown[]) => void).apply(this, [scrubbed, ...rest.map(redactSecretsIn)]);
};

function redactObject(object: Record<string, unknown>): Record<string, unknown> {
  const { err, ...rest } = object;
  const copy = redactSecretsIn(rest) as Record<string, unknown>;
  return 'err' in object ? { ...copy, err: serializeError(err) } : copy;
}

/**
 * pino's error serialiser (type, message with its causes', stack, cause, own
 * fields), then scrubbed; anything else (an error the hook above already
 * serialised, a string) is only scrubbed.
 */
function serializeError(value: unknown): unknown {
  return redactSecretsIn(value instanceof Error ? pino.stdSerializers.err(value) : value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isHttpMessage = (value: unknown): boolean =>
  isObject(value) && ((Boolean(value.method) && Boolean(value.headers) && Boolean(value.socket)) || typeof value.setHeader === 'function');

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kyc-desk' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { logMethod: redactTokens },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/** A logger that drops everything: the default in tests and library code. */
export const silentLogger: Logger = pino({ level: 'silent' });
