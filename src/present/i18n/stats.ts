/**
 * Strings of `/kyc stats`, its chart and `/kyc summary`, in English and
 * Russian. Decline reasons are not here: they are the sentences the commands
 * already use for Stripe last_error codes and Bank 131 error codes
 * (commands.ts, stripe.errors and check.codes).
 */
import type { Dictionary } from './pick.js';

type Outcome = 'APPROVED' | 'DECLINED' | 'EXPIRED' | 'PENDING';

export interface StatsStrings {
  /** "KYC stats: last 7 days". */
  title: (period: string) => string;
  /** The daily summary's title: "Daily KYC summary: 2 Mar 2025". */
  summaryTitle: (day: string) => string;
  periods: {
    today: string;
    yesterday: (day: string) => string;
    days: (count: number) => string;
  };
  providers: string;
  allProviders: string;
  outcomes: Record<Outcome, string>;
  approvalRate: string;
  medianTime: string;
  p90Time: string;
  /** No verdict of the window has both its start and its verdict time. */
  timesUnknown: string;
  /** A figure next to the one before: "12 (+3)", "6 min (was 8 min)". */
  changed: (value: string, change: string) => string;
  was: (value: string) => string;
  /** A rate's change in percentage points: "+2 pp". */
  points: (signed: string) => string;
  reasonsTitle: string;
  /** The reasons field's value when they are listed under it. */
  reasonsBelow: string;
  noReasons: string;
  /** "12 · Stripe Identity". */
  reasonCount: (count: string, provider: string) => string;
  /** Stripe's canceled without a last_error. */
  canceled: string;
  unexplained: (count: string) => string;
  rateNote: string;
  /** "From 24 Feb 2025, 00:00 to 2 Mar 2025, 14:05 (Europe/Moscow)". */
  window: (from: string, to: string, timeZone: string) => string;
  /** Changes in brackets compare with the window of the same length just before. */
  compared: (from: string) => string;
  historyBegins: (when: string) => string;
  noHistory: string;
  empty: string;
  chartFailed: string;
  chart: {
    /** The chart's heading: "Outcomes per day · last 7 days". */
    title: (perHour: boolean, period: string) => string;
    count: string;
    approvalRate: string;
    /** The file's caption (Telegram) or title (Slack). */
    caption: (period: string) => string;
  };
  summary: {
    title: string;
    /** "Every day at 09:00 (Europe/Moscow) this chat gets yesterday's stats for all providers." */
    set: (at: string, timeZone: string, providers: string) => string;
    first: (when: string) => string;
    /** The providers part of `set`. */
    allProviders: string;
    none: string;
    howToSet: string;
    off: string;
    wasOff: string;
    refused: string;
  };
}

