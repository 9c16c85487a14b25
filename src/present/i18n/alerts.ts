/**
 * Strings of alert messages, digests, watch notices and the subscription
 * commands, in English and Russian. Explanations of provider error codes are
 * not repeated here: alerts reuse the command strings' (commands.ts).
 */
import type { ProviderName } from '../../domain/outcome.js';
import { pluralForm } from '../format.js';
import type { Dictionary } from './pick.js';

export interface AlertStrings {
  alert: {
    /** "APPROVED · Love&Pay session 1a2b3c4d" */
    title: (outcome: string, provider: string, object: string) => string;
    objects: Record<ProviderName, (id: string) => string>;
    provider: string;
    id: string;
    customer: string;
    contact: string;
    document: string;
    faceMatch: string;
    liveness: string;
    verifiedAt: string;
    occurredAt: string;
    reference: string;
    description: string;
    participant: string;
    /** A Bank 131 already_exists answer: the earlier check whose result this is. */
    earlierCheck: string;
    error: string;
    open: string;
  };
  digest: {
    title: (count: string) => string;
    /** The tail of a digest that could not name everything within one message's limits. */
    more: (count: string) => string;
  };
  watch: {
    gaveUpTitle: (id: string) => string;
    gaveUp: (days: string) => string;
  };
  subscriptions: {
    title: string;
    none: string;
    subscribedTitle: string;
    subscribed: (what: string) => string;
    unsubscribedTitle: string;
    unsubscribed: (count: number) => string;
    nothingToRemove: string;
    /** A subscribe that an existing subscription already covers: nothing changes. */
    alreadyTitle: string;
    alreadyCovered: (asked: string, existing: string) => string;
    /** What a wider subscription took the place of. */
    replaces: (what: string) => string;
    /** Removing several subscriptions is asked first. */
    confirmTitle: (count: number) => string;
    confirmNote: string;
    confirm: string;
    keep: string;
    refused: string;
    all: string;
    everything: string;
    outcomes: Record<'APPROVED' | 'DECLINED', string>;
    /** "approved and declined from Love&Pay": one subscription in words. */
    describe: (outcomes: string, providers: string) => string;
    /** Where a static subscription comes from, by platform. */
    staticSource: Record<'slack' | 'telegram' | 'console', string>;
    commandSource: (by: string) => string;
    disabled: (reason: string) => string;
    disabledNote: string;
    watches: string;
    watchItem: (id: string, until: string) => string;
    list: (items: readonly string[]) => string;
  };
  checkWatch: {
    watchingTitle: (id: string) => string;
    watching: (days: string) => string;
    alreadyWatching: (days: string) => string;
    final: (status: string) => string;
    /** The chat watches as many checks as it may. */
    tooMany: (max: string) => string;
  };
}

const en: AlertStrings = {
  alert: {
    title: (outcome, provider, object) => `${outcome} · ${provider} ${object}`,
    objects: {
      loveandpay: (id) => `session ${id}`,
      stripe: (id) => `session ${id}`,
      bank131: (id) => `check ${id}`,
    },
    provider: 'Provider',
    id: 'ID',
    customer: 'Customer',
    contact: 'Contact',
    document: 'Document',
    faceMatch: 'Face match',
    liveness: 'Liveness',
    verifiedAt: 'Verified at',
    occurredAt: 'Changed at',
    reference: 'Client reference',
    description: 'Description',
    participant: 'Participant reference',
    earlierCheck: 'Result of the earlier check',
    error: 'Reason',
    open: 'Open',
  },
  digest: {
    title: (count) => `${count} KYC alerts`,
    more: (count) => `… and ${count} more in the next message`,
  },
  watch: {
    gaveUpTitle: (id) => `Stopped watching Bank 131 check ${id}`,
    gaveUp: (days) => `The check was still pending after ${days} days. Ask with /check again later.`,
  },
  subscriptions: {
    title: 'Alert subscriptions in this chat',
    none: 'No alerts go to this chat. Subscribe with /kyc subscribe [approved|declined] [loveandpay|stripe|bank131].',
    subscribedTitle: 'Subscribed',
    subscribed: (what) => `This chat now gets alerts: ${what}.`,
    unsubscribedTitle: 'Unsubscribed',
    unsubscribed: (count) => `Removed ${count} ${pluralForm('en', count, { one: 'subscription', other: 'subscriptions' })} from this chat.`,
    nothingToRemove: 'This chat had no matching subscription.',
    alreadyTitle: 'Already subscribed',
    alreadyCovered: (_asked, existing) => `Nothing changed: this chat already gets these alerts through its subscription to ${existing}.`,
    replaces: (what) => `It takes the place of ${what}.`,
    confirmTitle: (count) => `Remove ${count} subscriptions?`,
    confirmNote: 'These subscriptions of this chat would stop or narrow. Confirm to go ahead.',
    confirm: 'Remove them',
    keep: 'Keep',
    refused: 'Only admins manage alert subscriptions here.',
    all: 'all providers',
    everything: 'approved and declined',
    outcomes: { APPROVED: 'approved', DECLINED: 'declined' },
    describe: (outcomes, providers) => `${outcomes} from ${providers}`,
    staticSource: {
      slack: 'configured in ALERT_SLACK_CHANNELS',
      telegram: 'configured in ALERT_TELEGRAM_CHATS',
      console: 'built into the console: alerts show here while it runs',
    },
    commandSource: (by) => `added by ${by}`,
    disabled: (reason) => `Disabled: ${reason}`,
    disabledNote: 'Disabled subscriptions get no alerts until someone subscribes again from this chat.',
    watches: 'Watched Bank 131 checks',
    watchItem: (id, until) => `check ${id} (until ${until})`,
    list: (items) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items),
  },
  checkWatch: {
    watchingTitle: (id) => `Watching Bank 131 check ${id}`,
    watching: (days) =>
      `I will post here when Bank 131 finishes the check (usually 10 minutes to 2 days). I stop after ${days} days.`,
    alreadyWatching: (days) => `This chat already watches the check; I stop after ${days} days.`,
    final: (status) => `Status ${status}: there is nothing left to watch.`,
    tooMany: (max) => `This chat already watches ${max} checks, the most it may; the current status is below. Watches end when their check resolves.`,
  },
};

