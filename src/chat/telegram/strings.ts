/** Strings the Telegram bot and its HTML renderer show, in English and Russian. */
import type { CommandName } from '../../domain/commands.js';
import type { Dictionary } from '../../present/i18n/pick.js';

export interface TelegramStrings {
  /** Title of the one answer a chat outside TELEGRAM_ALLOWED_CHATS gets. */
  refusedTitle: string;
  refusedChatId: string;
  /** Label of the line showing the setting to add, `TELEGRAM_ALLOWED_CHATS=<id>`. */
  refusedSetting: string;
  /** How to allow the chat. */
  refusedHowTo: string;
  /** Toast on a button whose stored command line is gone (older than its lifetime). */
  buttonExpired: string;
  /** Toast on a button pressed in a chat that is not allowed. */
  buttonRefused: string;
  /** Toast on a button whose data this bot did not write. */
  buttonUnknown: string;
  /** Footer under answers that show unmasked personal data. */
  unmaskedNotice: string;
  /** When a reply could not be produced at all (the dispatcher never throws; this is the net under it). */
  failedTitle: string;
  failedText: string;
  /** Fallback title of a reply that has none. */
  fallbackTitle: string;
  /** Ends an answer cut to a few messages (TELEGRAM_LIMITS.messagesPerReply). */
  cut: string;
  /** Under an answer that takes a note by reply (a resolved review item). */
  replyForNote: string;
  /** A file meant for the asker only, who has not started a private chat with the bot. */
  fileNeedsPrivateChat: string;
  /** Shown in the Telegram command menu (setMyCommands), at most 256 characters each. */
  commandDescriptions: Record<CommandName, string>;
}

export const telegramStrings: Dictionary<TelegramStrings> = {
  en: {
    refusedTitle: 'KYC Desk is not enabled in this chat',
    refusedChatId: 'Chat id',
    refusedSetting: 'Setting',
    refusedHowTo:
      "To allow this chat, ask the bot's administrator to add its id to TELEGRAM_ALLOWED_CHATS (several ids are separated by commas) and restart the bot.",
    buttonExpired: 'This button has expired. Please type the command again.',
    buttonRefused: 'KYC Desk is not enabled in this chat.',
    buttonUnknown: 'This button is no longer supported. Please type the command again.',
    unmaskedNotice: 'Unmasked personal data: do not forward this message.',
    failedTitle: 'Something went wrong',
    failedText: 'The answer could not be prepared. Please try again in a minute.',
    fallbackTitle: 'KYC Desk',
    cut: '… The rest is cut: this answer is too long for Telegram. Narrow it down, e.g. with a filter or an id.',
    fileNeedsPrivateChat: 'The file goes to you privately: open a private chat with the bot, press Start, and ask again.',
    replyForNote: 'To add a note, reply to this message with it.',
    commandDescriptions: {
      kyc: 'KYC sessions: latest, by status, invoice or id; alerts',
      customer: 'Find a customer by name, email or phone',
      receipt: 'Receipt verification by id',
      check: 'Bank 131 check status; add "watch" to be alerted',
    },
  },
  ru: {
    refusedTitle: 'KYC Desk не подключён в этом чате',
    refusedChatId: 'ID чата',
    refusedSetting: 'Настройка',
    refusedHowTo:
      'Чтобы разрешить этот чат, попросите администратора бота добавить его ID в TELEGRAM_ALLOWED_CHATS (несколько ID — через запятую) и перезапустить бота.',
    buttonExpired: 'Срок действия кнопки истёк. Введите команду ещё раз.',
    buttonRefused: 'KYC Desk не подключён в этом чате.',
    buttonUnknown: 'Эта кнопка больше не поддерживается. Введите команду ещё раз.',
    unmaskedNotice: 'Персональные данные без маскировки: не пересылайте это сообщение.',
    failedTitle: 'Что-то пошло не так',
    failedText: 'Не удалось подготовить ответ. Попробуйте ещё раз через минуту.',
    fallbackTitle: 'KYC Desk',
    cut: '… Остальное обрезано: ответ слишком длинный для Telegram. Уточните запрос, например фильтром или идентификатором.',
    fileNeedsPrivateChat: 'Файл отправляется вам лично: откройте личный чат с ботом, нажмите «Start» и спросите снова.',
    replyForNote: 'Чтобы добавить заметку, ответьте на это сообщение.',
    commandDescriptions: {
      kyc: 'KYC-сессии: последние, по статусу, счёту или ID; оповещения',
      customer: 'Найти клиента по имени, телефону или адресу эл. почты',
      receipt: 'Проверка чека по ID',
      check: 'Статус проверки Банка 131; «watch» — оповестить о результате',
    },
  },
};
