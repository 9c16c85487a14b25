/**
 * The console chat: a command line per input line, a plain-text reply per
 * answer (DESIGN.md, "Chat front ends"). On a TTY it shows a prompt; with
 * piped input it answers every line in order and resolves at end of input,
 * so `printf '/kyc approved\n' | npm start` prints the answer and exits 0.
 * Alerts reach the console through its sender: the sandbox demo shows them
 * in the terminal, between the answers, as the demo clock moves sessions.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { RunCommand } from '../../commands/types.js';
import type { Caller, Locale } from '../../domain/chat.js';
import type { ChatSender } from '../../domain/delivery.js';
import { COMMAND_STRINGS } from '../../present/i18n/commands.js';
import { pick } from '../../present/i18n/pick.js';
import { renderText } from './render.js';

export interface ConsoleOptions {
  runCommand: RunCommand;
  input: Readable;
  output: Writable;
  /** Usually consoleCaller(locale): the person at the terminal runs the bot, so they are an admin. */
  caller: Caller;
  /** Printed once before the first prompt (see consoleBanner). */
  banner?: string;
  prompt?: string;
}

const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);

/** The console's one chat, for alerts and the audit log. */
export const CONSOLE_CHAT_ID = 'console';

/** The person at the terminal: an admin who sees unmasked data and may manage subscriptions. */
export function consoleCaller(locale: Locale = 'en'): Caller {
  return {
    platform: 'console',
    chatId: CONSOLE_CHAT_ID,
    userId: 'console',
    isAdmin: true,
    mayManageSubscriptions: true,
    locale,
  };
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { runCommand, input, output, caller } = options;
  const tty = Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input, output: tty ? output : undefined, terminal: tty, crlfDelay: Infinity });
  // Ctrl+C at the prompt ends the console (readline would otherwise only pause the input).
  lines.on('SIGINT', () => lines.close());
  if (tty) lines.setPrompt(options.prompt ?? 'kyc> ');
  if (options.banner) await write(output, `${options.banner}\n\n`);
  if (tty) lines.prompt();
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line !== '') {
        if (EXIT_WORDS.has(line.toLowerCase())) break;
        await write(output, `${await answer(runCommand, line, caller)}\n\n`);
      }
      if (tty) lines.prompt();
    }
  } finally {
    lines.close();
  }
}

/** RunCommand never throws by contract; this keeps the console alive if one ever does. */
async function answer(runCommand: RunCommand, line: string, caller: Caller): Promise<string> {
  try {
    return renderText(await runCommand(line, caller));
  } catch {
    return pick(COMMAND_STRINGS, caller.locale).console.failed;
  }
}

/** Waits for 'drain' when the stream asks us to, so piped output keeps its order and memory stays flat. */
async function write(output: Writable, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

export function createConsoleSender(output: Writable): ChatSender {
  return {
    platform: 'console',
    send: async (_chatId, reply) => {
      output.write(`${renderText(reply)}\n\n`);
    },
  };
}
