/** Strings the Slack app and its Block Kit renderer show, in English and Russian. */
import type { Dictionary } from '../../present/i18n/pick.js';

export interface SlackStrings {
  /** Button on an ephemeral answer that posts a masked copy to the channel. */
  share: string;
  /** Context line under a shared copy; `user` is a Slack mention. */
  sharedBy: (user: string) => string;
  /** Detail button next to a list item. */
  details: string;
  /** Honest end of a cut list: "… and 37 more". */
  andMore: (count: number) => string;
  /** Honest end of a cut text. */
  cutCharacters: (count: number) => string;
  /** Shown under answers that contain unmasked personal data. */
  unmaskedNotice: string;
  /** Answer in a channel that is not in SLACK_ALLOWED_CHANNELS: its id and the variable to set, nothing else. */
  channelRefused: (channelId: string) => string;
  /** Share asked for something that cannot be posted masked. */
  shareRefused: string;
  /** Notification text when a reply has no title. */
  fallbackTitle: string;
  /** The answer's file (an audit CSV) could not be uploaded to the channel. */
  uploadFailed: string;
  /** The modal a form opens (Resolve on a card): its title, buttons, and the error when nothing was picked. At most 24 characters each. */
  formTitle: string;
  formSubmit: string;
  formCancel: string;
  formPick: string;
}

export const slackStrings: Dictionary<SlackStrings> = {
  en: {
    share: 'Share in channel',
    sharedBy: (user) => `Shared by ${user}`,
    details: 'Details',
    andMore: (count) => `… and ${count} more`,
    cutCharacters: (count) => `… and ${count} more characters`,
    unmaskedNotice: 'Unmasked personal data: only you can see this answer.',
    channelRefused: (channelId) =>
      `KYC Desk is not enabled in this channel (\`${channelId}\`). To allow it, ask the bot's administrator to add \`${channelId}\` to \`SLACK_ALLOWED_CHANNELS\` (several ids are separated by commas) and restart the bot.`,
    shareRefused: 'This answer cannot be shared in the channel.',
    fallbackTitle: 'KYC Desk',
    uploadFailed: 'The file could not be uploaded to this channel: the bot needs the files:write scope and must be in the channel.',
    formTitle: 'KYC Desk',
    formSubmit: 'Save',
    formCancel: 'Cancel',
    formPick: 'Pick one.',
  },
  ru: {
    share: 'Показать в канале',
    sharedBy: (user) => `Поделился ${user}`,
    details: 'Подробнее',
    andMore: (count) => `… и ещё ${count}`,
    cutCharacters: (count) => `… и ещё ${count} символов`,
    unmaskedNotice: 'Персональные данные без маскировки: этот ответ видите только вы.',
    channelRefused: (channelId) =>
      `KYC Desk не подключён в этом канале (\`${channelId}\`). Чтобы разрешить его, попросите администратора бота добавить \`${channelId}\` в \`SLACK_ALLOWED_CHANNELS\` (несколько ID — через запятую) и перезапустить бота.`,
    shareRefused: 'Этот ответ нельзя показать в канале.',
    fallbackTitle: 'KYC Desk',
    uploadFailed: 'Файл не удалось загрузить в этот канал: боту нужно разрешение files:write, и он должен состоять в канале.',
    formTitle: 'KYC Desk',
    formSubmit: 'Сохранить',
    formCancel: 'Отмена',
    formPick: 'Выберите вариант.',
  },
};
