import type { RecordRefusal, RunCommand } from '../../commands/types.js';
import type { Locale } from '../../domain/caller.js';
import type { ChatFrontEnd, Route } from '../../domain/front-end.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/types.js';

/** Where long button command lines are kept (Telegram callback_data holds at most 64 bytes). */
export type ButtonStore = Pick<Store, 'saveButtonPayload' | 'loadButtonPayload'>;

export interface TelegramBotOptions {
  token: string;
  /** Bot API base without a trailing slash (TELEGRAM_API_ROOT); default https://api.telegram.org. */
  apiRoot?: string;
  /** Webhook mode when set (TELEGRAM_WEBHOOK_SECRET); long polling otherwise. */
  webhookSecret?: string;
  /** Chats that may see data (TELEGRAM_ALLOWED_CHATS); every other chat gets a refusal. */
  allowedChats: string[];
  /** User ids (TELEGRAM_ADMINS). */
  admins: string[];
  /** Fixed language (LOCALE); otherwise each user's Telegram language_code decides. */
  locale?: Locale;
  runCommand: RunCommand;
  /** Refused commands and buttons (chats outside TELEGRAM_ALLOWED_CHATS), for the audit log. */
  onRefused?: RecordRefusal;
  buttons: ButtonStore;
  logger: Logger;
  now?: () => Date;
}

/** start() learns the bot's username, registers the command menu, and starts long polling (without waiting for it). */
export interface TelegramBot extends ChatFrontEnd {
  platform: 'telegram';
  mode: 'webhook' | 'long polling';
  /** [POST /telegram/webhook] in webhook mode; [] in long polling. */
  routes: Route[];
}
