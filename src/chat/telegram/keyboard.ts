/** The renderer's neutral buttons -> Telegram's InlineKeyboardMarkup, storing long command lines. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { encodeCallbackData } from './callback-data.js';
import type { TelegramButton } from './render.js';
import type { ButtonStore } from './types.js';

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
