/** Stats reads of the index of verifications, and daily summaries (store/stats-types.ts). */
import type Database from 'better-sqlite3';
import type { ProviderName } from '../../domain/outcome.js';
import {
  SUMMARY_KEY,
  VERDICT_AT,
  VERDICT_COLUMNS,
  toSummarySchedule,
  toVerdictRow,
  type SummaryRow,
  type VerdictDbRow,
} from '../stats-rows.js';
import type { StatsStore } from '../types.js';

type StatsMethods = Omit<StatsStore, 'claimSummaries'>;

/** Empty = all: the provider filter then passes every row. */
const providerList = (providers: readonly ProviderName[]): string | null => (providers.length > 0 ? JSON.stringify(providers) : null);

export function sqliteStats(db: Database.Database): StatsMethods {
  const history = db.prepare<{ from: number; to: number; providers: string | null }, VerdictDbRow>(
    `SELECT ${VERDICT_COLUMNS} FROM verifications
     WHERE ${VERDICT_AT} >= @from AND ${VERDICT_AT} < @to
       AND (@providers IS NULL OR provider IN (SELECT value FROM json_each(@providers)))`,
  );
  // Walks the index in time order and stops at the first row of the providers asked.
  const start = db.prepare<{ providers: string | null }, { at: number }>(
    `SELECT ${VERDICT_AT} AS at FROM verifications
     WHERE @providers IS NULL OR provider IN (SELECT value FROM json_each(@providers))
     ORDER BY ${VERDICT_AT} LIMIT 1`,
  );
  const upsert = db.prepare(
    `INSERT INTO summaries (platform, chat_id, at, time_zone, locale, providers, created_by, created_at)
     VALUES (@platform, @chatId, @at, @timeZone, @locale, @providers, @createdBy, @createdAt)
     ON CONFLICT (platform, chat_id) DO UPDATE SET at = excluded.at, time_zone = excluded.time_zone, locale = excluded.locale,
       providers = excluded.providers, created_by = excluded.created_by, created_at = excluded.created_at`,
  );
  const enable = db.prepare('DELETE FROM disabled_chats WHERE platform = ? AND chat_id = ?');
  const remove = db.prepare('DELETE FROM summaries WHERE platform = ? AND chat_id = ?');
  const one = db.prepare<[string, string], SummaryRow>('SELECT * FROM summaries WHERE platform = ? AND chat_id = ?');
  const all = db.prepare<[], SummaryRow>('SELECT * FROM summaries ORDER BY created_at, platform, chat_id');
  const queue = db.prepare(
    `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at, summary)
     SELECT @platform, @chatId, '${SUMMARY_KEY}', @day, '${SUMMARY_KEY}', '{}', 'pending', @now, @now, @order
     WHERE NOT EXISTS (SELECT 1 FROM disabled_chats WHERE platform = @platform AND chat_id = @chatId)
     ON CONFLICT (platform, chat_id, provider, object_id, outcome) DO NOTHING`,
  );
  const set = db.transaction((schedule: Parameters<StatsMethods['setSummary']>[0]) => {
    const { chat } = schedule;
    upsert.run({
      platform: chat.platform,
      chatId: chat.chatId,
      at: schedule.at,
      timeZone: schedule.timeZone,
      locale: schedule.locale,
      providers: JSON.stringify(schedule.providers),
      createdBy: schedule.createdBy,
      createdAt: schedule.createdAt.getTime(),
    });
    enable.run(chat.platform, chat.chatId);
  });

  return {
    async verdictHistory({ from, to, providers }) {
      return history.all({ from: from.getTime(), to: to.getTime(), providers: providerList(providers) }).map(toVerdictRow);
    },
    async historyStart(providers) {
      const row = start.get({ providers: providerList(providers) });
      return row ? new Date(row.at) : null;
    },
    async setSummary(schedule) {
      set.immediate(schedule);
    },
    async removeSummary(chat) {
      return remove.run(chat.platform, chat.chatId).changes > 0;
    },
    async getSummary(chat) {
      const row = one.get(chat.platform, chat.chatId);
      return row ? toSummarySchedule(row) : null;
    },
    async listSummaries() {
      return all.all().map(toSummarySchedule);
    },
    async queueSummary({ chat, order, now }) {
      const at = now.getTime();
      const result = queue.run({ platform: chat.platform, chatId: chat.chatId, day: order.day, now: at, order: JSON.stringify(order) });
      return result.changes > 0;
    },
  };
}
