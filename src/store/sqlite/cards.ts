/** Alert cards, review items and the card updates a change queues (store/card-types.ts). */
import type Database from 'better-sqlite3';
import { chatKey, type ChatRef, type Platform } from '../../domain/chat.js';
import { scheduleFor, type RecipientSource, type Schedule } from '../alert-queue.js';
import type { CardStore, ReviewChange } from '../card-types.js';
import { objectKeysJson, reviewUpdateValues, toAlertCard, toReviewItem, type CardRow, type ReviewRow } from '../card-rows.js';
import { applyReviewAction, reviewChangeKey } from '../review-rules.js';
import type { AlertEvent } from '../types.js';
import { recipientSourceReader } from './subscriptions.js';

const IN_OBJECTS = `(provider, object_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;

/** What a commit needs to keep cards and review items in step with new outcomes. */
export interface CardQueue {
  /** Chats already told of the object: a card, or an alert or digest row not given up on. */
  toldChats(provider: string, objectId: string): ChatRef[];
  /** A DECLINED opens the object's review item; an APPROVED closes an unresolved one and becomes its latest event. */
  recordOutcome(event: AlertEvent, now: number): void;
  /** One outbox row; 1 when queued, 0 when the chat already has it. */
  queueRow(chat: ChatRef, key: string, event: AlertEvent, schedule: Schedule, now: number, change?: ReviewChange): number;
}

export function sqliteCardQueue(db: Database.Database): CardQueue {
  const told = db.prepare<[string, string, string, string], { platform: Platform; chat_id: string }>(
    `SELECT platform, chat_id FROM outbox WHERE provider = ? AND object_id = ? AND status <> 'failed'
     UNION SELECT platform, chat_id FROM alert_cards WHERE provider = ? AND object_id = ?`,
  );
  const open = db.prepare(
    `INSERT INTO review_items (provider, object_id, status, event, opened_at, version, updated_at)
     VALUES (?, ?, 'open', ?, ?, 1, ?) ON CONFLICT DO NOTHING`,
  );
  // SET expressions read the row as it was: a person's resolution stays, anything unresolved closes as 'approved'.
  const approve = db.prepare(
    `UPDATE review_items SET event = @event, updated_at = @now, version = version + 1,
       reason = CASE WHEN status = 'resolved' THEN reason ELSE 'approved' END,
       resolved_at = CASE WHEN status = 'resolved' THEN resolved_at ELSE @now END,
       status = 'resolved'
     WHERE provider = @provider AND object_id = @objectId`,
  );
  const queue = db.prepare(
    `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at, review_change, held)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  return {
    toldChats: (provider, objectId) =>
      told.all(provider, objectId, provider, objectId).map((row) => ({ platform: row.platform, chatId: row.chat_id })),
    recordOutcome(event, now) {
      const json = JSON.stringify(event);
      if (event.outcome === 'DECLINED') open.run(event.provider, event.objectId, json, now, now);
      else approve.run({ event: json, now, provider: event.provider, objectId: event.objectId });
    },
    queueRow: (chat, key, event, schedule, now, change) =>
      queue.run(
        chat.platform,
        chat.chatId,
        event.provider,
        event.objectId,
        key,
        JSON.stringify(event),
        now,
        schedule.dueAt.getTime(),
        change ? JSON.stringify(change) : null,
        schedule.held ? 1 : 0,
      ).changes,
  };
}

export function sqliteCards(db: Database.Database): CardStore {
  const cardsOfChat = db.prepare<[string, string, string], CardRow>(`SELECT * FROM alert_cards WHERE platform = ? AND chat_id = ? AND ${IN_OBJECTS}`);
  const cards = db.prepare<[string], CardRow>(`SELECT * FROM alert_cards WHERE ${IN_OBJECTS} ORDER BY posted_at`);
  const saveCard = db.prepare(
    `INSERT INTO alert_cards (platform, chat_id, provider, object_id, message_chat_id, message_id, permalink, posted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, chat_id, provider, object_id) DO UPDATE SET
       message_chat_id = excluded.message_chat_id, message_id = excluded.message_id,
       permalink = excluded.permalink, posted_at = excluded.posted_at`,
  );
  const items = db.prepare<[string], ReviewRow>(`SELECT * FROM review_items WHERE ${IN_OBJECTS}`);
  const itemsIn = db.prepare<[string], ReviewRow>(
    `SELECT * FROM review_items WHERE status IN (SELECT value FROM json_each(?)) ORDER BY opened_at, provider, object_id`,
  );
  const one = db.prepare<[string, string], ReviewRow>('SELECT * FROM review_items WHERE provider = ? AND object_id = ?');
  const update = db.prepare(
    `UPDATE review_items SET status = ?, reviewer = ?, taken_at = ?, resolved_by = ?, resolved_at = ?, reason = ?, note = ?,
       version = ?, updated_at = ?
     WHERE provider = ? AND object_id = ?`,
  );
  const cardQueue = sqliteCardQueue(db);
  const readRecipients = recipientSourceReader(db);

  const apply = db.transaction((input: Parameters<CardStore['applyReview']>[0]) => {
    const row = one.get(input.provider, input.objectId);
    if (!row) return { ok: false as const, problem: 'not_found' as const };
    const item = toReviewItem(row);
    const step = applyReviewAction(item, input);
    if (!step.ok) return { ok: false as const, problem: step.problem, item };
    const now = input.now.getTime();
    const values = reviewUpdateValues(step.item).map((value) => (value instanceof Date ? value.getTime() : value));
    update.run(...values, now, input.provider, input.objectId);
    let queued = 0;
    const source: RecipientSource = readRecipients();
    for (const chat of cardQueue.toldChats(input.provider, input.objectId)) {
      if (source.disabled.has(chatKey(chat))) continue;
      const schedule = scheduleFor(source, chat, step.item.event, input.now);
      queued += cardQueue.queueRow(chat, reviewChangeKey(step.item.version), step.item.event, schedule, now, step.change);
    }
    return { ok: true as const, item: step.item, queued };
  });

  return {
    async getCards(chat, objects) {
      if (objects.length === 0) return [];
      return cardsOfChat.all(chat.platform, chat.chatId, objectKeysJson(objects)).map(toAlertCard);
    },
    async listCards(objects) {
      if (objects.length === 0) return [];
      return cards.all(objectKeysJson(objects)).map(toAlertCard);
    },
    async saveCard(card) {
      saveCard.run(
        card.chat.platform,
        card.chat.chatId,
        card.provider,
        card.objectId,
        card.message.chatId,
        card.message.messageId,
        card.permalink,
        card.postedAt.getTime(),
      );
    },
    async getReviewItems(objects) {
      if (objects.length === 0) return [];
      return items.all(objectKeysJson(objects)).map(toReviewItem);
    },
    async listReviewItems(statuses) {
      return itemsIn.all(JSON.stringify(statuses)).map(toReviewItem);
    },
    async applyReview(input) {
      return apply.immediate(input) as Awaited<ReturnType<CardStore['applyReview']>>;
    },
  };
}
