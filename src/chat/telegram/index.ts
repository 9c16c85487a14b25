export { createTelegramBot } from './create-telegram-bot.js';
export type { ButtonStore, TelegramBot, TelegramBotOptions } from './types.js';
