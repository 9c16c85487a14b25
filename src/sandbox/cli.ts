/**
 * `npm run sandbox`: the three emulators on SANDBOX_PORT (default 4100),
 * +1 Bank 131, +2 Stripe (0: ephemeral ports), with the demo clock on. Prints the variables that
 * point the bot at them (the webhook secrets included), ready to paste into .env, and runs until
 * stopped. Webhooks go to the bot at http://127.0.0.1:PORT (PORT as the bot reads it; default 3000).
 */
import { loadDotenv } from '../load-dotenv.js';
import { startSandbox } from './index.js';

// SANDBOX_PORT may come from .env, as for npm start.
loadDotenv();

const base = Number(process.env.SANDBOX_PORT || '4100');
if (!Number.isInteger(base) || base < 0 || base > 65533) {
  console.error('SANDBOX_PORT must be a port number from 1 to 65533 (0: three ephemeral ports)');
  process.exit(1);
}
// 0 gives every emulator its own ephemeral port (tests); otherwise three consecutive ports.
const port = (offset: number) => (base === 0 ? 0 : base + offset);
const botPort = Number(process.env.PORT || '3000');
if (!Number.isInteger(botPort) || botPort < 1 || botPort > 65535) {
  console.error("PORT (the bot's, where webhooks go) must be a port number from 1 to 65535");
  process.exit(1);
}
const botOrigin = `http://127.0.0.1:${botPort}`;

const started = performance.now();
const sandbox = await startSandbox({
  ports: { loveandpay: port(0), bank131: port(1), stripe: port(2) },
  demoClock: true,
  webhooks: { origin: botOrigin },
});
const ms = Math.round(performance.now() - started);

for (const [key, value] of Object.entries(sandbox.env)) console.log(`${key}=${value}`);
console.error(
  `# sandbox ready in ${ms} ms: ${sandbox.data.customers.length} customers, ${sandbox.data.sessions.length} Love&Pay sessions, ` +
    `${sandbox.data.stripeSessions.length} Stripe sessions, ${sandbox.data.checks.length} Bank 131 checks. ` +
    `Control routes: ${sandbox.urls.stripe}/_sandbox/summary. Ctrl+C stops.`,
);
console.error(`# webhooks go to ${botOrigin}/webhooks/loveandpay and /webhooks/stripe; one in five is dropped on purpose (the sweep finds it)`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`# ${signal}: stopping the sandbox`);
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
