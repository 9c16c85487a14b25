/**
 * The stats' history backfill (backfill-history.ts) as a background task of
 * its own, beside the sweeps and never inside one: a sweep only kicks it
 * (kick() returns at once), so a slow or failing provider's history never
 * delays an alert. Each run has a budget (pages and time, on the injected
 * clock) and stops between two pages when it is spent, with a warning; the
 * next run goes on where it stopped. Leadership is asked before every page,
 * so a replica that lost it stops within a page. A provider whose pass
 * failed waits before it is tried again, longer after each failure (1 min
 * doubling to 1 h by default); the others go on meanwhile. Once every pass
 * has finished a run costs nothing.
 */
import type { ProviderName } from '../domain/outcome.js';
import { BackfillStopped, backfillCursor, backfillHistory, type BackfillDeps, type BackfillResult } from './backfill-history.js';
import { OneAtATime } from './one-at-a-time.js';

export interface BackfillBudget {
  /** Provider requests per run (default 20). */
  pages: number;
  /** Milliseconds per run, on the task's clock (default 20 s). */
  ms: number;
}

export interface BackfillTaskOptions extends Pick<BackfillDeps, 'store' | 'loveandpay' | 'stripe' | 'bank131' | 'now' | 'logger' | 'days' | 'maxPages' | 'maxChecks'> {
  /** Asked before every page: a replica that does not lead stops. */
  isLeader: () => Promise<boolean>;
  budget?: Partial<BackfillBudget>;
  /** After a provider's failure: first wait, doubling to `maxMs` (default 60 s to 1 h). */
  backoff?: { baseMs: number; maxMs: number };
  /** Aborted when the app stops. */
  signal: () => AbortSignal;
}

export interface BackfillRun extends BackfillResult {
  /** False when this replica did not lead at the start: nothing was read. */
  leader: boolean;
  /** Providers left out of this run, waiting after a failure. */
  waiting: ProviderName[];
}

const DEFAULT_BUDGET: BackfillBudget = { pages: 20, ms: 20_000 };
const DEFAULT_BACKOFF = { baseMs: 60_000, maxMs: 3_600_000 };
const NOTHING: BackfillRun = { leader: true, recorded: {}, failed: [], waiting: [] };

export class BackfillTask {
  private finished = false;
  private readonly failures = new Map<ProviderName, { count: number; retryAt: number }>();
  private readonly runs: OneAtATime<BackfillRun>;

  constructor(private readonly options: BackfillTaskOptions) {
    this.runs = new OneAtATime(() => this.runOnce());
  }

  /** Starts a run in the background unless one is running or all is done; never waits for it. */
  kick(): void {
    if (this.finished) return;
    this.runs.runIfIdle()?.catch((error: unknown) => {
      // Stopping aborts a run between two pages: not a failure.
      if (!this.options.signal().aborted) this.options.logger.warn({ err: error }, 'stats history backfill failed; it is tried again later');
    });
  }

  /** One run (after the one in progress, if any). */
  run(): Promise<BackfillRun> {
    return this.runs.run();
  }

  idle(): Promise<void> {
    return this.runs.idle();
  }

  private async runOnce(): Promise<BackfillRun> {
    if (this.finished) return NOTHING;
    const { now, logger } = this.options;
    if (!(await this.options.isLeader())) return { ...NOTHING, leader: false };
    const budget = { ...DEFAULT_BUDGET, ...this.options.budget };
    const waiting = [...this.failures].filter(([, failure]) => failure.retryAt > now().getTime()).map(([provider]) => provider);
    const startedAt = now().getTime();
    let pages = 0;
    const result = await backfillHistory({
      ...this.options,
      signal: this.options.signal(),
      skip: new Set(waiting),
      beforePage: async () => {
        if (pages >= budget.pages) throw new BackfillStopped('pages');
        if (now().getTime() - startedAt >= budget.ms) throw new BackfillStopped('time');
        if (!(await this.options.isLeader())) throw new BackfillStopped('leadership');
        pages += 1;
      },
    });
    for (const provider of Object.keys(result.recorded) as ProviderName[]) this.failures.delete(provider);
    for (const provider of result.failed) {
      const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
      const count = (this.failures.get(provider)?.count ?? 0) + 1;
      const waitMs = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (count - 1));
      this.failures.set(provider, { count, retryAt: now().getTime() + waitMs });
      logger.warn({ provider, failures: count, retryInMs: waitMs }, 'stats history backfill of this provider waits before trying again');
    }
    if (Object.keys(result.recorded).length > 0) logger.info({ recorded: result.recorded }, 'stats history backfilled');
    if (result.stopped === 'leadership') logger.info('stats history backfill stopped: this replica no longer leads');
    else if (result.stopped) {
      logger.warn({ cap: result.stopped, pages, budget }, 'stats history backfill stopped at its budget for one run; the next run goes on');
    }
    if (!result.stopped && result.failed.length === 0 && waiting.length === 0) this.finished = await this.allDone();
    return { ...result, leader: true, waiting };
  }

  /** True once every configured provider's pass has finished (its cursor is set). */
  private async allDone(): Promise<boolean> {
    const providers = (['loveandpay', 'stripe', 'bank131'] as const).filter((provider) => this.options[provider]);
    for (const provider of providers) if ((await this.options.store.getCursor(backfillCursor(provider))) === null) return false;
    return true;
  }
}
