/**
 * Strings of alert cards as work items, their thread replies, the review
 * commands (take, resolve, reopen), `/kyc queue` and quiet hours, in English
 * and Russian.
 */
import type { Dictionary } from './pick.js';

export type ResolveReasonKey = 'customer_contacted' | 'retry_requested' | 'fraud_suspected' | 'false_alarm';

export interface ReviewStrings {
  buttons: { take: string; resolve: string; reopen: string; card: string };
  reasons: Record<ResolveReasonKey, string>;
  /** The state line on a DECLINED card. */
  state: {
    open: string;
    reviewing: (who: string, since: string) => string;
    resolved: (who: string, reason: string) => string;
    note: (note: string) => string;
    /** A later APPROVED closed the item; `who` reviewed it, if anyone. */
    approved: (who: string | null) => string;
  };
  /** One short reply in the card's thread per change. */
  thread: {
    outcome: (outcome: string, native: string, at: string) => string;
    take: (who: string, at: string) => string;
    resolve: (who: string, at: string, reason: string) => string;
    reopen: (who: string, at: string) => string;
  };
  /** Answers to the person who acted (the cards themselves change in every chat). */
  answers: {
    took: (object: string) => string;
    resolved: (object: string, reason: string) => string;
    reopened: (object: string) => string;
    cardsUpdate: string;
    formTitle: (object: string) => string;
    formNote: string;
    /** How to add a note where no form asks for it (typed after the reason). */
    noteHint: (example: string) => string;
    /** Telegram: a reply to the answer adds the note. */
    replyForNote: string;
    notFound: (object: string) => string;
    approved: (object: string) => string;
    resolvedFirst: (object: string) => string;
    unchanged: (object: string) => string;
  };
  queue: {
    title: string;
    mineTitle: string;
    empty: string;
    mineEmpty: string;
    open: string;
    reviewing: (who: string) => string;
    opened: (age: string) => string;
  };
  /** "quiet 22:00–08:00 (Europe/Moscow)" in a subscription's description. */
  quiet: (from: string, to: string, timeZone: string) => string;
  /** The console prints an edited card again under this line (printed text cannot change). */
  cardUpdated: string;
}

const en: ReviewStrings = {
  buttons: { take: 'Take', resolve: 'Resolve', reopen: 'Reopen', card: 'Card' },
  reasons: {
    customer_contacted: 'customer contacted',
    retry_requested: 'retry requested',
    fraud_suspected: 'fraud suspected',
    false_alarm: 'false alarm',
  },
  state: {
    open: 'Open: nobody reviews it yet.',
    reviewing: (who, since) => `Reviewing: ${who} since ${since}`,
    resolved: (who, reason) => `Resolved by ${who}: ${reason}`,
    note: (note) => `Note: ${note}`,
    approved: (who) => (who ? `Closed: approved later (${who} was reviewing it).` : 'Closed: approved later.'),
  },
  thread: {
    outcome: (outcome, native, at) => `${outcome} (${native}) at ${at}`,
    take: (who, at) => `Taken by ${who} at ${at}`,
    resolve: (who, at, reason) => `Resolved by ${who} at ${at}: ${reason}`,
    reopen: (who, at) => `Reopened by ${who} at ${at}`,
  },
  answers: {
    took: (object) => `You are reviewing ${object}.`,
    resolved: (object, reason) => `${object} is resolved: ${reason}.`,
    reopened: (object) => `${object} is back in the queue.`,
    cardsUpdate: 'Its card shows this in every chat that got it.',
    formTitle: (object) => `Resolve ${object}: why?`,
    formNote: 'Note (optional)',
    noteHint: (example) => `To add a note, write it after the reason: ${example}`,
    replyForNote: 'Reply to this message to add a note.',
    notFound: (object) => `${object} is not in the review queue: only DECLINED alerts become review items.`,
    approved: (object) => `${object} was approved later, so its review is closed.`,
    resolvedFirst: (object) => `${object} is already resolved; reopen it first.`,
    unchanged: (object) => `${object} is already so; nothing changed.`,
  },
  queue: {
    title: 'Review queue: open declines, oldest first',
    mineTitle: 'Your declines under review, oldest first',
    empty: 'No open declines. Every DECLINED alert lands here until someone resolves it.',
    mineEmpty: 'You are not reviewing any decline. Take one with its card’s Take button or /kyc take <id>.',
    open: 'open',
    reviewing: (who) => `reviewing: ${who}`,
    opened: (age) => `declined ${age}`,
  },
  quiet: (from, to, timeZone) => `quiet ${from}–${to} (${timeZone})`,
  cardUpdated: '✎ Card updated:',
};

const ru: ReviewStrings = {
  buttons: { take: 'Взять', resolve: 'Закрыть', reopen: 'Вернуть', card: 'Карточка' },
  reasons: {
    customer_contacted: 'связались с клиентом',
    retry_requested: 'запрошена повторная попытка',
    fraud_suspected: 'подозрение на мошенничество',
    false_alarm: 'ложная тревога',
  },
  state: {
    open: 'Открыто: никто ещё не взял.',
    reviewing: (who, since) => `Разбирает: ${who} с ${since}`,
    resolved: (who, reason) => `Закрыл ${who}: ${reason}`,
    note: (note) => `Заметка: ${note}`,
    approved: (who) => (who ? `Закрыто: позже одобрено (разбирал ${who}).` : 'Закрыто: позже одобрено.'),
  },
  thread: {
    outcome: (outcome, native, at) => `${outcome} (${native}) в ${at}`,
    take: (who, at) => `${who} взял(а) в ${at}`,
    resolve: (who, at, reason) => `${who} закрыл(а) в ${at}: ${reason}`,
    reopen: (who, at) => `${who} вернул(а) в очередь в ${at}`,
  },
  answers: {
    took: (object) => `Вы разбираете ${object}.`,
    resolved: (object, reason) => `${object} закрыто: ${reason}.`,
    reopened: (object) => `${object} снова в очереди.`,
    cardsUpdate: 'Карточка обновится во всех чатах, где она есть.',
    formTitle: (object) => `Закрыть ${object}: почему?`,
    formNote: 'Заметка (необязательно)',
    noteHint: (example) => `Чтобы добавить заметку, напишите её после причины: ${example}`,
    replyForNote: 'Ответьте на это сообщение, чтобы добавить заметку.',
    notFound: (object) => `${object} нет в очереди разбора: туда попадают только оповещения DECLINED.`,
    approved: (object) => `${object} позже одобрено, разбор закрыт.`,
    resolvedFirst: (object) => `${object} уже закрыто; сначала верните его в очередь.`,
    unchanged: (object) => `${object} уже в этом состоянии; ничего не изменилось.`,
  },
  queue: {
    title: 'Очередь разбора: открытые отказы, сначала старые',
    mineTitle: 'Ваши отказы в разборе, сначала старые',
    empty: 'Открытых отказов нет. Каждое оповещение DECLINED попадает сюда, пока его не закроют.',
    mineEmpty: 'Вы не разбираете ни одного отказа. Возьмите кнопкой «Взять» на карточке или командой /kyc take <id>.',
    open: 'открыто',
    reviewing: (who) => `разбирает: ${who}`,
    opened: (age) => `отказ ${age}`,
  },
  quiet: (from, to, timeZone) => `тихие часы ${from}–${to} (${timeZone})`,
  cardUpdated: '✎ Карточка обновлена:',
};

export const REVIEW_STRINGS: Dictionary<ReviewStrings> = { en, ru };
