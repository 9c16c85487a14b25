/**
 * The renderer's neutral buttons as Telegram's InlineKeyboardMarkup, and what
 * each button carries. Telegram's callback_data holds 1-64 bytes
 * (core.telegram.org/bots/api#inlinekeyboardbutton), so a command line that
 * fits goes inline and a longer one is stored under a short random key.
 *
 * Format: one letter for what a click does ('e' edits the message the button
 * sits on, 'n' answers with a new message), then ':' and the command line,
 * or '#' and a stored key.
 */
import { randomBytes } from 'node:crypto';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Store } from '../../store/types.js';
import { TELEGRAM_LIMITS } from './limits.js';
import type { TelegramButton } from './render.js';

/** Where long button command lines are kept (Telegram callback_data holds at most 64 bytes). */
export type ButtonStore = Pick<Store, 'saveButtonPayload' | 'loadButtonPayload'>;

/** The issue asks for at least 24 hours; two days covers a button pressed the next working day. */
export const BUTTON_PAYLOAD_TTL_MS = 48 * 60 * 60 * 1000;

export interface ButtonCommand {
  command: string;
  /** True: replace the message the button sits on (paging). */
  edit: boolean;
}

export async function encodeCallbackData(button: ButtonCommand, store: ButtonStore, now: Date): Promise<string> {
  const mode = button.edit ? 'e' : 'n';
  const inline = `${mode}:${button.command}`;
  if (Buffer.byteLength(inline, 'utf8') <= TELEGRAM_LIMITS.callbackDataBytes) return inline;
  // 12 random bytes: 16 base64url characters, not guessable, far below the 64-byte limit.
  const key = randomBytes(12).toString('base64url');
  await store.saveButtonPayload({
    key,
    commandLine: button.command,
    expiresAt: new Date(now.getTime() + BUTTON_PAYLOAD_TTL_MS),
  });
  return `${mode}#${key}`;
}

export type ResolvedCallback = ButtonCommand | 'expired' | 'unknown';

export async function resolveCallbackData(data: string, store: ButtonStore, now: Date): Promise<ResolvedCallback> {
  const match = /^([en])([:#])([\s\S]+)$/.exec(data);
  if (!match) return 'unknown';
  const edit = match[1] === 'e';
  const body = match[3]!;
  if (match[2] === ':') return { command: body, edit };
  const command = await store.loadButtonPayload(body, now);
  return command === null ? 'expired' : { command, edit };
}

export async function inlineKeyboard(
  rows: TelegramButton[][],
  store: ButtonStore,
  now: Date,
): Promise<InlineKeyboardMarkup | undefined> {
  const built: InlineKeyboardButton[][] = [];
  for (const row of rows) {
    const buttons: InlineKeyboardButton[] = [];
    for (const button of row) {
      if ('url' in button) {
        buttons.push({ text: button.text, url: button.url });
      } else {
        buttons.push({ text: button.text, callback_data: await encodeCallbackData(button, store, now) });
      }
    }
    if (buttons.length) built.push(buttons);
  }
  return built.length ? { inline_keyboard: built } : undefined;
}
