/**
 * Numbers, amounts, percentages and dates for a locale, in one place so every
 * reply formats them alike. Output uses plain spaces: Intl's no-break and
 * narrow no-break spaces look the same on screen but break copy-paste and
 * text search in chat clients.
 */
import type { Locale } from '../domain/chat.js';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

export interface Formatter {
  locale: Locale;
  timeZone: string;
  /** 1234 -> "1,234" (en) / "1 234" (ru). */
  number(value: number): string;
  /** Rubles as the ops team reads them in both languages: "15 000 ₽", "1 500,50 ₽". */
  rubles(value: number): string;
  /** A 0..1 score -> "98%" (en) / "98 %" (ru). */
  percent(score: number): string;
  /** An instant (ISO string, Date, or Unix seconds) in the display time zone: "23 Jan 2024, 15:00". */
  dateTime(value: string | Date | number): string;
  /** A calendar date with no time of day ("2024-01-23"), shown as is, never shifted by a time zone. */
  day(value: string): string;
}

/** Intl formatters are costly to build (a profile showed 12% of a command's CPU); one per locale and zone is enough. */
const cache = new Map<string, Formatter>();

export function createFormatter(locale: Locale, timeZone: string): Formatter {
  const key = `${locale} ${timeZone}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = buildFormatter(locale, timeZone);
    cache.set(key, formatter);
  }
  return formatter;
}

function buildFormatter(locale: Locale, timeZone: string): Formatter {
  const tag = INTL_LOCALE[locale];
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  // Rubles always group with spaces and end with the sign (GOST-style "15 000 ₽"); only the decimal mark follows the locale.
  const rubleDigits = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const percents = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const instants = new Intl.DateTimeFormat(tag, {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const days = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

  return {
    locale,
    timeZone,
    number: (value) => plainSpaces(numbers.format(value)),
    rubles: (value) => {
      const digits = plainSpaces(rubleDigits.format(value));
      return `${locale === 'en' ? digits.replace(',', '.') : digits} ₽`;
    },
    percent: (score) => plainSpaces(percents.format(score)),
    dateTime: (value) => {
      const date = toDate(value);
      return date ? plainSpaces(instants.format(date)) : String(value);
    },
    day: (value) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
      if (!match) return value;
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return Number.isNaN(date.getTime()) ? value : plainSpaces(days.format(date));
    },
  };
}

function toDate(value: string | Date | number): Date | null {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
