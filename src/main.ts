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

// Listen for signals before starting: /readyz may answer while startApp is still finishing,
// and an orchestrator's SIGTERM in that moment must still mean a graceful stop.
let app: App | undefined;
let stopWhenStarted: string | undefined;
let stopping = false;
process.on('SIGTERM', () => requestStop('SIGTERM'));
process.on('SIGINT', () => requestStop('SIGINT'));

try {
  app = await startApp();
} catch (error) {
  process.stderr.write(`${startupFailure(error)}\n`);
  process.exit(1);
}
const started = app;
if (stopWhenStarted) void shutdown(stopWhenStarted);

function requestStop(reason: string): void {
  if (app) return void shutdown(reason);
  // A second Ctrl+C while starting means "now".
  if (reason === 'SIGINT' && stopWhenStarted) process.exit(1);
  stopWhenStarted = reason;
}

async function shutdown(reason: string): Promise<void> {
  if (stopping) {
    // A second Ctrl+C means "now".
    if (reason === 'SIGINT') process.exit(1);
    return;
  }
  stopping = true;
  started.logger.info({ reason }, 'stopping');
  const limit = setTimeout(() => {
    started.logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  await started.stop();
  clearTimeout(limit);
  process.exit(0);
}

// Output closed early (`npm start | head -1`): stop as at the end of input, without a stack trace.
process.stdout.on('error', () => void shutdown('console output closed'));
void started.consoleDone?.then(
  () => shutdown('end of console input'),
  () => shutdown('console output closed'),
);

/** One line a person can act on; never a stack trace, never a secret. */
function startupFailure(error: unknown): string {
  if (error instanceof ConfigError) return describeConfigError(error, process.env);
  const message = error instanceof Error ? error.message : String(error);
  return `KYC Desk could not start: ${message}`;
}
