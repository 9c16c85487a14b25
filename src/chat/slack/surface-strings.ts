/** Strings of the App Home and the Look up modal, in English and Russian (modal title and buttons: at most 24 characters). */
import type { Dictionary } from '../../present/i18n/pick.js';

export interface SlackSurfaceStrings {
  /** The Home's button that opens the Look up modal. */
  lookUp: string;
  lookupTitle: string;
  lookupSubmit: string;
  lookupClose: string;
  lookupLabel: string;
  lookupPlaceholder: string;
  lookupHint: string;
  /** While the line runs; `line` is shown as code. */
  running: (line: string) => string;
  /** Under the input: where the lines run (a channel mention). */
  runsIn: (channel: string) => string;
  lookupEmpty: string;
  /** A submitted line longer than the input takes; `max` is its length in characters. */
  lookupTooLong: (max: number) => string;
  /** The message shortcut used in a channel the person has not joined (a public channel opened without joining). */
  shortcutNotMember: string;
  /** Slack could not say which channels the person is in just now, or a lookup failed: nothing was refused. */
  tryAgain: string;
  /** An interaction on a view that is not this person's (or was altered). */
  viewNotYours: string;
  /** An answer's file went to the person's direct message with the app. */
  fileSent: string;
  fileFailed: string;
  /** The Home of someone outside every allowed channel: this, and nothing else. */
  homeRefused: string;
  /** The Home when its overview could not be read (the database did not answer). */
  homeFailed: string;
}

export const slackSurfaceStrings: Dictionary<SlackSurfaceStrings> = {
  en: {
    lookUp: 'Look up',
    lookupTitle: 'Look up',
    lookupSubmit: 'Run',
    lookupClose: 'Close',
    lookupLabel: 'Command line',
    lookupPlaceholder: '/kyc vs_1Q2w3E… · /customer Olga · /check 7',
    lookupHint: 'Any command you would type: /kyc, /customer, /receipt, /check, /kyc queue, /kyc help.',
    running: (line) => `Running \`${line}\`…`,
    runsIn: (channel) => `Runs as if typed in ${channel}.`,
    lookupEmpty: 'Type a command line, e.g. /kyc help.',
    lookupTooLong: (max) => `A command line is at most ${max} characters.`,
    tryAgain: 'This could not be prepared just now. Try again in a minute.',
    shortcutNotMember: 'Join this channel to look up the ids in its messages with KYC Desk.',
    viewNotYours: 'This view was made for someone else or has been altered. Open KYC Desk’s Home tab again.',
    fileSent: 'The file was sent to you in your direct message with KYC Desk.',
    fileFailed: 'The file could not be sent to you: the bot needs the files:write and im:write scopes.',
    homeRefused:
      'KYC Desk shows its overview to members of the channels it is enabled in (`SLACK_ALLOWED_CHANNELS`), and you are in none of them, so there is nothing to show here. Join one of those channels, or ask the bot’s administrator to add a channel you are in to `SLACK_ALLOWED_CHANNELS`.',
    homeFailed: 'The overview could not be prepared just now. Open the Home tab again in a minute; if it stays like this, tell the bot’s administrator.',
  },
  ru: {
    lookUp: 'Найти',
    lookupTitle: 'Найти',
    lookupSubmit: 'Выполнить',
    lookupClose: 'Закрыть',
    lookupLabel: 'Команда',
    lookupPlaceholder: '/kyc vs_1Q2w3E… · /customer Ольга · /check 7',
    lookupHint: 'Любая команда, как в чате: /kyc, /customer, /receipt, /check, /kyc queue, /kyc help.',
    running: (line) => `Выполняется \`${line}\`…`,
    runsIn: (channel) => `Выполняется как в ${channel}.`,
    lookupEmpty: 'Введите команду, например /kyc help.',
    lookupTooLong: (max) => `Команда — не длиннее ${max} символов.`,
    tryAgain: 'Сейчас не удалось подготовить ответ. Попробуйте ещё раз через минуту.',
    shortcutNotMember: 'Вступите в этот канал, чтобы искать в KYC Desk id из его сообщений.',
    viewNotYours: 'Это окно создано для другого человека или изменено. Откройте вкладку Home приложения KYC Desk заново.',
    fileSent: 'Файл отправлен вам в личные сообщения с KYC Desk.',
    fileFailed: 'Файл не удалось отправить: боту нужны разрешения files:write и im:write.',
    homeRefused:
      'KYC Desk показывает обзор участникам каналов, где он подключён (`SLACK_ALLOWED_CHANNELS`), а вы не состоите ни в одном из них, поэтому здесь ничего нет. Вступите в один из этих каналов или попросите администратора бота добавить ваш канал в `SLACK_ALLOWED_CHANNELS`.',
    homeFailed: 'Обзор сейчас не удалось подготовить. Откройте вкладку Home ещё раз через минуту; если не поможет, сообщите администратору бота.',
  },
};
