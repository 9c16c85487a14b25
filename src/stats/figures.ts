/**
 * The figures of a stats answer, from the index's rows of a window and the
 * window before it (store/stats-types.ts, VerdictRow):
 * - counts per outcome: APPROVED, DECLINED, EXPIRED by when the verdict came;
 *   PENDING: started in the window and still without a verdict;
 * - the approval rate: approved ÷ (approved + declined). An expired session
 *   got no verdict (the customer never finished), so it is counted apart and
 *   left out of the rate;
 * - the time from start to verdict of approvals and declines whose both
 *   times are known, as the median and the 90th percentile, nearest rank
 *   (the value at rank ⌈p/100 × n⌉ of the sorted times: always a time that
 *   really happened, and simple to check by hand);
 * - the most frequent decline reasons (Stripe last_error codes, Bank 131
 *   error codes; a Stripe session canceled without an error counts as
 *   `canceled`); declines without a code (Love&Pay gives none) are counted apart;
 * - per chart bar: the outcomes and the approval rate.
 */
import type { Outcome, ProviderName } from '../domain/outcome.js';
import type { VerdictRow } from '../store/stats-types.js';
import type { StatsWindow } from './window.js';

/** The outcomes the chart stacks, bottom up. */
export const CHART_OUTCOMES = ['APPROVED', 'DECLINED', 'EXPIRED'] as const;
export type ChartOutcome = (typeof CHART_OUTCOMES)[number];
export type CountedOutcome = ChartOutcome | 'PENDING';
export const COUNTED_OUTCOMES: readonly CountedOutcome[] = [...CHART_OUTCOMES, 'PENDING'];

/** Reasons listed at most; the rest add up in no line of their own. */
export const TOP_REASONS = 5;

/** A Stripe session canceled without a last_error: the merchant or the user ended it (DESIGN.md vocabulary: DECLINED). */
export const CANCELED_REASON = 'canceled';

export interface PeriodFigures {
  counts: Record<CountedOutcome, number>;
  /** approved ÷ (approved + declined), 0..1; null without either. */
  approvalRate: number | null;
  /** Start to verdict in milliseconds, nearest rank; null when no verdict has both times. */
  medianMs: number | null;
  p90Ms: number | null;
  /** Verdicts the times come from. */
  timed: number;
}

export interface ReasonCount {
  provider: ProviderName;
  reason: string;
  count: number;
}

export interface Bar {
  start: Date;
  counts: Record<ChartOutcome, number>;
  approvalRate: number | null;
}

export interface StatsFigures {
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Most frequent first (ties: provider, then code), at most TOP_REASONS. */
  reasons: ReasonCount[];
  /** Declines of the window without a reason code. */
  unexplained: number;
  bars: Bar[];
}

interface Tally {
  counts: Record<CountedOutcome, number>;
  durations: number[];
}

const emptyCounts = (): Record<CountedOutcome, number> => ({ APPROVED: 0, DECLINED: 0, EXPIRED: 0, PENDING: 0 });
const isCounted = (outcome: Outcome): outcome is CountedOutcome => outcome !== 'UNKNOWN';

export function computeFigures(rows: readonly VerdictRow[], window: StatsWindow): StatsFigures {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const previousFrom = window.previousFrom.getTime();
  const current: Tally = { counts: emptyCounts(), durations: [] };
  const previous: Tally = { counts: emptyCounts(), durations: [] };
  const reasons = new Map<string, ReasonCount>();
  let unexplained = 0;
  const starts = window.bars.map((bar) => bar.getTime());
  const bars: Bar[] = window.bars.map((start) => ({ start, counts: { APPROVED: 0, DECLINED: 0, EXPIRED: 0 }, approvalRate: null }));

  for (const row of rows) {
    if (!isCounted(row.outcome) || row.at < previousFrom || row.at >= to) continue;
    const inWindow = row.at >= from;
    const tally = inWindow ? current : previous;
    tally.counts[row.outcome] += 1;
    if (row.outcome === 'PENDING') continue;
    if (row.outcome !== 'EXPIRED' && row.startedAt !== null && row.decidedAt !== null && row.decidedAt >= row.startedAt) {
      tally.durations.push(row.decidedAt - row.startedAt);
    }
    if (!inWindow) continue;
    const bar = bars[barIndex(starts, row.at)];
    if (bar) bar.counts[row.outcome] += 1;
    if (row.outcome !== 'DECLINED') continue;
    const reason = row.reason ?? (row.provider === 'stripe' && row.native === CANCELED_REASON ? CANCELED_REASON : null);
    if (reason === null) {
      unexplained += 1;
      continue;
    }
    const key = `${row.provider}\u0000${reason}`;
    const found = reasons.get(key);
    if (found) found.count += 1;
    else reasons.set(key, { provider: row.provider, reason, count: 1 });
  }

  for (const bar of bars) bar.approvalRate = rate(bar.counts.APPROVED, bar.counts.DECLINED);
  return {
    current: periodFigures(current),
    previous: periodFigures(previous),
    reasons: [...reasons.values()].sort(byCount).slice(0, TOP_REASONS),
    unexplained,
    bars,
  };
}

function periodFigures(tally: Tally): PeriodFigures {
  const sorted = Float64Array.from(tally.durations).sort();
  return {
    counts: tally.counts,
    approvalRate: rate(tally.counts.APPROVED, tally.counts.DECLINED),
    medianMs: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    timed: sorted.length,
  };
}

const rate = (approved: number, declined: number): number | null => (approved + declined > 0 ? approved / (approved + declined) : null);

/** The value at rank ⌈p/100 × n⌉ (1-based) of ascending values; null when there are none. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** The bar an instant falls in: the last whose start is not after it (bars are in time order). */
function barIndex(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return starts[low] !== undefined && starts[low]! <= at ? low : -1;
}

function byCount(a: ReasonCount, b: ReasonCount): number {
  return b.count - a.count || a.provider.localeCompare(b.provider) || a.reason.localeCompare(b.reason);
}
