/** Subscriptions, static chat sync and disabled chats. */
import type pg from 'pg';
import { chatKey, type ChatRef, type Platform } from '../../domain/chat.js';
import type { RecipientSource } from '../alert-queue.js';
import { SELECT_SUBSCRIPTIONS, toSubscription, type SubscriptionRow } from '../rows.js';
import { covers, normalizeFilter, subtract, type Filter } from '../subscription-filters.js';
import type { QuietHours } from '../../domain/quiet-hours.js';
import type { Store, Subscription } from '../types.js';
import { inTransaction, LOCK } from './transaction.js';

type SubscriptionMethods = Pick<
  Store,
  'subscribe' | 'unsubscribe' | 'listSubscriptions' | 'syncStaticSubscriptions' | 'disableChat'
>;

type Queryable = pg.Pool | pg.PoolClient;

async function chatSubscriptions(db: Queryable, chat: ChatRef): Promise<Subscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `${SELECT_SUBSCRIPTIONS} WHERE s.platform = $1 AND s.chat_id = $2 ORDER BY s.id`,
    [chat.platform, chat.chatId],
  );
  return rows.map(toSubscription);
}

/** Everything commitObservations needs to pick the chats for an event, read once per commit. */
export async function readRecipientSource(db: Queryable): Promise<RecipientSource> {
  const enabled = await db.query<SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} WHERE d.reason IS NULL`);
  const disabled = await db.query<{ platform: Platform; chat_id: string }>('SELECT platform, chat_id FROM disabled_chats');
  return {
    subscriptions: enabled.rows.map(toSubscription),
    disabled: new Set(disabled.rows.map((row) => chatKey({ platform: row.platform, chatId: row.chat_id }))),
  };
}

async function insertRow(
  db: Queryable,
  chat: ChatRef,
  filter: Filter,
  source: Subscription['source'],
  createdBy: string | null,
  createdAt: Date,
  quiet: QuietHours | null = null,
): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO subscriptions (platform, chat_id, outcomes, providers, source, created_by, created_at, quiet)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [chat.platform, chat.chatId, filter.outcomes, filter.providers, source, createdBy, createdAt, quiet && JSON.stringify(quiet)],
  );
  return Number(rows[0]!.id);
}

/**
 * Serialises changes to one chat's subscriptions across replicas: two
 * `/kyc subscribe` at once would otherwise both see "not covered" and both insert.
 */
async function lockChat(client: pg.PoolClient, chat: ChatRef): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK.hashedNamespace, `subscriptions ${chatKey(chat)}`]);
}

export function postgresSubscriptions(pool: pg.Pool): SubscriptionMethods {
  return {
    subscribe(input) {
      return inTransaction(pool, async (client) => {
        await lockChat(client, input.chat);
        const filter = normalizeFilter(input);
        await client.query('DELETE FROM disabled_chats WHERE platform = $1 AND chat_id = $2', [input.chat.platform, input.chat.chatId]);
        const same = (await chatSubscriptions(client, input.chat)).filter((s) => s.source === input.source);
        const covering = same.find((s) => covers(s, filter));
        if (covering) {
          if (input.quiet === undefined) return { ...covering, disabledReason: null };
          await client.query('UPDATE subscriptions SET quiet = $1 WHERE id = $2', [input.quiet && JSON.stringify(input.quiet), covering.id]);
          return { ...covering, quiet: input.quiet, disabledReason: null };
        }
        const id = await insertRow(client, input.chat, filter, input.source, input.createdBy, input.now, input.quiet ?? null);
        const covered = same.filter((s) => covers(filter, s)).map((s) => s.id);
        if (covered.length > 0) await client.query('DELETE FROM subscriptions WHERE id = ANY($1::bigint[])', [covered]);
        const { rows } = await client.query<SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} WHERE s.id = $1`, [id]);
        return toSubscription(rows[0]!);
      });
    },

    unsubscribe(input) {
      return inTransaction(pool, async (client) => {
        await lockChat(client, input.chat);
        const removal = normalizeFilter(input);
        let changed = 0;
        for (const s of await chatSubscriptions(client, input.chat)) {
          const rest = subtract(s, removal);
          if (!rest) continue;
          changed += 1;
          const [first, second] = rest;
          if (first) {
            await client.query('UPDATE subscriptions SET outcomes = $1, providers = $2 WHERE id = $3', [first.outcomes, first.providers, s.id]);
          } else {
            await client.query('DELETE FROM subscriptions WHERE id = $1', [s.id]);
          }
          if (second) await insertRow(client, s.chat, second, s.source, s.createdBy, s.createdAt, s.quiet);
        }
        return changed;
      });
    },

    async listSubscriptions(chat) {
      if (chat) return chatSubscriptions(pool, chat);
      const { rows } = await pool.query<SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} ORDER BY s.id`);
      return rows.map(toSubscription);
    },

    async syncStaticSubscriptions(chats, now) {
      await inTransaction(pool, async (client) => {
        // Replicas start together and each syncs: one at a time, so a new chat gets one row.
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.namespace, LOCK.staticSync]);
        const wanted = new Map(chats.map((chat) => [chatKey(chat), chat]));
        const { rows } = await client.query<{ platform: Platform; chat_id: string }>('SELECT platform, chat_id FROM static_chats');
        const before = new Map(rows.map((row) => [chatKey({ platform: row.platform, chatId: row.chat_id }), row]));
        for (const [k, row] of before) {
          if (wanted.has(k)) continue;
          await client.query("DELETE FROM subscriptions WHERE source = 'static' AND platform = $1 AND chat_id = $2", [row.platform, row.chat_id]);
          await client.query('DELETE FROM static_chats WHERE platform = $1 AND chat_id = $2', [row.platform, row.chat_id]);
        }
        for (const [k, chat] of wanted) {
          await client.query('DELETE FROM disabled_chats WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
          if (before.has(k)) continue;
          await client.query('INSERT INTO static_chats (platform, chat_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [chat.platform, chat.chatId]);
          const everything: Filter = { outcomes: [], providers: [] };
          const existing = await chatSubscriptions(client, chat);
          if (!existing.some((s) => s.source === 'static' && covers(s, everything))) {
            await insertRow(client, chat, everything, 'static', null, now);
          }
        }
      });
    },

    async disableChat(chat, reason, now) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO disabled_chats (platform, chat_id, reason, disabled_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (platform, chat_id) DO UPDATE SET reason = excluded.reason, disabled_at = excluded.disabled_at`,
          [chat.platform, chat.chatId, reason, now],
        );
        await client.query(
          `UPDATE outbox SET status = 'failed', last_error = $1, finished_at = $2, claimed_by = NULL, lease_until = NULL
           WHERE platform = $3 AND chat_id = $4 AND status IN ('pending', 'claimed')`,
          [reason, now, chat.platform, chat.chatId],
        );
      });
    },
  };
}
