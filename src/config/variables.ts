/**
 * Every environment variable KYC Desk reads, declared once (DESIGN.md,
 * "Configuration"): its zod type with its default, whether it is a secret,
 * its group and its one-line description. The schema (load-config.ts),
 * `--check-config` (check-config.ts, in this order) and .env.example
 * (env-example.ts, by group) are all built from this table, so a variable
 * added here is validated, reported and documented at once.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { bool, customerReference, linkTemplate, list, milliseconds, port, timeZone, token, url } from './value-types.js';

/** The sections of .env.example, in their order there. */
export const GROUPS = {
  providers: 'Providers',
  sandbox: 'Sandbox',
  slack: 'Slack',
  telegram: 'Telegram',
  access: 'Access limits and retention',
  server: 'Server, storage, alerts',
  presentation: 'Presentation and logs',
} as const;

export type Group = keyof typeof GROUPS;

export interface Variable {
  readonly group: Group;
  /** One line: .env.example puts it above the variable. */
  readonly description: string;
  /** Parses the raw value (an empty value never reaches it: empty = unset). A `.default()` here is the only default. */
  readonly type: z.ZodType;
  /** Never printed: `--check-config` masks it and error messages blank it. Provider secrets also decide the sandbox default. */
  readonly secret?: true;
  /** In sandbox mode the built-in emulators replace this value, and `--check-config` says so. */
  readonly emulated?: true;
  /** What a value means, shown by `--check-config` beside it; the key '' is the meaning of "unset". */
  readonly meanings?: Readonly<Record<string, string>>;
}

