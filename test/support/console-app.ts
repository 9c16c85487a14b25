/**
 * The whole app in sandbox mode with its console chat on streams the test
 * holds: lines go in through `input`, everything the console prints is in
 * `printed()`. Sweeps run only when the test asks (the schedule is once a
 * year) and the demo clock stands still unless the sandbox options say so.
 */
import { PassThrough, Writable } from 'node:stream';
import { startApp, type App } from '../../src/app/create-app.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { waitFor } from './wait-for.js';

export interface ConsoleApp {
  app: App;
  input: PassThrough;
  printed(): string;
  /** Resolves once the console has printed `text`. */
  seen(text: string): Promise<void>;
}

export async function startConsoleApp(sandbox: SandboxOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<ConsoleApp> {
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString('utf8');
      done();
    },
  });
  const app = await startApp({
    env: { KYC_DESK_IGNORE_DOTENV: '1', PORT: '0', ALERT_CRON: '0 0 1 1 *', LOG_LEVEL: 'error', ...env },
    host: '127.0.0.1',
    input,
    output,
    sandbox: { demoClock: false, ...sandbox },
    logDestination: { write: () => {} },
  });
  return {
    app,
    input,
    printed: () => printed,
    seen: (text) => waitFor(() => printed.includes(text), { message: `the console printing "${text}"` }).then(() => undefined),
  };
}