export const STATS_STRINGS: Dictionary<StatsStrings> = {
  en: {
    title: (period) => `KYC stats: ${period}`,
    summaryTitle: (day) => `Daily KYC summary: ${day}`,
    periods: {
      today: 'today',
      yesterday: (day) => `yesterday, ${day}`,
      days: (count) => (count === 1 ? 'the last day' : `the last ${count} days`),
    },
    providers: 'Providers',
    allProviders: 'all',
    outcomes: { APPROVED: 'Approved', DECLINED: 'Declined', EXPIRED: 'Expired', PENDING: 'Still pending' },
    approvalRate: 'Approval rate',
    medianTime: 'Median time to verdict',
    p90Time: '90% decided within',
    timesUnknown: 'not known',
    changed: (value, change) => `${value} (${change})`,
    was: (value) => `was ${value}`,
    points: (signed) => `${signed} pp`,
    reasonsTitle: 'Top decline reasons',
    reasonsBelow: 'most frequent first, below',
    noReasons: 'none given',
    reasonCount: (count, provider) => `${count} · ${provider}`,
    canceled: 'the session was canceled before a verdict',
    unexplained: (count) => `${count} declined without a reason code (Love&Pay gives none).`,
    rateNote: 'Approval rate: approved ÷ (approved + declined); expired sessions never got a verdict.',
    window: (from, to, timeZone) => `From ${from} to ${to} (${timeZone}).`,
    compared: (from) => `In brackets: the change against the same length of time before, from ${from}.`,
    historyBegins: (when) => `History begins ${when}: the bot knows no earlier verifications.`,
    noHistory: 'The bot has recorded no verifications yet: they are recorded as sweeps and webhooks see them.',
    empty: 'No verifications in this window.',
    chartFailed: 'The chart could not be drawn; the figures are above.',
    chart: {
      title: (perHour, period) => `${perHour ? 'Outcomes per hour' : 'Outcomes per day'} · ${period}`,
      count: 'verifications',
      approvalRate: 'Approval rate',
      caption: (period) => `KYC outcomes, ${period}`,
    },
    summary: {
      title: 'Daily summary',
      set: (at, timeZone, providers) => `Every day at ${at} (${timeZone}) this chat gets the day before's stats, ${providers}.`,
      first: (when) => `The next one comes ${when}.`,
      allProviders: 'all providers',
      none: 'This chat gets no daily summary.',
      howToSet: 'Set one with /kyc summary daily 09:00 (any time of day, HH:MM).',
      off: 'The daily summary is off in this chat.',
      wasOff: 'This chat had no daily summary; nothing changed.',
      refused: 'Only admins set the daily summary here.',
    },
  },
  ru: {
    title: (period) => `Статистика KYC: ${period}`,
    summaryTitle: (day) => `Сводка KYC за день: ${day}`,
    periods: {
      today: 'сегодня',
      yesterday: (day) => `вчера, ${day}`,
      days: (count) => (count === 1 ? 'последние сутки' : russianDays(count)),
    },
    providers: 'Провайдеры',
    allProviders: 'все',
    outcomes: { APPROVED: 'Одобрено', DECLINED: 'Отклонено', EXPIRED: 'Истекло', PENDING: 'Ещё в работе' },
    approvalRate: 'Доля одобрений',
    medianTime: 'Медиана до решения',
    p90Time: '90% решены за',
    timesUnknown: 'неизвестно',
    changed: (value, change) => `${value} (${change})`,
    was: (value) => `было ${value}`,
    points: (signed) => `${signed} п. п.`,
    reasonsTitle: 'Частые причины отказа',
    reasonsBelow: 'ниже, от самой частой',
    noReasons: 'не указаны',
    reasonCount: (count, provider) => `${count} · ${provider}`,
    canceled: 'сессию отменили до решения',
    unexplained: (count) => `Без кода причины: ${count} (Love&Pay причин не сообщает).`,
    rateNote: 'Доля одобрений: одобрено ÷ (одобрено + отклонено); истёкшие сессии решения не получили.',
    window: (from, to, timeZone) => `С ${from} по ${to} (${timeZone}).`,
    compared: (from) => `В скобках — изменение к такому же отрезку времени до этого, с ${from}.`,
    historyBegins: (when) => `История начинается ${when}: более ранних проверок бот не знает.`,
    noHistory: 'Бот ещё не записал ни одной проверки: они записываются, когда их видят опросы и вебхуки.',
    empty: 'За это время проверок нет.',
    chartFailed: 'График построить не удалось; цифры — выше.',
    chart: {
      title: (perHour, period) => `${perHour ? 'Итоги по часам' : 'Итоги по дням'} · ${period}`,
      count: 'проверок',
      approvalRate: 'Доля одобрений',
      caption: (period) => `Итоги KYC, ${period}`,
    },
    summary: {
      title: 'Ежедневная сводка',
      set: (at, timeZone, providers) => `Каждый день в ${at} (${timeZone}) сюда приходит статистика за предыдущий день, ${providers}.`,
      first: (when) => `Следующая придёт ${when}.`,
      allProviders: 'все провайдеры',
      none: 'Ежедневная сводка в этот чат не приходит.',
      howToSet: 'Включить: /kyc summary daily 09:00 (любое время, ЧЧ:ММ).',
      off: 'Ежедневная сводка в этом чате выключена.',
      wasOff: 'Ежедневной сводки в этом чате не было; ничего не изменилось.',
      refused: 'Ежедневную сводку здесь настраивают только администраторы.',
    },
  },
};

/** "последние 7 дней", "последние 3 дня", "последний 21 день": the adjective and the noun agree with the number. */
function russianDays(count: number): string {
  const tens = count % 100;
  const last = count % 10;
  if (tens >= 11 && tens <= 14) return `последние ${count} дней`;
  if (last === 1) return `последний ${count} день`;
  return last >= 2 && last <= 4 ? `последние ${count} дня` : `последние ${count} дней`;
}
