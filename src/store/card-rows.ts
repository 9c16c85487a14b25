/**
 * Alert cards and review items as both databases return them (the columns
 * are the same; store/rows.ts says how the drivers differ), and the item's
 * values as both write them.
 */
import type { Platform } from '../domain/chat.js';
import type { ProviderName } from '../domain/outcome.js';
import type { Actor, AlertCard, ReviewItem, ReviewStatus } from './card-types.js';
import { json, type Json, type Time } from './rows.js';
import type { AlertEvent } from './types.js';

const time = (value: Time | null): Date | null => (value === null ? null : new Date(value));

export interface CardRow {
  platform: Platform;
  chat_id: string;
  provider: ProviderName;
  object_id: string;
  message_chat_id: string;
  message_id: string;
  permalink: string | null;
  posted_at: Time;
}

export function toAlertCard(row: CardRow): AlertCard {
  return {
    chat: { platform: row.platform, chatId: row.chat_id },
    provider: row.provider,
    objectId: row.object_id,
    message: { chatId: row.message_chat_id, messageId: row.message_id },
    permalink: row.permalink,
    postedAt: new Date(row.posted_at),
  };
}

export interface ReviewRow {
  provider: ProviderName;
  object_id: string;
  status: ReviewStatus;
  event: Json<AlertEvent>;
  opened_at: Time;
  reviewer: Json<Actor> | null;
  taken_at: Time | null;
  resolved_by: Json<Actor> | null;
  resolved_at: Time | null;
  reason: ReviewItem['reason'];
  note: string | null;
  version: number;
}

export function toReviewItem(row: ReviewRow): ReviewItem {
  return {
    provider: row.provider,
    objectId: row.object_id,
    status: row.status,
    event: json(row.event),
    openedAt: new Date(row.opened_at),
    reviewer: row.reviewer === null ? null : json(row.reviewer),
    takenAt: time(row.taken_at),
    resolvedBy: row.resolved_by === null ? null : json(row.resolved_by),
    resolvedAt: time(row.resolved_at),
    reason: row.reason,
    note: row.note,
    version: row.version,
  };
}

/** The columns an action writes, in this order: status, reviewer, taken_at, resolved_by, resolved_at, reason, note, version. */
export function reviewUpdateValues(item: ReviewItem): [ReviewStatus, string | null, Date | null, string | null, Date | null, string | null, string | null, number] {
  return [
    item.status,
    item.reviewer && JSON.stringify(item.reviewer),
    item.takenAt,
    item.resolvedBy && JSON.stringify(item.resolvedBy),
    item.resolvedAt,
    item.reason,
    item.note,
    item.version,
  ];
}

/** Keys of (provider, object) pairs for lookups by JSON array. */
export const objectKeysJson = (objects: Array<{ provider: string; objectId: string }>): string =>
  JSON.stringify(objects.map((object) => [object.provider, object.objectId]));
