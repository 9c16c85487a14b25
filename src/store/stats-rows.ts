/**
 * Stats reads and daily summaries as both databases return them (the columns
 * are the same; store/rows.ts says how the drivers differ), and the SQL both
 * share.
 */
import type { Locale, Platform } from '../domain/chat.js';
import type { Outcome, ProviderName } from '../domain/outcome.js';
import type { SummaryEntry, SummaryOrder, SummarySchedule, VerdictRow } from './stats-types.js';

type Time = Date | number;
type Json<T> = T | string;

const json = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const ms = (value: Time | null): number | null => (value === null ? null : typeof value === 'number' ? value : value.getTime());

/**
 * When a verification counts in a stats window (VerdictRow.at), spelled as
 * migration 6 indexes it (verifications_by_verdict_time): a query must use
 * this exact expression for the index to serve it.
 */
export const VERDICT_AT = 'COALESCE(decided_at, started_at, first_seen_at)';

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

export interface SummaryOutboxRow {
  id: number | string;
  platform: Platform;
  chat_id: string;
  summary: Json<SummaryOrder>;
  created_at: Time;
  attempts: number;
  last_error: string | null;
}

export function toSummaryEntry(row: SummaryOutboxRow): SummaryEntry {
  return {
    id: Number(row.id),
    chat: { platform: row.platform, chatId: row.chat_id },
    order: json(row.summary),
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
