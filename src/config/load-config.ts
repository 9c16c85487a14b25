/**
 * Environment -> typed Config (DESIGN.md, "Configuration"). Validated with zod
 * at start against the schema built from variables.ts; a bad value stops
 * start-up with one line naming the variable and never echoing a value, since
 * many of these are secrets.
 */
import { z } from 'zod';
import { PROVIDER_CREDENTIALS, VARIABLES, VARIABLE_NAMES, type VariableName } from './variables.js';

type Shape = { [Name in keyof typeof VARIABLES]: (typeof VARIABLES)[Name]['type'] };

const envSchema = z.object(Object.fromEntries(VARIABLE_NAMES.map((name) => [name, VARIABLES[name].type])) as Shape);

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** True when the built-in emulators stand in for the providers. */
  sandbox: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

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

/** Alerts for a platform that is not configured would queue forever. */
function alertChatProblems(values: Env): string[] {
  return [
    values.ALERT_SLACK_CHANNELS.length > 0 && !values.SLACK_BOT_TOKEN ? 'ALERT_SLACK_CHANNELS: needs SLACK_BOT_TOKEN to post to Slack' : null,
    values.ALERT_TELEGRAM_CHATS.length > 0 && !values.TELEGRAM_BOT_TOKEN ? 'ALERT_TELEGRAM_CHATS: needs TELEGRAM_BOT_TOKEN to post to Telegram' : null,
  ].filter((problem): problem is string => problem !== null);
}

/** The sandbox demo sweeps every 10 s, so alerts show soon after the demo clock moves sessions. */
const SANDBOX_ALERT_CRON = '*/10 * * * * *';

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
  const given = (name: VariableName) => Boolean(env[name]);
  return {
    consoleChat,
    databaseUrl: config.sandbox && !given('DATABASE_URL') ? 'file::memory:' : config.DATABASE_URL,
    alertCron: config.sandbox && !given('ALERT_CRON') ? SANDBOX_ALERT_CRON : config.ALERT_CRON,
    logLevel: consoleChat && !given('LOG_LEVEL') ? 'warn' : config.LOG_LEVEL,
  };
}
