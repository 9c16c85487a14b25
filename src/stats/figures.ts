/**
 * The figures of a stats answer, from the index's verifications of a window
 * and the window before it, as the store counts them (store/stats-types.ts,
 * VerdictCounts; single rows are counted the same way here):
 * - counts per outcome: APPROVED, DECLINED, EXPIRED by when the verdict came;
 *   PENDING: started in the window and still without a verdict;
 * - the approval rate: approved ÷ (approved + declined). An expired session
 *   got no verdict (the customer never finished), so it is counted apart and
 *   left out of the rate;
 * - the time from start to verdict of approvals and declines whose both
 *   times are known (to the second), as the median and the 90th percentile,
 *   nearest rank (the value at rank ⌈p/100 × n⌉ of the sorted times: always
 *   a time that really happened, and simple to check by hand);
 * - the most frequent decline reasons (Stripe last_error codes, Bank 131
 *   error codes; a Stripe session canceled without an error counts as
 *   `canceled`); declines without a code (Love&Pay gives none) are counted apart;
 * - per chart bar: the outcomes and the approval rate.
 */
import type { Outcome, ProviderName } from '../domain/outcome.js';
import type { VerdictCounts, VerdictGroup, VerdictRow } from '../store/stats-types.js';
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
  /** The groups' time lists, joined only once their total is known (a busy month has tens of thousands). */
  times: number[][];
}

const emptyCounts = (): Record<CountedOutcome, number> => ({ APPROVED: 0, DECLINED: 0, EXPIRED: 0, PENDING: 0 });
const isCounted = (outcome: Outcome): outcome is CountedOutcome => outcome !== 'UNKNOWN';

/** As the store cuts start-to-verdict times (store/stats-types.ts, VerdictGroup.times). */
const wholeSeconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** The figures from single rows (the index's verdictHistory), each counted as the store counts a group (verdictCounts). */
export function computeFigures(rows: readonly VerdictRow[], window: StatsWindow): StatsFigures {
  const groups: VerdictGroup[] = [];
  for (const row of rows) {
    if (row.at < window.previousFrom.getTime() || row.at >= window.to.getTime()) continue;
    const timed = (row.outcome === 'APPROVED' || row.outcome === 'DECLINED') && row.startedAt !== null && row.decidedAt !== null && row.decidedAt >= row.startedAt;
    groups.push({
      current: row.at >= window.from.getTime(),
      provider: row.provider,
      outcome: row.outcome,
      native: row.provider === 'stripe' && row.native === CANCELED_REASON ? CANCELED_REASON : '',
      reason: row.reason,
      at: row.at,
      count: 1,
      times: timed ? [wholeSeconds(row.decidedAt! - row.startedAt!)] : [],
    });
  }
  return figuresFromCounts({ groups }, window);
}

/** The figures from the store's counts of the window and the one before it (StatsStore.verdictCounts). */
export function figuresFromCounts(counted: VerdictCounts, window: StatsWindow): StatsFigures {
  const current: Tally = { counts: emptyCounts(), times: [] };
  const previous: Tally = { counts: emptyCounts(), times: [] };
  const reasons = new Map<string, ReasonCount>();
  let unexplained = 0;
  const starts = window.bars.map((bar) => bar.getTime());
  const bars: Bar[] = window.bars.map((start) => ({ start, counts: { APPROVED: 0, DECLINED: 0, EXPIRED: 0 }, approvalRate: null }));

  for (const group of counted.groups) {
    if (!isCounted(group.outcome)) continue;
    const tally = group.current ? current : previous;
    tally.counts[group.outcome] += group.count;
    if (group.times.length > 0) tally.times.push(group.times);
    if (group.outcome === 'PENDING' || !group.current) continue;
    const bar = bars[barIndex(starts, group.at)];
    if (bar) bar.counts[group.outcome] += group.count;
    if (group.outcome !== 'DECLINED') continue;
    const reason = group.reason ?? (group.provider === 'stripe' && group.native === CANCELED_REASON ? CANCELED_REASON : null);
    if (reason === null) {
      unexplained += group.count;
      continue;
    }
    const key = `${group.provider}\u0000${reason}`;
    const found = reasons.get(key);
    if (found) found.count += group.count;
    else reasons.set(key, { provider: group.provider, reason, count: group.count });
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
  const sorted = new Float64Array(tally.times.reduce((sum, times) => sum + times.length, 0));
  let filled = 0;
  for (const times of tally.times) {
    sorted.set(times, filled);
    filled += times.length;
  }
  sorted.sort();
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
