/**
 * `npm start`: reads .env, validates configuration, starts the app, and stops
 * it gracefully on SIGTERM/SIGINT or at the end of the console's input.
 * `npm start -- --check-config` prints the effective configuration and exits.
 */
import { loadDotenv } from './load-dotenv.js';
import { startApp, type App } from './app/create-app.js';
import { ConfigError } from './config/load-config.js';
import { checkConfig, describeConfigError } from './config/check-config.js';

/** stop() waits up to 10 s for the sweep and deliveries; this bounds everything else on top. */
const SHUTDOWN_LIMIT_MS = 15_000;

loadDotenv();

if (process.argv.includes('--check-config')) {
  const { ok, text } = checkConfig(process.env);
  (ok ? process.stdout : process.stderr).write(`${text}\n`);
  process.exit(ok ? 0 : 1);
}

let app: App;
try {
  app = await startApp();
} catch (error) {
  process.stderr.write(`${startupFailure(error)}\n`);
  process.exit(1);
}

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) {
    // A second Ctrl+C means "now".
    if (reason === 'SIGINT') process.exit(1);
    return;
  }
  stopping = true;
  app.logger.info({ reason }, 'stopping');
  const limit = setTimeout(() => {
    app.logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  await app.stop();
  clearTimeout(limit);
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// Output closed early (`npm start | head -1`): stop as at the end of input, without a stack trace.
process.stdout.on('error', () => void shutdown('console output closed'));
void app.consoleDone?.then(
  () => shutdown('end of console input'),
  () => shutdown('console output closed'),
);

/** One line a person can act on; never a stack trace, never a secret. */
function startupFailure(error: unknown): string {
  if (error instanceof ConfigError) return describeConfigError(error, process.env);
  const message = error instanceof Error ? error.message : String(error);
  return `KYC Desk could not start: ${message}`;
}
