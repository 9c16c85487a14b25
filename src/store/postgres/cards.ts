/**
 * Alert cards, review items and the card updates a change queues
 * (store/card-types.ts). Writes inside a commit are a fixed handful of
 * statements whatever its size (arrays through unnest), as in observations.ts.
 */
import type pg from 'pg';
import { chatKey, type ChatRef, type Platform } from '../../domain/chat.js';
import { scheduleFor, type Schedule } from '../alert-queue.js';
import type { CardStore, ObjectKey, ReviewChange } from '../card-types.js';
import { reviewUpdateValues, toAlertCard, toReviewItem, type CardRow, type ReviewRow } from '../card-rows.js';
import { applyReviewAction, reviewChangeKey } from '../review-rules.js';
import type { AlertEvent } from '../types.js';
import { readRecipientSource } from './subscriptions.js';
import { inTransaction } from './transaction.js';

type Queryable = pg.Pool | pg.PoolClient;

/** One string per object, for maps. */
export const objectKey = (object: ObjectKey): string => `${object.provider}\u0000${object.objectId}`;
const columns = (objects: ObjectKey[]) => [objects.map((o) => o.provider), objects.map((o) => o.objectId)];
const IN_OBJECTS = '(provider, object_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))';

/** Chats already told of each object (a card, or an alert or digest row not given up on), by objectKey. */
export async function toldChats(db: Queryable, objects: ObjectKey[]): Promise<Map<string, ChatRef[]>> {
  const told = new Map<string, ChatRef[]>();
  if (objects.length === 0) return told;
  const { rows } = await db.query<{ provider: string; object_id: string; platform: Platform; chat_id: string }>(
    `SELECT provider, object_id, platform, chat_id FROM outbox WHERE ${IN_OBJECTS} AND status <> 'failed'
     UNION SELECT provider, object_id, platform, chat_id FROM alert_cards WHERE ${IN_OBJECTS}`,
    columns(objects),
  );
  for (const row of rows) {
    const key = objectKey({ provider: row.provider as ObjectKey['provider'], objectId: row.object_id });
    told.set(key, [...(told.get(key) ?? []), { platform: row.platform, chatId: row.chat_id }]);
  }
  return told;
}

export const toldOf = (told: Map<string, ChatRef[]>, object: ObjectKey): ChatRef[] => told.get(objectKey(object)) ?? [];

/** DECLINED opens the object's review item; APPROVED closes an unresolved one and becomes its latest event. */
export async function recordOutcomes(client: pg.PoolClient, events: AlertEvent[], now: Date): Promise<void> {
  const declined = events.filter((event) => event.outcome === 'DECLINED');
  const approved = events.filter((event) => event.outcome === 'APPROVED');
  if (declined.length > 0) {
    await client.query(
      `INSERT INTO review_items (provider, object_id, status, event, opened_at, version, updated_at)
       SELECT p, o, 'open', e::jsonb, $4, 1, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, o, e)
       ON CONFLICT DO NOTHING`,
      [...columns(declined), declined.map((event) => JSON.stringify(event)), now],
    );
  }
  if (approved.length > 0) {
    // SET expressions read the row as it was: a person's resolution stays, anything unresolved closes as 'approved'.
    await client.query(
      `UPDATE review_items r SET event = t.e::jsonb, updated_at = $4, version = r.version + 1,
         reason = CASE WHEN r.status = 'resolved' THEN r.reason ELSE 'approved' END,
         resolved_at = CASE WHEN r.status = 'resolved' THEN r.resolved_at ELSE $4 END,
         status = 'resolved'
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, o, e)
       WHERE r.provider = t.p AND r.object_id = t.o`,
      [...columns(approved), approved.map((event) => JSON.stringify(event)), now],
    );
  }
}

export interface CardRowToQueue {
  chat: ChatRef;
  /** The outbox's unique key part: the outcome, or reviewChangeKey(version). */
  key: string;
  event: AlertEvent;
  schedule: Schedule;
  change?: ReviewChange;
}