const ru: AlertStrings = {
  alert: {
    title: (outcome, provider, object) => `${outcome} · ${provider} ${object}`,
    objects: {
      loveandpay: (id) => `сессия ${id}`,
      stripe: (id) => `сессия ${id}`,
      bank131: (id) => `проверка ${id}`,
    },
    provider: 'Провайдер',
    id: 'ID',
    customer: 'Клиент',
    contact: 'Контакт',
    document: 'Документ',
    faceMatch: 'Совпадение лица',
    liveness: 'Проверка живости',
    verifiedAt: 'Проверено',
    occurredAt: 'Изменено',
    reference: 'Референс клиента',
    description: 'Описание',
    participant: 'Референс участника',
    earlierCheck: 'Результат более ранней проверки',
    error: 'Причина',
    open: 'Открыть',
  },
  digest: {
    title: (count) => `KYC-оповещений: ${count}`,
    more: (count) => `… и ещё ${count} в следующем сообщении`,
  },
  watch: {
    gaveUpTitle: (id) => `Больше не слежу за проверкой Банка 131 ${id}`,
    gaveUp: (days) => `Через ${days} дн. проверка всё ещё не завершена. Спросите позже через /check.`,
  },
  subscriptions: {
    title: 'Подписки на оповещения в этом чате',
    none: 'Оповещения в этот чат не приходят. Подписка: /kyc subscribe [approved|declined] [loveandpay|stripe|bank131].',
    subscribedTitle: 'Подписка оформлена',
    subscribed: (what) => `Теперь этот чат получает оповещения: ${what}.`,
    unsubscribedTitle: 'Подписка снята',
    unsubscribed: (count) =>
      `В этом чате ${pluralForm('ru', count, { one: `снята ${count} подписка`, few: `сняты ${count} подписки`, many: `снято ${count} подписок`, other: `снято ${count} подписки` })}.`,
    nothingToRemove: 'Подходящих подписок в этом чате не было.',
    alreadyTitle: 'Подписка уже есть',
    alreadyCovered: (_asked, existing) => `Ничего не изменилось: эти оповещения уже приходят в чат по подписке «${existing}».`,
    replaces: (what) => `Она заменяет подписку «${what}».`,
    confirmTitle: (count) =>
      `Снять ${pluralForm('ru', count, { one: `${count} подписку`, few: `${count} подписки`, many: `${count} подписок`, other: `${count} подписки` })}?`,
    confirmNote: 'Эти подписки чата прекратятся или сузятся. Подтвердите, чтобы продолжить.',
    confirm: 'Снять',
    keep: 'Оставить',
    refused: 'Подписками здесь управляют только администраторы.',
    all: 'все провайдеры',
    everything: 'одобренные и отклонённые',
    outcomes: { APPROVED: 'одобренные', DECLINED: 'отклонённые' },
    describe: (outcomes, providers) => `${outcomes}, ${providers}`,
    staticSource: {
      slack: 'задана в ALERT_SLACK_CHANNELS',
      telegram: 'задана в ALERT_TELEGRAM_CHATS',
      console: 'встроена в консоль: оповещения показываются здесь, пока она работает',
    },
    commandSource: (by) => `добавил ${by}`,
    disabled: (reason) => `Отключена: ${reason}`,
    disabledNote: 'Отключённые подписки не получают оповещений, пока кто-нибудь не подпишется из этого чата снова.',
    watches: 'Отслеживаемые проверки Банка 131',
    watchItem: (id, until) => `проверка ${id} (до ${until})`,
    list: (items) => new Intl.ListFormat('ru', { type: 'conjunction' }).format(items),
  },
  checkWatch: {
    watchingTitle: (id) => `Слежу за проверкой Банка 131 ${id}`,
    watching: (days) =>
      `Напишу сюда, когда Банк 131 завершит проверку (обычно от 10 минут до 2 дней). Перестану следить через ${days} дн.`,
    alreadyWatching: (days) => `Этот чат уже следит за проверкой; перестану через ${days} дн.`,
    final: (status) => `Статус ${status}: следить больше не за чем.`,
    tooMany: (max) => `Этот чат уже следит за ${max} проверками, больше нельзя; текущий статус ниже. Слежение заканчивается, когда проверка завершится.`,
  },
};

export const ALERT_STRINGS: Dictionary<AlertStrings> = { en, ru };
