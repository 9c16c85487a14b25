/** Subscriptions, static chat sync and disabled chats. */
import type Database from 'better-sqlite3';
import { chatKey, type ChatRef, type Platform } from '../../domain/chat.js';
import type { RecipientSource } from '../alert-queue.js';
import { SELECT_SUBSCRIPTIONS, toSubscription, type SubscriptionRow } from '../rows.js';
import { covers, normalizeFilter, subtract, type Filter } from '../subscription-filters.js';
import type { QuietHours } from '../../domain/quiet-hours.js';
import type { Store, Subscription } from '../types.js';

type SubscriptionMethods = Pick<
  Store,
  'subscribe' | 'unsubscribe' | 'listSubscriptions' | 'syncStaticSubscriptions' | 'disableChat'
>;

/** Reads everything commitObservations needs to pick the chats for an event (once per commit). */
export function recipientSourceReader(db: Database.Database): () => RecipientSource {
  const enabled = db.prepare<[], SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} WHERE d.reason IS NULL`);
  const disabled = db.prepare<[], { platform: Platform; chat_id: string }>('SELECT platform, chat_id FROM disabled_chats');
  return () => ({
    subscriptions: enabled.all().map(toSubscription),
    disabled: new Set(disabled.all().map((row) => chatKey({ platform: row.platform, chatId: row.chat_id }))),
  });
}

export function sqliteSubscriptions(db: Database.Database): SubscriptionMethods {
  const byChat = db.prepare<[string, string], SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} WHERE s.platform = ? AND s.chat_id = ? ORDER BY s.id`);
  const all = db.prepare<[], SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} ORDER BY s.id`);
  const byId = db.prepare<[number], SubscriptionRow>(`${SELECT_SUBSCRIPTIONS} WHERE s.id = ?`);
  const insert = db.prepare(
    `INSERT INTO subscriptions (platform, chat_id, outcomes, providers, source, created_by, created_at, quiet)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setQuiet = db.prepare('UPDATE subscriptions SET quiet = ? WHERE id = ?');
  const setFilter = db.prepare('UPDATE subscriptions SET outcomes = ?, providers = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM subscriptions WHERE id = ?');
  const enable = db.prepare('DELETE FROM disabled_chats WHERE platform = ? AND chat_id = ?');
  const disable = db.prepare(
    `INSERT INTO disabled_chats (platform, chat_id, reason, disabled_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, chat_id) DO UPDATE SET reason = excluded.reason, disabled_at = excluded.disabled_at`,
  );
  const failUnsent = db.prepare(
    `UPDATE outbox SET status = 'failed', last_error = ?, finished_at = ?, claimed_by = NULL, lease_until = NULL
     WHERE platform = ? AND chat_id = ? AND status IN ('pending', 'claimed')`,
  );
  const staticChats = db.prepare<[], { platform: Platform; chat_id: string }>('SELECT platform, chat_id FROM static_chats');
  const addStatic = db.prepare('INSERT INTO static_chats (platform, chat_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const dropStatic = db.prepare('DELETE FROM static_chats WHERE platform = ? AND chat_id = ?');
  const dropStaticSubscriptions = db.prepare(
    "DELETE FROM subscriptions WHERE source = 'static' AND platform = ? AND chat_id = ?",
  );

  const insertRow = (chat: ChatRef, filter: Filter, source: Subscription['source'], createdBy: string | null, at: number, quiet: QuietHours | null = null) =>
    Number(
      insert.run(
        chat.platform,
        chat.chatId,
        JSON.stringify(filter.outcomes),
        JSON.stringify(filter.providers),
        source,
        createdBy,
        at,
        quiet && JSON.stringify(quiet),
      ).lastInsertRowid,
    );

  const subscribe = db.transaction((input: Parameters<Store['subscribe']>[0]): Subscription => {
    const filter = normalizeFilter(input);
    enable.run(input.chat.platform, input.chat.chatId);
    const same = byChat.all(input.chat.platform, input.chat.chatId).map(toSubscription).filter((s) => s.source === input.source);
    const covering = same.find((s) => covers(s, filter));
    if (covering) {
      if (input.quiet === undefined) return { ...covering, disabledReason: null };
      setQuiet.run(input.quiet && JSON.stringify(input.quiet), covering.id);
      return { ...covering, quiet: input.quiet, disabledReason: null };
    }
    const id = insertRow(input.chat, filter, input.source, input.createdBy, input.now.getTime(), input.quiet ?? null);
    for (const s of same) if (covers(filter, s)) remove.run(s.id);
    return toSubscription(byId.get(id)!);
  });

  const unsubscribe = db.transaction((input: Parameters<Store['unsubscribe']>[0]): number => {
    const removal = normalizeFilter(input);
    let changed = 0;
    for (const s of byChat.all(input.chat.platform, input.chat.chatId).map(toSubscription)) {
      const rest = subtract(s, removal);
      if (!rest) continue;
      changed += 1;
      const [first, second] = rest;
      if (first) setFilter.run(JSON.stringify(first.outcomes), JSON.stringify(first.providers), s.id);
      else remove.run(s.id);
      if (second) insertRow(s.chat, second, s.source, s.createdBy, s.createdAt.getTime(), s.quiet);
    }
    return changed;
  });

  const syncStatic = db.transaction((chats: ChatRef[], now: number) => {
    const wanted = new Map(chats.map((chat) => [chatKey(chat), chat]));
    const before = new Map(
      staticChats.all().map((row) => {
        const chat = { platform: row.platform, chatId: row.chat_id };
        return [chatKey(chat), chat];
      }),
    );
    for (const [key, chat] of before) {
      if (wanted.has(key)) continue;
      dropStaticSubscriptions.run(chat.platform, chat.chatId);
      dropStatic.run(chat.platform, chat.chatId);
    }
    for (const [key, chat] of wanted) {
      enable.run(chat.platform, chat.chatId);
      if (before.has(key)) continue;
      addStatic.run(chat.platform, chat.chatId);
      const rows = byChat.all(chat.platform, chat.chatId).map(toSubscription);
      const everything = { outcomes: [], providers: [] };
      if (!rows.some((s) => s.source === 'static' && covers(s, everything))) insertRow(chat, everything, 'static', null, now);
    }
  });

  const disableChat = db.transaction((chat: ChatRef, reason: string, now: number) => {
    disable.run(chat.platform, chat.chatId, reason, now);
    failUnsent.run(reason, now, chat.platform, chat.chatId);
  });

  return {
    async subscribe(input) {
      return subscribe.immediate(input);
    },
    async unsubscribe(input) {
      return unsubscribe.immediate(input);
    },
    async listSubscriptions(chat) {
      return (chat ? byChat.all(chat.platform, chat.chatId) : all.all()).map(toSubscription);
    },
    async syncStaticSubscriptions(chats, now) {
      syncStatic.immediate(chats, now.getTime());
    },
    async disableChat(chat, reason, now) {
      disableChat.immediate(chat, reason, now.getTime());
    },
  };
}
