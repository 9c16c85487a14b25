/**
 * Numbers, amounts, percentages and dates for a locale, in one place so every
 * reply formats them alike. Output uses plain spaces: Intl's no-break and
 * narrow no-break spaces look the same on screen but break copy-paste and
 * text search in chat clients.
 */
import type { Locale } from '../domain/chat.js';

/** The Intl locale each reply language formats with. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };

export const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

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
  /** How long ago (or how soon) an instant is, seen from `now`: "3 hr ago" / "3 ч назад", "in 2 days" / "через 2 дн.". */
  age(value: string | Date | number, now: Date): string;
  /** An instant with its age: "23 Jan 2024, 15:00 (3 hr ago)". Every time a reply shows goes through here. */
  when(value: string | Date | number, now: Date): string;
  /** A count with its noun in the right plural form: (5, {one: 'session', other: 'sessions'}) -> "5 sessions". */
  count(value: number, forms: PluralForms): string;
}

/**
 * A noun's forms by CLDR plural category (Intl.PluralRules): English needs
 * one and other, Russian one (1, 21), few (2-4, 22-24), many (5-20, 25) and
 * other (fractions).
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Picks the form of `forms` Intl.PluralRules gives `value` in `locale`. */
export function pluralForm(locale: Locale, value: number, forms: PluralForms): string {
  return forms[pluralCategory(locale)(value)] ?? forms.other;
}

const categories = new Map<Locale, (value: number) => Intl.LDMLPluralRule>();
function pluralCategory(locale: Locale): (value: number) => Intl.LDMLPluralRule {
  let found = categories.get(locale);
  if (!found) {
    const rules = new Intl.PluralRules(INTL_LOCALE[locale]);
    found = remembered((value: number) => rules.select(value));
    categories.set(locale, found);
  }
  return found;
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
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'always', style: 'short' });
  // "now" / "сейчас": a zero in numeric 'always' would read "in 0 sec".
  const justNow = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }).format(0, 'second');
  // Intl's format costs microseconds a call, and a list shows two times a row and a count per status: each
  // text is made once. The read-ahead of a page (commands/prefetch.ts) formats its rows, so the click that
  // shows them formats nothing.
  const ageText = remembered((amount: `${number} ${Intl.RelativeTimeFormatUnit}`) => {
    const [value, unit] = amount.split(' ') as [string, Intl.RelativeTimeFormatUnit];
    return plainSpaces(relative.format(Number(value), unit));
  });
  // The format shows minutes, not seconds: every instant of one minute reads the same.
  const minuteText = remembered((minute: number) => plainSpaces(instants.format(minute * MINUTE)));
  const ageOf = (date: Date, now: Date): string => {
    const ms = date.getTime() - now.getTime();
    return isJustNow(ms) ? plainSpaces(justNow) : ageText(relativeAmount(ms));
  };
  const dateTimeOf = (date: Date): string => minuteText(Math.floor(date.getTime() / MINUTE));
  // Each reads its value once (parsing ISO text is most of what is left of a list row's cost).
  const age = (value: string | Date | number, now: Date): string => {
    const date = toDate(value);
    return date ? ageOf(date, now) : String(value);
  };
  const dateTime = (value: string | Date | number): string => {
    const date = toDate(value);
    return date ? dateTimeOf(date) : String(value);
  };
  const when = (value: string | Date | number, now: Date): string => {
    const date = toDate(value);
    return date ? `${dateTimeOf(date)} (${ageOf(date, now)})` : String(value);
  };

  const number = remembered((value: number) => plainSpaces(numbers.format(value)));
  return {
    locale,
    timeZone,
    number,
    rubles: (value) => {
      const digits = plainSpaces(rubleDigits.format(value));
      return `${locale === 'en' ? digits.replace(',', '.') : digits} ₽`;
    },
    percent: (score) => plainSpaces(percents.format(score)),
    dateTime,
    age,
    when,
    count: (value, forms) => `${number(value)} ${pluralForm(locale, value, forms)}`,
    day: (value) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
      if (!match) return value;
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return Number.isNaN(date.getTime()) ? value : plainSpaces(days.format(date));
    },
  };
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The largest unit that reads naturally: seconds under a minute, minutes
 * under an hour, hours under two days (so "30 hr ago" still tells the
 * shift), days under two months, then months, then years.
 */
const UNIT_STEPS: ReadonlyArray<{ below: number; unit: number; name: Intl.RelativeTimeFormatUnit }> = [
  { below: MINUTE, unit: SECOND, name: 'second' },
  { below: HOUR, unit: MINUTE, name: 'minute' },
  { below: 2 * DAY, unit: HOUR, name: 'hour' },
  { below: 60 * DAY, unit: DAY, name: 'day' },
  { below: 730 * DAY, unit: 30 * DAY, name: 'month' },
  { below: Infinity, unit: 365 * DAY, name: 'year' },
];

/** Under a second either way an instant reads "now" (a zero in numeric 'always' would read "in 0 sec"). */
const isJustNow = (ms: number): boolean => Math.abs(ms) < SECOND;

const unitStep = (size: number) => UNIT_STEPS.find((each) => size < each.below)!;

/** An age in its unit (UNIT_STEPS), whole units only; past is negative. */
function relativeAmount(ms: number): `${number} ${Intl.RelativeTimeFormatUnit}` {
  const size = Math.abs(ms);
  const step = unitStep(size);
  return `${(ms < 0 ? -1 : 1) * Math.floor(size / step.unit)} ${step.name}`;
}

/**
 * The instant (ms, exclusive) until which the age of `date` seen from any
 * moment from `now` on reads as it does from `now`: "3 hr ago" until the
 * fourth hour is full, "in 2 days" until less than two are left. A reply
 * rendered ahead of its click is shown only before then
 * (commands/object-memo.ts), so no age it shows is stale.
 */
export function ageSameUntil(date: number, now: number): number {
  const ms = date - now;
  // "now" reads the same for a second either side of the instant.
  if (isJustNow(ms)) return date + SECOND;
  const size = Math.abs(ms);
  const step = unitStep(size);
  const whole = Math.floor(size / step.unit);
  // In the past the age grows: the next whole unit, or the next larger unit. Ahead it shrinks below `whole` units.
  return ms < 0 ? date + Math.min((whole + 1) * step.unit, step.below) : date - whole * step.unit + 1;
}

/**
 * A formatter that notes, of every age it writes, the moments over which that
 * age reads the same: each from the `now` it was written at until its
 * ageSameUntil. `readsSame` is when all of them do (always, without ages).
 */
export function trackingAges(format: Formatter): { format: Formatter; readsSame(): { from: number; until: number } } {
  let from = -Infinity;
  let until = Infinity;
  // The value read once, here: the formatter is handed the Date.
  const noted = (value: string | Date | number, now: Date): string | Date | number => {
    const date = toDate(value);
    if (!date) return value;
    from = Math.max(from, now.getTime());
    until = Math.min(until, ageSameUntil(date.getTime(), now.getTime()));
    return date;
  };
  return {
    format: {
      ...format,
      age: (value, now) => format.age(noted(value, now), now),
      when: (value, now) => format.when(noted(value, now), now),
    },
    readsSame: () => ({ from, until }),
  };
}

/** Texts kept at most per formatter and kind; past that the memory starts over. */
const REMEMBERED_TEXTS = 2_000;

/** `make`, remembering its answers: for pure functions of a small key. */
function remembered<K, V>(make: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= REMEMBERED_TEXTS) answers.clear();
      answer = make(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

function toDate(value: string | Date | number): Date | null {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
