/**
 * The figures as a card (DESIGN.md, "Stats and the daily summary"): counts
 * per outcome, the approval rate, the median and 90th percentile time from
 * start to verdict, each beside its change against the window of the same
 * length just before, the top decline reasons in words, and what the card
 * covers: the window, the providers, and where the history begins when it
 * begins later. No personal data: nothing here names a person or an id.
 */
import type { Locale } from '../domain/chat.js';
import { PROVIDER_TITLES, type ProviderName } from '../domain/outcome.js';
import { own } from '../domain/own.js';
import type { Field, ListItem, Note, Reply } from '../domain/reply.js';
import { INTL_LOCALE, plainSpaces, type Formatter } from '../present/format.js';
import type { CommandStrings } from '../present/i18n/commands.js';
import type { StatsStrings } from '../present/i18n/stats.js';
import { CANCELED_REASON, COUNTED_OUTCOMES, type PeriodFigures, type ReasonCount, type StatsFigures } from './figures.js';
import type { StatsWindow } from './window.js';

export interface CardInput {
  title: string;
  figures: StatsFigures;
  window: StatsWindow;
  /** Empty = all. */
  providers: ProviderName[];
  /** The earliest verification the index has for these providers; null when none. */
  historyStart: Date | null;
}

export interface CardStrings {
  t: StatsStrings;
  /** For the decline reasons: the commands' own sentences for provider codes. */
  commands: CommandStrings;
  format: Formatter;
}

const MINUS = '\u2212';

export function statsCard(input: CardInput, { t, commands, format }: CardStrings): Reply {
  const { figures, window } = input;
  const now = figures.current;
  // Against a window the history does not cover, a change would only say the bot was not there yet.
  const compare = input.historyStart !== null && input.historyStart.getTime() <= window.previousFrom.getTime();
  const before = compare ? figures.previous : null;

  const fields: Field[] = [{ label: t.providers, value: providerNames(input.providers, t) }];
  for (const outcome of COUNTED_OUTCOMES) {
    const value = now.counts[outcome];
    // Only Love&Pay sessions expire; an empty line says nothing.
    if (outcome === 'EXPIRED' && value === 0 && (before?.counts.EXPIRED ?? 0) === 0) continue;
    const shown = format.number(value);
    fields.push({
      label: t.outcomes[outcome],
      value: before && outcome !== 'PENDING' ? t.changed(shown, signed(value - before.counts[outcome], format)) : shown,
    });
  }
  fields.push({ label: t.approvalRate, value: rateText(now, before, t, format) });
  fields.push({ label: t.medianTime, value: timeText(now.medianMs, before?.medianMs, t, format) });
  fields.push({ label: t.p90Time, value: timeText(now.p90Ms, before?.p90Ms, t, format) });
  // The last field heads the list of reasons under it.
  if (now.counts.DECLINED > 0) fields.push({ label: t.reasonsTitle, value: figures.reasons.length > 0 ? t.reasonsBelow : t.noReasons });

  const items: ListItem[] = figures.reasons.map((reason) => ({
    title: reasonWords(reason, t, commands),
    text: t.reasonCount(format.number(reason.count), PROVIDER_TITLES[reason.provider]),
  }));
  const notes: Note[] = [];
  const total = COUNTED_OUTCOMES.reduce((sum, outcome) => sum + now.counts[outcome], 0);
  if (total === 0) notes.push({ tone: 'info', text: t.empty });
  if (figures.unexplained > 0) notes.push({ tone: 'info', text: t.unexplained(format.number(figures.unexplained)) });
  if (input.historyStart === null) notes.push({ tone: 'info', text: t.noHistory });
  else if (input.historyStart > window.from) notes.push({ tone: 'info', text: t.historyBegins(format.dateTime(input.historyStart)) });

  return {
    kind: 'ok',
    title: input.title,
    fields,
    ...(items.length > 0 ? { items } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    footer: [
      t.window(format.dateTime(window.from), format.dateTime(window.to), format.timeZone),
      ...(compare ? [t.compared(format.dateTime(window.previousFrom))] : []),
      t.rateNote,
    ],
    audience: 'chat',
  };
}

function providerNames(providers: ProviderName[], t: StatsStrings): string {
  return providers.length === 0 ? t.allProviders : providers.map((provider) => PROVIDER_TITLES[provider]).join(', ');
}

/** "+12", "−4", "±0". */
function signed(delta: number, format: Formatter): string {
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : MINUS}${format.number(Math.abs(delta))}`;
}

function rateText(now: PeriodFigures, before: PeriodFigures | null, t: StatsStrings, format: Formatter): string {
  if (now.approvalRate === null) return '—';
  const shown = format.percent(now.approvalRate);
  if (!before || before.approvalRate === null) return shown;
  const points = Math.round((now.approvalRate - before.approvalRate) * 100);
  return t.changed(shown, t.points(signed(points, format)));
}

function timeText(ms: number | null, before: number | null | undefined, t: StatsStrings, format: Formatter): string {
  if (ms === null) return t.timesUnknown;
  const shown = duration(ms, format);
  return before === null || before === undefined ? shown : t.changed(shown, t.was(duration(before, format)));
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The unit that reads naturally: seconds under a minute, minutes under two hours, hours under two days, then days. */
export function duration(ms: number, format: Pick<Formatter, 'locale'>): string {
  const [value, unit, digits] =
    ms < MINUTE ? [ms / SECOND, 'second', 0] : ms < 2 * HOUR ? [ms / MINUTE, 'minute', 0] : ms < 2 * DAY ? [ms / HOUR, 'hour', 1] : [ms / DAY, 'day', 1];
  return plainSpaces(unitFormat(format.locale, unit, digits).format(value));
}

/** Intl formatters are costly to build: one per language, unit and precision. */
const unitFormats = new Map<string, Intl.NumberFormat>();
function unitFormat(locale: Locale, unit: string, digits: number): Intl.NumberFormat {
  const key = `${locale} ${unit} ${digits}`;
  let made = unitFormats.get(key);
  if (!made) {
    made = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits });
    unitFormats.set(key, made);
  }
  return made;
}

function reasonWords(reason: ReasonCount, t: StatsStrings, commands: CommandStrings): string {
  if (reason.provider === 'stripe') {
    if (reason.reason === CANCELED_REASON) return t.canceled;
    return own(commands.stripe.errors, reason.reason) ?? commands.stripe.unknownError(reason.reason);
  }
  if (reason.provider === 'bank131') return own(commands.check.codes, reason.reason) ?? commands.check.unknownCode(reason.reason);
  return reason.reason;
}
