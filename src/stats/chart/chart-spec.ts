/**
 * What the stats chart shows (DESIGN.md, "Stats and the daily summary"): the
 * window's outcomes stacked per bar (a day, or an hour for a one-day
 * window), one colour per outcome, and the approval rate as a line on a
 * 0-100% axis. Built from the figures; render-png.ts draws it.
 */
import type { Locale } from '../../domain/chat.js';
import { INTL_LOCALE, plainSpaces } from '../../present/format.js';
import type { StatsStrings } from '../../present/i18n/stats.js';
import { CHART_OUTCOMES, type ChartOutcome, type StatsFigures } from '../figures.js';
import type { StatsWindow } from '../window.js';

export interface ChartSpec {
  title: string;
  /** One per bar. */
  labels: string[];
  /** Stacked bottom up. */
  stacks: Array<{ name: string; color: string; values: number[] }>;
  /** Percent (0-100) per bar; null where the bar has no verdict. */
  rate: { name: string; color: string; values: Array<number | null> };
  countAxis: string;
}

/** Green, red and grey, told apart by people with red-green colour blindness by lightness too. */
export const OUTCOME_COLOURS: Record<ChartOutcome, string> = { APPROVED: '#2e7d32', DECLINED: '#e53935', EXPIRED: '#9e9e9e' };
export const RATE_COLOUR = '#1565c0';

export function chartSpec(figures: StatsFigures, window: StatsWindow, t: StatsStrings, view: { locale: Locale; timeZone: string; period: string }): ChartSpec {
  const perHour = window.unit === 'hour';
  const label = new Intl.DateTimeFormat(
    INTL_LOCALE[view.locale],
    perHour ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: view.timeZone } : { day: 'numeric', month: 'short', timeZone: view.timeZone },
  );
  return {
    title: t.chart.title(perHour, view.period),
    labels: figures.bars.map((bar) => plainSpaces(label.format(bar.start))),
    stacks: CHART_OUTCOMES.map((outcome) => ({
      name: t.outcomes[outcome],
      color: OUTCOME_COLOURS[outcome],
      values: figures.bars.map((bar) => bar.counts[outcome]),
    })),
    rate: {
      name: t.chart.approvalRate,
      color: RATE_COLOUR,
      values: figures.bars.map((bar) => (bar.approvalRate === null ? null : Math.round(bar.approvalRate * 1000) / 10)),
    },
    countAxis: t.chart.count,
  };
}

/** The chart as PNG bytes. The renderer (and ECharts with it) loads on the first call, not at start-up. */
export async function drawChart(spec: ChartSpec): Promise<Uint8Array> {
  const { renderPng } = await import('./render-png.js');
  return renderPng(spec);
}