/** Queues outbox rows in the given order (their ids are delivery order); returns how many were new. */
export async function queueRows(client: pg.PoolClient, rows: CardRowToQueue[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at, review_change, held)
     SELECT pl, ch, p, o, c, e::jsonb, 'pending', $10, d, r::jsonb, h
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::boolean[])
       WITH ORDINALITY AS t(pl, ch, p, o, c, e, d, r, h, i)
     ORDER BY i
     ON CONFLICT DO NOTHING`,
    [
      rows.map((row) => row.chat.platform),
      rows.map((row) => row.chat.chatId),
      rows.map((row) => row.event.provider),
      rows.map((row) => row.event.objectId),
      rows.map((row) => row.key),
      rows.map((row) => JSON.stringify(row.event)),
      rows.map((row) => row.schedule.dueAt),
      rows.map((row) => (row.change ? JSON.stringify(row.change) : null)),
      rows.map((row) => row.schedule.held),
      now,
    ],
  );
  return rowCount ?? 0;
}

export function postgresCards(pool: pg.Pool): CardStore {
  return {
    async getCards(chat, objects) {
      if (objects.length === 0) return [];
      const { rows } = await pool.query<CardRow>(`SELECT * FROM alert_cards WHERE ${IN_OBJECTS} AND platform = $3 AND chat_id = $4`, [
        ...columns(objects),
        chat.platform,
        chat.chatId,
      ]);
      return rows.map(toAlertCard);
    },
    async listCards(objects) {
      if (objects.length === 0) return [];
      const { rows } = await pool.query<CardRow>(`SELECT * FROM alert_cards WHERE ${IN_OBJECTS} ORDER BY posted_at`, columns(objects));
      return rows.map(toAlertCard);
    },
    async saveCard(card) {
      await pool.query(
        `INSERT INTO alert_cards (platform, chat_id, provider, object_id, message_chat_id, message_id, permalink, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (platform, chat_id, provider, object_id) DO UPDATE SET
           message_chat_id = excluded.message_chat_id, message_id = excluded.message_id,
           permalink = excluded.permalink, posted_at = excluded.posted_at`,
        [card.chat.platform, card.chat.chatId, card.provider, card.objectId, card.message.chatId, card.message.messageId, card.permalink, card.postedAt],
      );
    },
    async getReviewItems(objects) {
      if (objects.length === 0) return [];
      const { rows } = await pool.query<ReviewRow>(`SELECT * FROM review_items WHERE ${IN_OBJECTS}`, columns(objects));
      return rows.map(toReviewItem);
    },
    async listReviewItems(statuses) {
      const { rows } = await pool.query<ReviewRow>(
        'SELECT * FROM review_items WHERE status = ANY($1::text[]) ORDER BY opened_at, provider, object_id',
        [statuses],
      );
      return rows.map(toReviewItem);
    },
    applyReview(input) {
      return inTransaction(pool, async (client) => {
        // The row lock makes replicas' actions on one item take turns, each seeing the other's result.
        const { rows } = await client.query<ReviewRow>('SELECT * FROM review_items WHERE provider = $1 AND object_id = $2 FOR UPDATE', [
          input.provider,
          input.objectId,
        ]);
        if (!rows[0]) return { ok: false, problem: 'not_found' };
        const item = toReviewItem(rows[0]);
        const step = applyReviewAction(item, input);
        if (!step.ok) return { ok: false, problem: step.problem, item };
        await client.query(
          `UPDATE review_items SET status = $1, reviewer = $2, taken_at = $3, resolved_by = $4, resolved_at = $5, reason = $6, note = $7,
             version = $8, updated_at = $9
           WHERE provider = $10 AND object_id = $11`,
          [...reviewUpdateValues(step.item), input.now, input.provider, input.objectId],
        );
        const source = await readRecipientSource(client);
        const chats = toldOf(await toldChats(client, [input]), input).filter((chat) => !source.disabled.has(chatKey(chat)));
        const queued = await queueRows(
          client,
          chats.map((chat) => ({
            chat,
            key: reviewChangeKey(step.item.version),
            event: step.item.event,
            schedule: scheduleFor(source, chat, step.item.event, input.now),
            change: step.change,
          })),
          input.now,
        );
        return { ok: true, item: step.item, queued };
      });
    },
  };
}