export const VARIABLES = {
  LOVEANDPAY_BASE_URL: {
    group: 'providers',
    description: 'Love&Pay API base URL, with the version prefix.',
    type: url.default('https://api.prod.loveandpay.io/api/v2'),
    emulated: true,
  },
  LOVEANDPAY_API_KEY: {
    group: 'providers',
    description: 'Love&Pay public key (pk_...), sent as x-api-key.',
    type: token,
    secret: true,
    emulated: true,
  },
  LOVEANDPAY_SECRET_KEY: {
    group: 'providers',
    description: 'Love&Pay secret key, used to sign every request (HMAC-SHA256); never sent.',
    type: token,
    secret: true,
    emulated: true,
  },
  BANK131_BASE_URL: {
    group: 'providers',
    description: 'Bank 131 KYC base URL with the version prefix (test server: https://kyc-stage.bank131.ru/api/v1.1).',
    type: url.default('https://kyc.bank131.ru/api/v1.1'),
    emulated: true,
  },
  BANK131_PROJECT: {
    group: 'providers',
    description: 'Bank 131 partner project, sent as X-PARTNER-PROJECT.',
    type: token,
    secret: true,
    emulated: true,
  },
  STRIPE_API_BASE: {
    group: 'providers',
    description: 'Stripe API origin (no path).',
    type: url.default('https://api.stripe.com'),
    emulated: true,
  },
  STRIPE_SECRET_KEY: {
    group: 'providers',
    description: 'Stripe secret key (sk_... or a restricted rk_... key with Identity read access).',
    type: token,
    secret: true,
    emulated: true,
  },
  STRIPE_CLIENT_REFERENCE: {
    group: 'providers',
    description: "Which Love&Pay customer field your Stripe sessions carry in client_reference_id: customer_id, email or phone.",
    type: customerReference,
  },
  BANK131_PARTICIPANT_REFERENCE: {
    group: 'providers',
    description: "Which Love&Pay customer field your Bank 131 checks carry in participant.reference: customer_id, email or phone.",
    type: customerReference,
  },
  LOVEANDPAY_DASHBOARD_URL: {
    group: 'providers',
    description: 'Link to a Love&Pay KYC session in your dashboard, with {id} for the session id; no link when unset.',
    type: linkTemplate,
  },
  BANK131_DASHBOARD_URL: {
    group: 'providers',
    description: 'Link to a Bank 131 check in your dashboard, with {id} for the check id; no link when unset.',
    type: linkTemplate,
  },
  SANDBOX: {
    group: 'sandbox',
    description: 'true runs the built-in provider emulators; default: true when no provider credentials are set.',
    type: bool,
  },
  SANDBOX_PORT: {
    group: 'sandbox',
    description: 'First emulator port for `npm run sandbox` (Love&Pay; Bank 131 next, Stripe after that).',
    type: port.default(4100),
  },

  SLACK_BOT_TOKEN: {
    group: 'slack',
    description: 'Bot token (xoxb-...); Slack runs when it is set.',
    type: token,
    secret: true,
  },
  SLACK_SIGNING_SECRET: {
    group: 'slack',
    description: 'Signing secret: HTTP mode, Slack posts to https://<host>/slack/events.',
    type: token,
    secret: true,
  },
  SLACK_APP_TOKEN: {
    group: 'slack',
    description: 'App-level token (xapp-...): Socket Mode, no public URL needed.',
    type: token,
    secret: true,
  },
  SLACK_API_URL: {
    group: 'slack',
    description: 'Web API base override (tests point it at a fake Slack API).',
    type: url.optional(),
  },
  TELEGRAM_BOT_TOKEN: {
    group: 'telegram',
    description: 'Bot token from @BotFather; Telegram runs when it is set.',
    type: token,
    secret: true,
  },
  TELEGRAM_API_ROOT: {
    group: 'telegram',
    description: 'Bot API base override (tests point it at a fake Bot API).',
    type: url.optional(),
  },
  TELEGRAM_WEBHOOK_SECRET: {
    group: 'telegram',
    description: 'Webhook mode: Telegram posts to https://<host>/telegram/webhook with this secret; long polling without it.',
    type: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and - (Telegram setWebhook secret_token)')
      .optional(),
    secret: true,
  },

  PORT: {
    group: 'server',
    description: 'One HTTP server: /slack/events, /telegram/webhook, /webhooks/loveandpay, /webhooks/stripe, /healthz, /readyz, /metrics.',
    type: port.default(3000),
  },
  HOST: {
    group: 'server',
    description: 'Address the HTTP server listens on: 0.0.0.0 (every interface, as containers need) or 127.0.0.1 (this machine only).',
    type: z.string().trim().regex(/^[A-Za-z0-9.:-]+$/, 'must be an address such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
  },
  DATABASE_URL: {
    group: 'server',
    description: 'file:./data/kyc-desk.sqlite (default) or postgres://user:pass@host:5432/db for several replicas.',
    type: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgres://')
      .default('file:./data/kyc-desk.sqlite'),
  },
  ALERT_CRON: {
    group: 'server',
    description: 'How often alerts are swept (node-cron syntax, an optional leading seconds field); default every minute.',
    type: z
      .string()
      .trim()
      .refine((expression) => cron.validate(expression), 'not a node-cron expression (e.g. "* * * * *", or "*/10 * * * * *" with seconds)')
      .default('* * * * *'),
  },
  ALERT_SLACK_CHANNELS: {
    group: 'server',
    description: 'Slack channels that always get alerts (comma list of ids).',
    type: list,
  },
  ALERT_TELEGRAM_CHATS: {
    group: 'server',
    description: 'Telegram chats that always get alerts (comma list of ids).',
    type: list,
  },
  // Webhook secrets are not provider credentials (group 'server'): one alone does not turn the sandbox off.
  LOVEANDPAY_WEBHOOK_SECRET: {
    group: 'server',
    description: 'Love&Pay webhook secret: POST /webhooks/loveandpay takes signed events (real-time alerts); 404 when unset.',
    type: token,
    secret: true,
    meanings: { '': 'no receiver: /webhooks/loveandpay answers 404 (sandbox mode: the emulators\' own secret)' },
  },
  STRIPE_WEBHOOK_SECRET: {
    group: 'server',
    description: 'Stripe webhook signing secret (whsec_...): POST /webhooks/stripe takes signed events (real-time alerts); 404 when unset.',
    type: token,
    secret: true,
    meanings: { '': 'no receiver: /webhooks/stripe answers 404 (sandbox mode: the emulators\' own secret)' },
  },

  // Access lists are closed when unset (DESIGN.md, "Data protection"): --check-config says so rather than print nothing.
  SLACK_ALLOWED_CHANNELS: {
    group: 'slack',
    description:
      'Channel ids where commands work (comma list), or * for every channel and DM; empty = none: every channel only gets its id and how to allow it.',
    type: list.refine(
      (items) => !items.includes('*') || items.length === 1,
      'either * alone (every channel) or a comma list of channel ids, not both',
    ),
    meanings: { '': 'no channel: every Slack command is refused', '*': 'every channel' },
  },
  SLACK_ADMINS: {
    group: 'slack',
    description: 'User ids who see unmasked personal data and manage subscriptions (comma list); empty = nobody.',
    type: list,
    meanings: { '': 'nobody sees unmasked data or manages subscriptions in Slack' },
  },
  TELEGRAM_ALLOWED_CHATS: {
    group: 'telegram',
    description: 'Chat ids allowed to see data (comma list); any other chat only gets its id and how to allow it.',
    type: list,
    meanings: { '': 'no chat: every Telegram command is refused' },
  },
  TELEGRAM_ADMINS: {
    group: 'telegram',
    description: 'User ids who see unmasked personal data and manage subscriptions (comma list); empty = nobody.',
    type: list,
    meanings: { '': 'nobody sees unmasked data or manages subscriptions in Telegram' },
  },
  LOOKUP_RATE_LIMIT: {
    group: 'access',
    description: 'Lookups a user who is not an admin may run per minute (admins are not limited).',
    // A person at work needs a few, walking the customer base needs many.
    type: z.coerce.number().int().positive().max(10_000).default(30),
  },
  AUDIT_RETENTION_DAYS: {
    group: 'access',
    description: 'Days the audit log keeps an entry; a daily job deletes older ones.',
    type: z.coerce.number().int().positive().max(36_500).default(365),
  },

  LOCALE: {
    group: 'presentation',
    description: "en or ru; unset = English in Slack, the user's Telegram language in Telegram.",
    type: z.enum(['en', 'ru']).optional(),
  },
  TZ_DISPLAY: {
    group: 'presentation',
    description: 'Time zone for dates shown in chat.',
    type: timeZone.default('Europe/Moscow'),
  },
  LOG_LEVEL: {
    group: 'presentation',
    description: 'fatal, error, warn, info, debug, trace or silent.',
    type: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },

  PROVIDER_CONNECT_TIMEOUT_MS: {
    group: 'providers',
    description: 'Provider connect timeout, in milliseconds.',
    type: milliseconds.default(5_000),
  },
  PROVIDER_TIMEOUT_MS: {
    group: 'providers',
    description: 'Provider whole-request timeout, in milliseconds.',
    type: milliseconds.default(10_000),
  },
  PROVIDER_MAX_RESPONSE_BYTES: {
    group: 'providers',
    description: 'Largest provider answer read, in bytes; a larger one is cut off and reported as an error.',
    // A body is decoded into one string, and V8 strings stop at about 512 MB: a larger limit could never be met.
    type: z.coerce
      .number()
      .int()
      .positive()
      .max(500_000_000, 'at most 500000000 bytes (one answer must fit in one string)')
      .default(10_000_000),
  },
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

/** Every variable, in the table's order. */
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];

/** Names of variables whose values must never be printed. */
export const SECRET_VARIABLES = VARIABLE_NAMES.filter((name) => declared(name).secret);

/** The provider secrets: with none of them set, KYC Desk defaults to sandbox mode. */
export const PROVIDER_CREDENTIALS = SECRET_VARIABLES.filter((name) => declared(name).group === 'providers');

/** One declaration, seen through the common shape (the table's own type keeps each zod type for inference). */
export function declared(name: VariableName): Variable {
  return VARIABLES[name];
}

/** The value a variable takes when unset, as .env.example shows it; undefined when it has no default. */
export function defaultOf(name: VariableName): string | undefined {
  const { type } = declared(name);
  return type instanceof z.ZodDefault ? String(type.def.defaultValue) : undefined;
}
