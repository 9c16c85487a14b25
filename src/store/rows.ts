/**
 * Rows as both databases return them, to the store's own types. The columns
 * and the mapping are the same for SQLite and PostgreSQL; only how a driver
 * returns some values differs, and each mapping takes either form: a time as
 * epoch milliseconds (SQLite) or a Date (pg), a bigserial id as a string (pg),
 * a list or an event as JSON text (SQLite) or as the value itself (pg).
 */
import type { Platform } from '../domain/chat.js';
import type { AlertOutcome, ProviderName } from '../domain/outcome.js';
import type { ResultKind } from '../domain/reply.js';
import type { AlertEvent, AuditEntry, OutboxEntry, Subscription } from './types.js';

type Time = Date | number;
type Json<T> = T | string;

const json = <T>(value: Json<T>): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

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
  };
}

export interface OutboxRow {
  id: number | string;
  platform: Platform;
  chat_id: string;
  event: Json<AlertEvent>;
  created_at: Time;
  attempts: number;
  last_error: string | null;
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: Number(row.id),
    chat: { platform: row.platform, chatId: row.chat_id },
    event: json(row.event),
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
