/**
 * Rows as both databases return them, to the store's own types. The columns
 * and the mapping are the same for SQLite and PostgreSQL; only how a driver
 * returns some values differs, and each mapping takes either form: a time as
 * epoch milliseconds (SQLite) or a Date (pg), a bigserial id as a string (pg),
 * a list or an event as JSON text (SQLite) or as the value itself (pg).
 */
import type { Platform } from '../domain/chat.js';
import type { AlertOutcome, Outcome, ProviderName } from '../domain/outcome.js';
import type { ResultKind } from '../domain/reply.js';
import type { QuietHours } from '../domain/quiet-hours.js';
import type { ReviewChange } from './card-types.js';
import type { AlertEvent, AuditEntry, IndexedVerification, OutboxEntry, QueuedAlert, Subscription } from './types.js';

export type Time = Date | number;
export type Json<T> = T | string;

export const json = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** A chat API's error text is all an outbox row keeps of a failure; kept short so it cannot grow the row without bound. */
export const MAX_ERROR_LENGTH = 1000;

export interface AuditRow {
  at: Time;
  platform: Platform;
  workspace_id: string | null;
  chat_id: string;
  user_id: string;
  command: string;
  result: ResultKind;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    at: new Date(row.at),
    platform: row.platform,
    workspaceId: row.workspace_id,
    chatId: row.chat_id,
    userId: row.user_id,
    command: row.command,
    result: row.result,
  };
}

/** Every subscription with its chat's disabled reason, if any; add WHERE and ORDER BY. */
export const SELECT_SUBSCRIPTIONS = `SELECT s.*, d.reason AS disabled_reason FROM subscriptions s
  LEFT JOIN disabled_chats d ON d.platform = s.platform AND d.chat_id = s.chat_id`;

export interface SubscriptionRow {
  id: number | string;
  platform: Platform;
  chat_id: string;
  outcomes: Json<AlertOutcome[]>;
  providers: Json<ProviderName[]>;
  source: Subscription['source'];
  created_by: string | null;
  created_at: Time;
  disabled_reason: string | null;
  quiet: Json<QuietHours> | null;
}

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: Number(row.id),
    chat: { platform: row.platform, chatId: row.chat_id },
    outcomes: json(row.outcomes),
    providers: json(row.providers),
    source: row.source,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    disabledReason: row.disabled_reason,
    quiet: row.quiet === null || row.quiet === undefined ? null : json(row.quiet),
  };
}

/** What every row waiting in the outbox has, an alert's or a daily summary's. */
export interface QueuedRow {
  id: number | string;
  platform: Platform;
  chat_id: string;
  created_at: Time;
  attempts: number;
  last_error: string | null;
}

export function toQueued(row: QueuedRow) {
  return {
    id: Number(row.id),
    chat: { platform: row.platform, chatId: row.chat_id },
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

export interface OutboxRow extends QueuedRow {
  event: Json<AlertEvent>;
  review_change: Json<ReviewChange> | null;
  held: boolean | number;
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    ...toQueued(row),
    event: json(row.event),
    ...(row.review_change ? { change: json(row.review_change) } : {}),
    ...(row.held ? { held: true } : {}),
  };
}

export interface QueuedAlertRow {
  event: Json<AlertEvent>;
  queued_at: Time;
}

export function toQueuedAlert(row: QueuedAlertRow): QueuedAlert {
  return { event: json(row.event), queuedAt: new Date(row.queued_at) };
}

export interface VerificationRow {
  provider: ProviderName;
  object_id: string;
  customer_ref: string | null;
  outcome: Outcome;
  native: string;
  reason: string | null;
  started_at: Time | null;
  decided_at: Time | null;
  first_seen_at: Time;
  updated_at: Time;
}

const timeOrNull = (value: Time | null): Date | null => (value === null ? null : new Date(value));

export function toIndexedVerification(row: VerificationRow): IndexedVerification {
  return {
    provider: row.provider,
    objectId: row.object_id,
    customerRef: row.customer_ref,
    outcome: row.outcome,
    native: row.native,
    reason: row.reason,
    startedAt: timeOrNull(row.started_at),
    decidedAt: timeOrNull(row.decided_at),
    firstSeenAt: new Date(row.first_seen_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * The upsert both stores run (parameters differ only in their placeholders):
 * outcome, status and reason follow the latest record; a customer reference
 * or start time once known stays; the decision time stays while the outcome
 * does, and goes with it when it changes; first_seen_at is written once.
 */
export const UPSERT_VERIFICATION_SET = `
  customer_ref = COALESCE(excluded.customer_ref, verifications.customer_ref),
  outcome = excluded.outcome,
  native = excluded.native,
  reason = excluded.reason,
  started_at = COALESCE(excluded.started_at, verifications.started_at),
  decided_at = CASE WHEN excluded.outcome = verifications.outcome
    THEN COALESCE(verifications.decided_at, excluded.decided_at) ELSE excluded.decided_at END,
  updated_at = excluded.updated_at`;

/** Rows compared when nothing changed, so a sweep that sees the same state again writes nothing. */
export const VERIFICATION_CHANGED = `
  verifications.outcome IS DISTINCT FROM excluded.outcome
  OR verifications.native IS DISTINCT FROM excluded.native
  OR verifications.reason IS DISTINCT FROM excluded.reason
  OR (excluded.customer_ref IS NOT NULL AND verifications.customer_ref IS DISTINCT FROM excluded.customer_ref)
  OR (excluded.started_at IS NOT NULL AND verifications.started_at IS NULL)
  OR (excluded.decided_at IS NOT NULL AND verifications.decided_at IS NULL)`;

/** Newest first: by decision, else start, else first sight. */
export const VERIFICATIONS_NEWEST_FIRST = 'COALESCE(decided_at, started_at, first_seen_at) DESC, object_id DESC';
