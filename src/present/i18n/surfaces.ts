/**
 * Strings of the overview (Slack's App Home, Telegram's /start in a private
 * chat: commands/overview.ts) and of looking up the ids found in a message
 * (the Slack shortcut, a forwarded Telegram message: commands/find-lookups.ts),
 * in English and Russian. The queue's own words come from review.ts, a
 * subscription's from alerts.ts.
 */
import type { Platform } from '../../domain/chat.js';
import type { Dictionary } from './pick.js';

export interface SurfaceStrings {
  overview: {
    title: string;
    /** Field labels of the counts at the top. */
    openDeclines: string;
    yours: string;
    /** Who sees what: personal data is masked unless the viewer is an admin. */
    masked: string;
    unmasked: string;
    /** Buttons: the whole queue, and the stats (`/kyc stats`). */
    openQueue: string;
    stats: string;
    mineTitle: string;
    mineEmpty: string;
    subscriptionsTitle: string;
    /** How a chat is named in the subscriptions section. */
    chat: Record<Platform, (id: string) => string>;
    /** A chat of the allow-list that gets no alerts. */
    noAlerts: string;
    noSubscriptions: string;
    latestTitle: string;
    latestEmpty: string;
  };
  lookups: {
    /** Nothing in the message looks like an id the bot knows. */
    none: string;
    /** Under the last card when the message named more ids than it gets cards. */
    more: (count: number) => string;
  };
}

const en: SurfaceStrings = {
  overview: {
    title: 'KYC Desk',
    openDeclines: 'Open declines',
    yours: 'Reviewed by you',
    masked: 'Personal data is masked here; admins see it in full.',
    unmasked: 'You are an admin: what the bot keeps about people shows unmasked, to you only.',
    openQueue: 'Open queue',
    stats: 'Stats',
    mineTitle: 'Taken by you',
    mineEmpty: 'You are not reviewing any decline. Take one from the queue below.',
    subscriptionsTitle: 'Alert subscriptions',
    chat: {
      slack: (id) => `Channel ${id}`,
      telegram: (id) => `Chat ${id}`,
      console: () => 'Console',
    },
    noAlerts: 'No alerts.',
    noSubscriptions: 'No channel gets alerts yet. An admin turns them on with /kyc subscribe in a channel.',
    latestTitle: 'Latest alerts',
    latestEmpty: 'No alerts in the last 7 days.',
  },
  lookups: {
    none: 'No Love&Pay id, Stripe vs_… id, Stripe dashboard link or "check <id>" in this message.',
    more: (count) => `… and ${count} more in this message: look them up one by one.`,
  },
};

const ru: SurfaceStrings = {
  overview: {
    title: 'KYC Desk',
    openDeclines: 'Открытые отказы',
    yours: 'Разбираете вы',
    masked: 'Персональные данные здесь скрыты; администраторы видят их полностью.',
    unmasked: 'Вы администратор: то, что бот хранит о людях, показано без маскировки и только вам.',
    openQueue: 'Открыть очередь',
    stats: 'Статистика',
    mineTitle: 'Взяты вами',
    mineEmpty: 'Вы не разбираете ни одного отказа. Возьмите из очереди ниже.',
    subscriptionsTitle: 'Подписки на оповещения',
    chat: {
      slack: (id) => `Канал ${id}`,
      telegram: (id) => `Чат ${id}`,
      console: () => 'Консоль',
    },
    noAlerts: 'Оповещений нет.',
    noSubscriptions: 'Оповещения пока не получает ни один канал. Администратор включает их командой /kyc subscribe в канале.',
    latestTitle: 'Последние оповещения',
    latestEmpty: 'За последние 7 дней оповещений не было.',
  },
  lookups: {
    none: 'В этом сообщении нет ID Love&Pay, ID Stripe vs_…, ссылки на панель Stripe или «check <id>».',
    more: (count) => `… и ещё ${count} в этом сообщении: посмотрите их по одному.`,
  },
};

export const SURFACE_STRINGS: Dictionary<SurfaceStrings> = { en, ru };
