/**
 * A stats answer, whole: the index's verifications of the window and the one
 * before it as the store counts them, the figures, the card and the chart as
 * a PNG to go with it. The same for `/kyc stats` (commands/stats.ts) and the
 * daily summary (alerts/deliver-outbox.ts). Posted for the whole chat: it
 * holds no personal data, whoever asks.
 */
import type { Locale } from '../domain/chat.js';
import { addDays, isoDay, localDate, readIsoDay } from '../domain/local-time.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Reply } from '../domain/reply.js';
import { silentLogger, type Logger } from '../log.js';
import { createFormatter, type Formatter } from '../present/format.js';
import { COMMAND_STRINGS } from '../present/i18n/commands.js';
import { pick } from '../present/i18n/pick.js';
import { STATS_STRINGS, type StatsStrings } from '../present/i18n/stats.js';
import type { StatsStore, SummaryOrder } from '../store/stats-types.js';
import { chartSpec, drawChart } from './chart/chart-spec.js';
import { figuresFromCounts } from './figures.js';
import { statsCard } from './stats-card.js';
import { statsWindow, summaryWindow, type StatsPeriod, type StatsWindow } from './window.js';

export type StatsSource = Pick<StatsStore, 'verdictCounts' | 'historyStart'>;

export interface StatsView {
  locale: Locale;
  timeZone: string;
  now: Date;
  logger?: Logger;
}

/** `/kyc stats [period] [providers]`. */
export function periodStats(source: StatsSource, ask: { period: StatsPeriod; providers: ProviderName[] }, view: StatsView): Promise<Reply> {
  const t = pick(STATS_STRINGS, view.locale);
  const format = createFormatter(view.locale, view.timeZone);
  const window = statsWindow(ask.period, view.now, view.timeZone);
  const period = periodWords(window, t, format);
  return statsAnswer(source, { window, providers: ask.providers, title: t.title(period), period }, view);
}

/** The daily summary posted on `order.day`: the whole day before it. */
export function summaryStats(source: StatsSource, order: SummaryOrder, view: Omit<StatsView, 'locale' | 'timeZone'>): Promise<Reply> {
  const t = pick(STATS_STRINGS, order.locale);
  const format = createFormatter(order.locale, order.timeZone);
  const window = summaryWindow(order.day, order.timeZone);
  const period = periodWords(window, t, format);
  const reported = format.day(isoDay(addDays(readIsoDay(order.day)!, -1)));
  return statsAnswer(
    source,
    { window, providers: order.providers, title: t.summaryTitle(reported), period },
    { ...view, locale: order.locale, timeZone: order.timeZone },
  );
}

interface Ask {
  window: StatsWindow;
  providers: ProviderName[];
  title: string;
  /** The window in words, for the chart's heading and caption. */
  period: string;
}

/** The stats answer being made, if any: one at a time in this process (answer-cache.ts). */
let current: Promise<unknown> = Promise.resolve();

function statsAnswer(source: StatsSource, ask: Ask, view: StatsView): Promise<Reply> {
  const run = current.then(() => makeAnswer(source, ask, view));
  current = run.catch(() => undefined);
  return run;
}

async function makeAnswer(source: StatsSource, ask: Ask, view: StatsView): Promise<Reply> {
  const { window, providers } = ask;
  const t = pick(STATS_STRINGS, view.locale);
  const format = createFormatter(view.locale, view.timeZone);
  // Counted in the database: a busy month is a few thousand groups, not every verification (bench area `stats`).
  const [counts, historyStart] = await Promise.all([
    source.verdictCounts({ from: window.previousFrom, split: window.from, to: window.to, providers, bucketMs: barBucketMs(window) }),
    source.historyStart(providers),
  ]);
  const figures = figuresFromCounts(counts, window);
  const card = statsCard({ title: ask.title, figures, window, providers, historyStart }, { t, commands: pick(COMMAND_STRINGS, view.locale), format });
  if (!figures.bars.some((bar) => bar.counts.APPROVED + bar.counts.DECLINED + bar.counts.EXPIRED > 0)) return card;
  // The read was synchronous on SQLite: let waiting events run before the chart is drawn.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const png = await drawChart(chartSpec(figures, window, t, { locale: view.locale, timeZone: view.timeZone, period: ask.period }));
    const day = isoDay(localDate(new Date(window.to.getTime() - 1), view.timeZone));
    return {
      ...card,
      attachment: { filename: `kyc-stats-${window.period}-${day}.png`, contentType: 'image/png', data: png, title: t.chart.caption(ask.period), audience: 'chat' },
    };
  } catch (error) {
    // The figures stand on their own; the log says why the picture is missing.
    (view.logger ?? silentLogger).error({ err: error }, 'the stats chart could not be drawn');
    return { ...card, notes: [...(card.notes ?? []), { tone: 'warning', text: t.chartFailed }] };
  }
}

/** The window in words: "the last 7 days", "today", "yesterday, 2 Mar 2025". */
function periodWords(window: StatsWindow, t: StatsStrings, format: Formatter): string {
  if (window.period === 'today') return t.periods.today;
  if (window.unit === 'hour') return t.periods.yesterday(format.day(isoDay(localDate(window.from, format.timeZone))));
  return t.periods.days(window.bars.length);
}

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * What the store groups the window's times by: an hour when every bar starts
 * on a whole hour (zones a whole number of hours from UTC), else a quarter of
 * an hour, which every zone's midnight falls on (India's +05:30, Nepal's +05:45).
 */
function barBucketMs(window: StatsWindow): number {
  return window.bars.every((bar) => bar.getTime() % HOUR_MS === 0) ? HOUR_MS : QUARTER_HOUR_MS;
}
