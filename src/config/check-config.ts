/**
 * `npm start -- --check-config` (issue 7): the effective configuration, one
 * `KEY=value` line per variable of variables.ts in its order, with secrets
 * masked, or one line per invalid variable that never repeats the value. An
 * unset variable prints as `KEY=`, which is also how a .env file says "not set".
 */
import { ConfigError, effectiveSettings, loadConfig, type Config } from './load-config.js';
import { SECRET_VARIABLES, VARIABLE_NAMES, declared, type VariableName } from './variables.js';

/**
 * Prefixes that name a key's type without revealing it, longest first:
 * Slack token types (https://api.slack.com/concepts/token-types), Stripe keys
 * (https://docs.stripe.com/keys), Love&Pay public keys (`pk_...`, DESIGN.md).
 */
const SHOWN_PREFIXES = ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'xoxb-', 'xoxp-', 'xapp-', 'xoxe-', 'pk_', 'sk_'];
/** A prefix is shown only when at least this much of the secret stays hidden. */
const MIN_HIDDEN_CHARS = 12;

export function describeConfig(config: Config, env: NodeJS.ProcessEnv = {}): string {
  const effective = effectiveSettings(config, env);
  const shown: Partial<Record<VariableName, unknown>> = {
    // SANDBOX is shown as decided (it defaults from the credentials), not as typed.
    SANDBOX: config.sandbox,
    DATABASE_URL: effective.databaseUrl,
    ALERT_CRON: effective.alertCron,
    LOG_LEVEL: effective.logLevel,
  };
  return VARIABLE_NAMES.map((name) => {
    const variable = declared(name);
    if (config.sandbox && variable.emulated) return `${name}=(built-in emulator, set at start)`;
    const value = show(name in shown ? shown[name] : config[name]);
    const meaning = variable.meanings?.[value];
    if (meaning !== undefined) return `${name}=${value === '' ? `(unset: ${meaning})` : `${value} (${meaning})`}`;
    return `${name}=${variable.secret ? maskSecret(value) : maskUrlPassword(value)}`;
  }).join('\n');
}

/**
 * One line per invalid variable (`PORT: Invalid input: expected number`),
 * however many rules it broke. Pass the environment to also blank out the
 * invalid variables' values and the secrets, should a message ever quote
 * them (zod 4's messages do not).
 */
export function describeConfigError(error: ConfigError, env?: NodeJS.ProcessEnv): string {
  const byVariable = new Map<string, string[]>();
  for (const problem of error.problems) {
    const match = /^([A-Z][A-Z0-9_]*): (.*)$/s.exec(problem);
    const name = match?.[1] ?? '';
    const message = match?.[2] ?? problem;
    byVariable.set(name, [...(byVariable.get(name) ?? []), message]);
  }
  const lines = [...byVariable].map(([name, messages]) =>
    name ? `${name}: ${messages.join('; ')}` : `Invalid configuration: ${messages.join('; ')}`,
  );
  return scrub(lines.join('\n'), env, [...byVariable.keys()].filter(Boolean));
}

/** For main.ts: what `--check-config` prints, and whether it should exit 0. */
export function checkConfig(env: NodeJS.ProcessEnv = process.env): { ok: boolean; text: string } {
  try {
    return { ok: true, text: describeConfig(loadConfig(env), env) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, text: describeConfigError(error, env) };
    throw error;
  }
}

function maskSecret(value: unknown): string {
  const text = show(value);
  if (text === '') return '';
  const prefix = SHOWN_PREFIXES.find((candidate) => text.startsWith(candidate));
  return prefix && text.length - prefix.length >= MIN_HIDDEN_CHARS ? `${prefix}…(redacted)` : '***';
}

/** Hides the password of a URL's user info (`postgres://kyc:***@db/kyc`) and any `password=` parameter. */
export function maskUrlPassword(value: string): string {
  const schemeEnd = value.indexOf('://');
  if (schemeEnd <= 0) return value;
  // A value that does not parse as a URL may hold a password in any form: hide all but the scheme.
  if (!URL.canParse(value)) return `${value.slice(0, schemeEnd + 3)}***`;
  // As in the WHATWG URL parser: the authority ends at the first '/', '?' or '#'; user info ends at its last '@'.
  const start = schemeEnd + 3;
  const authorityLength = value.slice(start).search(/[/?#]/);
  const authority = authorityLength < 0 ? value.slice(start) : value.slice(start, start + authorityLength);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  let masked = value;
  if (at >= 0 && colon >= 0 && colon < at) {
    masked = `${value.slice(0, start)}${authority.slice(0, colon + 1)}***${value.slice(start + at)}`;
  }
  return masked.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function scrub(text: string, env: NodeJS.ProcessEnv | undefined, names: string[]): string {
  if (!env) return text;
  // The invalid variables' values and every secret: the values this output must never show.
  const values = [...new Set([...names, ...SECRET_VARIABLES])]
    .map((name) => env[name])
    // Values shorter than 4 characters ('1', 'en') would blank ordinary words of the message.
    .filter((value): value is string => typeof value === 'string' && value.trim().length >= 4);
  let result = text;
  for (const value of values.sort((a, b) => b.length - a.length)) result = result.split(value).join('***');
  return result;
}
