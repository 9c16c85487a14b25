/**
 * Stats reads and daily summaries as both databases return them (the columns
 * are the same; store/rows.ts says how the drivers differ), and the SQL both
 * share.
 */
import type { Locale, Platform } from '../domain/chat.js';
import type { Outcome, ProviderName } from '../domain/outcome.js';
import { json, toQueued, type Json, type QueuedRow, type Time } from './rows.js';
import type { SummaryEntry, SummaryOrder, SummarySchedule, VerdictGroup, VerdictRow } from './stats-types.js';

const ms = (value: Time | null): number | null => (value === null ? null : typeof value === 'number' ? value : value.getTime());

/**
 * When a verification counts in a stats window (VerdictRow.at), spelled as
 * migration 6 indexes it (verifications_by_verdict_time): a query must use
 * this exact expression for the index to serve it.
 */
export const VERDICT_AT = 'COALESCE(decided_at, started_at, first_seen_at)';

/** What verdictCounts keeps of `native`: only a Stripe cancellation tells the figures something (stats/figures.ts). */
export const COUNTED_NATIVE = "CASE WHEN provider = 'stripe' AND native = 'canceled' THEN 'canceled' ELSE '' END";

/** The verifications whose start-to-verdict time the figures use: approvals and declines with both times, in order. */
export const TIMED_VERDICT = "outcome IN ('APPROVED', 'DECLINED') AND started_at IS NOT NULL AND decided_at >= started_at";

/** The columns a stats read selects. */
export const VERDICT_COLUMNS = `provider, outcome, native, reason, started_at, decided_at, ${VERDICT_AT} AS at`;

/** A summary's outbox key: provider and outcome name the kind, object_id the day (store/stats-types.ts). */
export const SUMMARY_KEY = 'summary';

export interface VerdictDbRow {
  provider: ProviderName;
  outcome: Outcome;
  native: string;
  reason: string | null;
  started_at: Time | null;
  decided_at: Time | null;
  at: Time;
}

export function toVerdictRow(row: VerdictDbRow): VerdictRow {
  return {
    provider: row.provider,
    outcome: row.outcome,
    native: row.native,
    reason: row.reason,
    startedAt: ms(row.started_at),
    decidedAt: ms(row.decided_at),
    at: ms(row.at)!,
  };
}

export interface VerdictGroupDbRow {
  /** The bucket's start; 0 for the window before (which no bucket of the window starts at: `split` is after 1970). */
  at: number | string;
  provider: ProviderName;
  outcome: Outcome;
  native: string;
  reason: string | null;
  count: number | string;
  /** Whole seconds, comma-separated (SQLite group_concat, PostgreSQL string_agg); null when none is timed. */
  seconds: string | null;
}

/** "12,340,7" (seconds) as [12000, 340000, 7000]. */
function secondsToMs(list: string): number[] {
  const parts = list.split(',');
  const ms = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i += 1) ms[i] = Number(parts[i]) * 1000;
  return ms;
}

/** PostgreSQL returns bigint (count(*), epoch ms) as text; SQLite returns numbers. */
export function toVerdictGroup(row: VerdictGroupDbRow): VerdictGroup {
  const at = Number(row.at);
  return {
    current: at !== 0,
    provider: row.provider,
    outcome: row.outcome,
    native: row.native,
    reason: row.reason,
    at,
    count: Number(row.count),
    times: row.seconds ? secondsToMs(row.seconds) : [],
  };
}

export interface SummaryRow {
  platform: Platform;
  chat_id: string;
  at: string;
  time_zone: string;
  locale: Locale;
  providers: Json<ProviderName[]>;
  created_by: string | null;
  created_at: Time;
}

export function toSummarySchedule(row: SummaryRow): SummarySchedule {
  return {
    chat: { platform: row.platform, chatId: row.chat_id },
    at: row.at,
    timeZone: row.time_zone,
    locale: row.locale,
    providers: json(row.providers),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

export interface SummaryOutboxRow extends QueuedRow {
  summary: Json<SummaryOrder>;
}

export function toSummaryEntry(row: SummaryOutboxRow): SummaryEntry {
  return { ...toQueued(row), order: json(row.summary) };
}
