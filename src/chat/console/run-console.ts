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
import { forAskerOnly } from '../../domain/reply.js';
import { COMMAND_STRINGS } from '../../present/i18n/commands.js';
import { REVIEW_STRINGS } from '../../present/i18n/review.js';
import { pick } from '../../present/i18n/pick.js';
import { renderText } from './render.js';
import { saveAttachment } from './save-attachment.js';

export interface ConsoleOptions {
  runCommand: RunCommand;
  input: Readable;
  output: Writable;
  /** Usually consoleCaller(locale): the person at the terminal runs the bot, so they are an admin. */
  caller: Caller;
  /** Printed once before the first prompt (see consoleBanner). */
  banner?: string;
  /** Where files an answer carries (an audit CSV) are written; the system's temporary folder by default. */
  filesDir?: string;
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
        await write(output, `${await answer(runCommand, line, caller, options.filesDir)}\n\n`);
      }
      if (tty) lines.prompt();
    }
  } finally {
    lines.close();
  }
}

/** RunCommand never throws by contract; this keeps the console alive if one ever does. */
async function answer(runCommand: RunCommand, line: string, caller: Caller, filesDir?: string): Promise<string> {
  const t = pick(COMMAND_STRINGS, caller.locale);
  try {
    const reply = await runCommand(line, caller);
    const text = renderText(reply, caller.locale);
    if (!reply.attachment) return text;
    return `${text}\n\n${t.console.fileSaved(await saveAttachment(reply.attachment, filesDir))}`;
  } catch {
    return t.console.failed;
  }
}

/** Waits for 'drain' when the stream asks us to, so piped output keeps its order and memory stays flat. */
async function write(output: Writable, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}

/**
 * Alerts in the terminal. Printed text cannot change, so an edited card is
 * printed again, marked as the card's new state, and a reply in its thread
 * is printed indented under an arrow: the demo still shows a card's life.
 * A file for the whole chat (a daily summary's chart) is written to
 * `filesDir` and its path printed under the message, as for an answer.
 */
export function createConsoleSender(output: Writable, locale: Locale = 'en', filesDir?: string): ChatSender {
  let posted = 0;
  const t = pick(REVIEW_STRINGS, locale);
  return {
    platform: 'console',
    send: async (chatId, reply, options) => {
      const text = renderText(reply, locale);
      output.write(options?.replyTo ? `  ↳ ${text.split('\n').join('\n    ')}\n\n` : `${text}\n\n`);
      if (reply.attachment && !forAskerOnly(reply.attachment)) {
        output.write(`${pick(COMMAND_STRINGS, locale).console.fileSaved(await saveAttachment(reply.attachment, filesDir))}\n\n`);
      }
      posted += 1;
      return { chatId, messageId: String(posted) };
    },
    edit: async (_message, reply) => {
      output.write(`${t.cardUpdated}\n${renderText(reply, locale)}\n\n`);
    },
  };
}
