/**
 * What stats and the daily summary need from the store (DESIGN.md, "Stats
 * and the daily summary"): the index of verifications read by window, each
 * chat's daily summary schedule, and each day's summary as an outbox row.
 *
 * A summary is queued into the same outbox as alerts, under the same unique
 * key (chat, provider 'summary', object its day, outcome 'summary'), so a
 * chat gets one summary a day whichever replica queues it and however often,
 * and it is delivered like an alert: claimed under a lease, one worker per
 * chat, retried with backoff, and looked up after a crash where the platform
 * can tell (alerts/in-doubt.ts).
 */
import type { ChatRef, Locale } from '../domain/chat.js';
import type { Outcome, ProviderName } from '../domain/outcome.js';

/** One verification as stats read it. Times are epoch milliseconds. */
export interface VerdictRow {
  provider: ProviderName;
  outcome: Outcome;
  native: string;
  /** Why it was declined, as the provider codes it (Stripe last_error.code, a Bank 131 error code); null otherwise. */
  reason: string | null;
  startedAt: number | null;
  decidedAt: number | null;
  /**
   * When it counts in a window: its verdict's time, else its start (Love&Pay
   * gives no time for a decline; a baseline or backfill found it already
   * decided), else when the bot first saw it (Bank 131 answers carry no dates).
   */
  at: number;
}

/**
 * A stats read counted in the database (StatsStore.verdictCounts): the rows
 * a window holds, grouped by what the figures tell apart, so a busy month is
 * a few thousand groups rather than every verification, read in one pass.
 */
export interface VerdictCounts {
  groups: VerdictGroup[];
}

/** Verifications of one period, time bucket, provider, outcome and reason. */
export interface VerdictGroup {
  /** In the window itself (VerdictRow.at at or after `split`), else in the window before it. */
  current: boolean;
  provider: ProviderName;
  outcome: Outcome;
  /** 'canceled' for a Stripe session canceled (figures.ts counts it as a reason of its own); '' otherwise. */
  native: string;
  reason: string | null;
  /** The start of the bucket the verifications count in (epoch ms); 0 for the window before, which has no bars. */
  at: number;
  count: number;
  /**
   * Start-to-verdict times (ms) of the group's approvals and declines with both
   * times known, cut to whole seconds: a card shows none finer.
   */
  times: number[];
}

/** `/kyc summary daily HH:MM` in one chat. */
export interface SummarySchedule {
  chat: ChatRef;
  /** "HH:MM", local to `timeZone`. */
  at: string;
  /** IANA zone the time is in (TZ_DISPLAY when it was set). */
  timeZone: string;
  /** The language of whoever set it: the summary is written in it. */
  locale: Locale;
  /** Empty = all. */
  providers: ProviderName[];
  createdBy: string | null;
  createdAt: Date;
}

/** What one day's summary covers: the day before `day` (a calendar day in `timeZone`). */
export interface SummaryOrder {
  /** The calendar day it is posted on, `2025-03-02`; it reports on the day before. */
  day: string;
  timeZone: string;
  locale: Locale;
  providers: ProviderName[];
}

/** A claimed summary row of the outbox; marked sent, retried or failed by id like an alert's. */
export interface SummaryEntry {
  id: number;
  chat: ChatRef;
  order: SummaryOrder;
  createdAt: Date;
  /** Times claimed, this claim included. */
  attempts: number;
  lastError: string | null;
}

export interface StatsStore {
  /**
   * Every verification of these providers (empty = all) that counts in
   * [from, to) (VerdictRow.at), in no particular order. Pending ones count
   * by their start.
   */
  verdictHistory(input: { from: Date; to: Date; providers: ProviderName[] }): Promise<VerdictRow[]>;
  /**
   * The same verifications as verdictHistory over [from, to), counted
   * (VerdictCounts): what `/kyc stats` and the daily summary read. `split`
   * is where the window the figures are for begins; before it lies the one
   * they are compared with.
   */
  verdictCounts(input: {
    from: Date;
    split: Date;
    to: Date;
    providers: ProviderName[];
    /** The bucket (ms) the window's times are grouped by: every chart bar starts on a multiple of it (stats/window.ts). */
    bucketMs: number;
  }): Promise<VerdictCounts>;
  /** The earliest time any verification of these providers (empty = all) counts at; null when the index has none. */
  historyStart(providers: ProviderName[]): Promise<Date | null>;

  /**
   * Sets the chat's daily summary (replacing one it had) and re-enables the
   * chat when a permanent delivery error had disabled it (someone just asked
   * for posts there). Set again at the same time in the same zone, it keeps
   * its `createdAt`, so today's summary stays due.
   */
  setSummary(schedule: SummarySchedule): Promise<void>;
  /** True when the chat had one. Its summaries queued and not yet being sent are dropped with it. */
  removeSummary(chat: ChatRef): Promise<boolean>;
  getSummary(chat: ChatRef): Promise<SummarySchedule | null>;
  /** Every schedule, oldest first. */
  listSummaries(): Promise<SummarySchedule[]>;
  /**
   * Queues the chat's summary for `order.day`, due now; false when that day's
   * is already queued (or sent) for the chat, or the chat is disabled.
   */
  queueSummary(input: { chat: ChatRef; order: SummaryOrder; now: Date }): Promise<boolean>;
  /** True when the chat's summary of `day` is in the outbox (queued, being sent or sent); a read, no write lock. */
  summaryQueued(chat: ChatRef, day: string): Promise<boolean>;
  /** Claims due summary rows under the outbox's rules (claimOutbox: leases, one worker per chat). */
  claimSummaries(input: { worker: string; limit: number; leaseMs: number; now: Date }): Promise<SummaryEntry[]>;
}
