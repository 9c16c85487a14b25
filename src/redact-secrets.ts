/**
 * Finds keys and tokens inside free text by their shape, for the logger's
 * last line of defence: a provider error that echoes our key, a library
 * message that quotes a URL with a bot token in it. Redaction by key name
 * (src/log.ts) cannot see these; code should not log such text at all.
 *
 * Each pattern keeps the token's type prefix (`sk_live_[redacted]`), which
 * tells which credential was involved without revealing it.
 */

const REDACTED = '[redacted]';

/** Start of a token: not glued to a letter or digit before it ("desk_..." is not a key). */
const START = '(?<![A-Za-z0-9])';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // A bearer credential quoted as text (RFC 6750 token68 characters). First, so "Bearer sk_live_..." keeps its scheme word.
  [/\b(Bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1$2${REDACTED}`],
  // Stripe secret, restricted and publishable keys (https://docs.stripe.com/keys); Love&Pay's pk_/sk_ keys (DESIGN.md).
  [new RegExp(`${START}((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9]{6,}`, 'g'), `$1${REDACTED}`],
  // Love&Pay's keys without a live/test part; 16+ characters so names like pk_customer_id stay readable.
  [new RegExp(`${START}((?:sk|rk|pk)_)[A-Za-z0-9]{16,}`, 'g'), `$1${REDACTED}`],
  // Stripe webhook signing secrets (https://docs.stripe.com/webhooks#verify-official-libraries).
  [new RegExp(`${START}(whsec_)[A-Za-z0-9]{16,}`, 'g'), `$1${REDACTED}`],
  // Slack tokens (https://api.slack.com/concepts/token-types): xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xoxe.xoxp-, xapp-.
  [new RegExp(`${START}(xox[a-z](?:\\.xox[a-z])?-|xapp-)[A-Za-z0-9-]{6,}`, 'g'), `$1${REDACTED}`],
  // Telegram bot tokens, <bot id>:<35 characters> (https://core.telegram.org/bots/api#authorizing-your-bot),
  // also inside a Bot API URL (.../bot123456:AA.../getMe), hence only digits may not precede it.
  [/(?<![0-9])[0-9]{5,}:[A-Za-z0-9_-]{30,}/g, REDACTED],
];

/** The text with every key- or token-shaped part replaced. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Deeper than this a logged value is cut off as '[Object]': no log line here nests anywhere near it. */
const MAX_DEPTH = 16;

/**
 * A copy of a value about to be logged with every string in it redacted, as
 * JSON would see it: own enumerable properties, toJSON() where defined (a URL
 * becomes its href), cycles as '[Circular]'. Other values pass unchanged.
 */
export function redactSecretsIn(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[Object]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(value), depth + 1, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = walk((value as Record<string, unknown>)[key], depth + 1, seen);
    return copy;
  } finally {
    seen.delete(value);
  }
}
