/**
 * The Telegram bot under test, wired like main.ts wires it: the fake Bot API
 * (test/support/fake-telegram.ts), the real dispatcher over the sandbox
 * emulators, and the real SQLite store in memory (for button payloads).
 * Every command line the bot runs is recorded in `runs`.
 */
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from '../../src/chat/telegram/index.js';
import type { RunCommand } from '../../src/commands/types.js';
import type { Caller } from '../../src/domain/chat.js';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startCommandHarness, type CommandHarness } from './command-harness.js';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram.js';

export interface TelegramHarness {
  fake: FakeTelegram;
  commands: CommandHarness;
  bot: TelegramBot;
  store: Store;
  /** Command lines the bot handed to the dispatcher, with their callers. */
  runs: Array<{ line: string; caller: Caller }>;
  close(): Promise<void>;
}

export async function startTelegramHarness(
  options: Partial<Omit<TelegramBotOptions, 'token' | 'apiRoot' | 'buttons'>> & { start?: boolean } = {},
): Promise<TelegramHarness> {
  const fake = await startFakeTelegram();
  const commands = await startCommandHarness();
  const store = await openStore('file::memory:');
  const runs: TelegramHarness['runs'] = [];
  const inner = options.runCommand ?? commands.runCommand;
  const runCommand: RunCommand = (line, caller) => {
    runs.push({ line, caller });
    return inner(line, caller);
  };
  const bot = createTelegramBot({
    allowedChats: [],
    admins: [],
    logger: silentLogger,
    ...options,
    token: fake.token,
    apiRoot: fake.apiRoot,
    buttons: store,
    runCommand,
  });
  if (options.start !== false) await bot.start();
  return {
    fake,
    commands,
    bot,
    store,
    runs,
    close: async () => {
      await bot.stop();
      await fake.close();
      await commands.close();
      await store.close();
    },
  };
}
