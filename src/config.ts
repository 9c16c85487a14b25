/**
 * Environment -> typed Config (DESIGN.md, "Configuration"). Validated with zod
 * at start; a bad value stops start-up with one line naming the variable and
 * never echoing a value, since many of these are secrets.
 */
import cron from 'node-cron';
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : ['true', '1', 'yes'].includes(value)));

/** SLACK_ALLOWED_CHANNELS: channel ids, or `*` alone for every channel; unset allows none. */
const channelAllowList = list.refine(
  (items) => !items.includes('*') || items.length === 1,
  'either * alone (every channel) or a comma list of channel ids, not both',
);

const url = z.url({ protocol: /^https?$/ });
const port = z.coerce.number().int().min(0).max(65535);
const secret = z.string().trim().min(1).optional();

const envSchema = z.object({
  LOVEANDPAY_BASE_URL: url.default('https://api.prod.loveandpay.io/api/v2'),
  LOVEANDPAY_API_KEY: secret,
  LOVEANDPAY_SECRET_KEY: secret,
  BANK131_BASE_URL: url.default('https://kyc.bank131.ru/api/v1.1'),
  BANK131_PROJECT: secret,
  STRIPE_API_BASE: url.default('https://api.stripe.com'),
  STRIPE_SECRET_KEY: secret,
  SANDBOX: bool,
  SANDBOX_PORT: port.default(4100),

  SLACK_BOT_TOKEN: secret,
  SLACK_SIGNING_SECRET: secret,
  SLACK_APP_TOKEN: secret,
  SLACK_API_URL: url.optional(),
  TELEGRAM_BOT_TOKEN: secret,
  TELEGRAM_API_ROOT: url.optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and - (Telegram setWebhook secret_token)')
    .optional(),

  PORT: port.default(3000),
  HOST: z.string().trim().regex(/^[A-Za-z0-9.:-]+$/, 'must be an address such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgres://')
    .default('file:./data/kyc-desk.sqlite'),
  ALERT_CRON: z
    .string()
    .trim()
    .refine((expression) => cron.validate(expression), 'not a node-cron expression (e.g. "* * * * *", or "*/10 * * * * *" with seconds)')
    .default('* * * * *'),
  ALERT_SLACK_CHANNELS: list,
  ALERT_TELEGRAM_CHATS: list,

  SLACK_ALLOWED_CHANNELS: channelAllowList,
  SLACK_ADMINS: list,
  TELEGRAM_ALLOWED_CHATS: list,
  TELEGRAM_ADMINS: list,
  // Lookups a non-admin may run per minute; a person at work needs a few, walking the customer base needs many.
  LOOKUP_RATE_LIMIT: z.coerce.number().int().positive().max(10_000).default(30),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().max(36_500).default(365),
  LOCALE: z.enum(['en', 'ru']).optional(),
  TZ_DISPLAY: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow')
    .default('Europe/Moscow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  PROVIDER_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // A body is decoded into one string, and V8 strings stop at about 512 MB: a larger limit could never be met.
  PROVIDER_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(500_000_000, 'at most 500000000 bytes (one answer must fit in one string)')
    .default(10_000_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** True when the built-in emulators stand in for the providers. */
  sandbox: boolean;
}

/** Names of variables whose values must never be printed. */
export const SECRET_VARIABLES = [
  'LOVEANDPAY_API_KEY',
  'LOVEANDPAY_SECRET_KEY',
  'BANK131_PROJECT',
  'STRIPE_SECRET_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const PROVIDER_CREDENTIALS = [
  'LOVEANDPAY_API_KEY',
  'LOVEANDPAY_SECRET_KEY',
  'BANK131_PROJECT',
  'STRIPE_SECRET_KEY',
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (KEY= in .env) means "not set", as people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  const values = parsed.data;
  const hasCredentials = PROVIDER_CREDENTIALS.some((name) => values[name] !== undefined);
  const sandbox = values.SANDBOX ?? !hasCredentials;
  // Live mode may use a subset of providers, but Love&Pay signs with both keys: half a pair is a mistake.
  if (!sandbox && Boolean(values.LOVEANDPAY_API_KEY) !== Boolean(values.LOVEANDPAY_SECRET_KEY)) {
    const missing = values.LOVEANDPAY_API_KEY ? 'LOVEANDPAY_SECRET_KEY' : 'LOVEANDPAY_API_KEY';
    throw new ConfigError([`${missing}: required together with the other Love&Pay key`]);
  }
  const problems = [slackPairingProblem(values), ...alertChatProblems(values)].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...values, sandbox };
}

/** Slack needs the bot token plus one way to receive events: the signing secret (HTTP) or the app token (Socket Mode). */
function slackPairingProblem(values: Env): string | null {
  const receives = Boolean(values.SLACK_SIGNING_SECRET || values.SLACK_APP_TOKEN);
  if (values.SLACK_BOT_TOKEN && !receives) {
    return 'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)';
  }
  if (!values.SLACK_BOT_TOKEN && receives) {
    const given = values.SLACK_SIGNING_SECRET ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN';
    return `SLACK_BOT_TOKEN: required with ${given}`;
  }
  return null;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Alerts for a platform that is not configured would queue forever. */
function alertChatProblems(values: Env): string[] {
  return [
    values.ALERT_SLACK_CHANNELS.length > 0 && !values.SLACK_BOT_TOKEN ? 'ALERT_SLACK_CHANNELS: needs SLACK_BOT_TOKEN to post to Slack' : null,
    values.ALERT_TELEGRAM_CHATS.length > 0 && !values.TELEGRAM_BOT_TOKEN ? 'ALERT_TELEGRAM_CHATS: needs TELEGRAM_BOT_TOKEN to post to Telegram' : null,
  ].filter((problem): problem is string => problem !== null);
}

/** The sandbox demo sweeps every 10 s, so alerts show soon after the demo clock moves sessions. */
export const SANDBOX_ALERT_CRON = '*/10 * * * * *';

/** What the app really uses where the mode changes a default; an explicit variable always wins. */
export interface EffectiveSettings {
  /** The console chat runs when neither Slack nor Telegram is configured. */
  consoleChat: boolean;
  /** The sandbox keeps alert state in memory: a file would remember a previous demo's outcomes and stay silent. */
  databaseUrl: string;
  alertCron: string;
  /** In the console, info logs would bury the chat: warnings only. */
  logLevel: string;
}

export function effectiveSettings(config: Config, env: NodeJS.ProcessEnv): EffectiveSettings {
  const consoleChat = !config.SLACK_BOT_TOKEN && !config.TELEGRAM_BOT_TOKEN;
  const given = (name: string) => Boolean(env[name]);
  return {
    consoleChat,
    databaseUrl: config.sandbox && !given('DATABASE_URL') ? 'file::memory:' : config.DATABASE_URL,
    alertCron: config.sandbox && !given('ALERT_CRON') ? SANDBOX_ALERT_CRON : config.ALERT_CRON,
    logLevel: consoleChat && !given('LOG_LEVEL') ? 'warn' : config.LOG_LEVEL,
  };
}
