export { createTelegramBot, type TelegramBot, type TelegramBotOptions } from './create-telegram-bot.js';
export type { ButtonStore } from './keyboard.js';
