/**
 * Commands end to end: the real emulators on 127.0.0.1, the real provider
 * clients, createRunCommand, and the console adapter (lines in, text out).
 * Retries are fast so injected faults do not slow the tests down.
 */
import { PassThrough } from 'node:stream';
import { consoleCaller, runConsole } from '../../src/chat/console/run-console.js';
import { createRunCommand, type RunCommandDeps } from '../../src/commands/run-command.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller, Locale } from '../../src/domain/chat.js';
import { createProviders, type ProviderSettings, type Providers } from '../../src/providers/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

/** A fixed instant so seed data and every formatted date are the same on each run. */
export const SEED_NOW = Date.parse('2025-03-01T12:00:00Z');

export const admin = (locale: Locale = 'en'): Caller => consoleCaller(locale);

export const viewer = (locale: Locale = 'en'): Caller => ({
  platform: 'slack',
  chatId: 'C123',
  userId: 'U123',
  isAdmin: false,
  mayManageSubscriptions: false,
  locale,
});

export interface CommandHarness {
  sandbox: Sandbox;
  providers: Providers;
  /** An in-memory store: the index of verifications lookups fill and short ids and customer cards read. */
  store: Store;
  runCommand: RunCommand;
  /** Feeds the lines to the console chat and returns everything it printed. */
  consoleText(lines: string[], caller?: Caller): Promise<string>;
  close(): Promise<void>;
}

export function providerSettings(sandbox: Sandbox, overrides: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    loveandpay: {
      baseUrl: sandbox.urls.loveandpay,
      apiKey: sandbox.credentials.loveandpayApiKey,
      secretKey: sandbox.credentials.loveandpaySecretKey,
    },
    bank131: { baseUrl: sandbox.urls.bank131, project: sandbox.credentials.bank131Project },
    stripe: { apiBase: sandbox.urls.stripe, secretKey: sandbox.credentials.stripeSecretKey },
    retry: { maxAttempts: 2, baseDelayMs: 1, retryAfterCapMs: 30_000 },
    timeouts: { connectMs: 2_000, requestMs: 5_000 },
    ...overrides,
  };
}

export async function startCommandHarness(
  options: { sandbox?: SandboxOptions; deps?: Partial<RunCommandDeps> } = {},
): Promise<CommandHarness> {
  const sandbox = await startSandbox({ customers: 40, now: SEED_NOW, ...options.sandbox });
  const providers = createProviders(providerSettings(sandbox));
  const store = await openStore('file::memory:');
  const runCommand = createRunCommand({
    providers,
    settings: { timeZone: 'Europe/Moscow', sandbox: true },
    index: store,
    ...options.deps,
  });
  return {
    sandbox,
    providers,
    store,
    runCommand,
    consoleText: (lines, caller = admin()) => consoleText(runCommand, lines, caller),
    close: async () => {
      await providers.close();
      await sandbox.close();
      await store.close();
    },
  };
}

export async function consoleText(runCommand: RunCommand, lines: string[], caller: Caller, banner?: string, filesDir?: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => (text += chunk));
  input.end(lines.map((line) => `${line}\n`).join(''));
  await runConsole({ runCommand, input, output, caller, banner, filesDir });
  return text;
}
