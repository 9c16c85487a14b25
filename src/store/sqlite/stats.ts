/** Stats reads of the index of verifications, and daily summaries (store/stats-types.ts). */
import type Database from 'better-sqlite3';
import type { ProviderName } from '../../domain/outcome.js';
import {
  COUNTED_NATIVE,
  SUMMARY_KEY,
  TIMED_VERDICT,
  VERDICT_AT,
  VERDICT_COLUMNS,
  toSummarySchedule,
  toVerdictGroup,
  toVerdictRow,
  type SummaryRow,
  type VerdictDbRow,
  type VerdictGroupDbRow,
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
  // One pass, grouped. Integer division (a bound number arrives as REAL, hence the CAST); rows of the window before have
  // no bar (at 0).
  const counts = db.prepare<{ from: number; split: number; to: number; providers: string | null; bucket: number }, VerdictGroupDbRow>(
    `SELECT CASE WHEN ${VERDICT_AT} >= @split THEN (${VERDICT_AT} / CAST(@bucket AS INTEGER)) * @bucket ELSE 0 END AS at,
       provider, outcome, ${COUNTED_NATIVE} AS native, reason, count(*) AS count,
       group_concat(CASE WHEN ${TIMED_VERDICT} THEN (decided_at - started_at) / 1000 END) AS seconds
     FROM verifications
     WHERE ${VERDICT_AT} >= @from AND ${VERDICT_AT} < @to
       AND (@providers IS NULL OR provider IN (SELECT value FROM json_each(@providers)))
     GROUP BY 1, 2, 3, 4, 5`,
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
       providers = excluded.providers, created_by = excluded.created_by,
       created_at = CASE WHEN summaries.at = excluded.at AND summaries.time_zone = excluded.time_zone
         THEN summaries.created_at ELSE excluded.created_at END`,
  );
  const enable = db.prepare('DELETE FROM disabled_chats WHERE platform = ? AND chat_id = ?');
  const remove = db.prepare('DELETE FROM summaries WHERE platform = ? AND chat_id = ?');
  const dropPending = db.prepare(
    `DELETE FROM outbox WHERE platform = ? AND chat_id = ? AND provider = '${SUMMARY_KEY}' AND outcome = '${SUMMARY_KEY}' AND status = 'pending'`,
  );
  const removeAll = db.transaction((chat: { platform: string; chatId: string }) => {
    const removed = remove.run(chat.platform, chat.chatId).changes > 0;
    dropPending.run(chat.platform, chat.chatId);
    return removed;
  });
  const queued = db.prepare<[string, string, string], { one: number }>(
    `SELECT 1 AS one FROM outbox WHERE platform = ? AND chat_id = ? AND provider = '${SUMMARY_KEY}' AND object_id = ? AND outcome = '${SUMMARY_KEY}'`,
  );
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
    async verdictCounts({ from, split, to, providers, bucketMs }) {
      const params = { from: from.getTime(), split: split.getTime(), to: to.getTime(), providers: providerList(providers), bucket: bucketMs };
      return { groups: counts.all(params).map(toVerdictGroup) };
    },
    async historyStart(providers) {
      const row = start.get({ providers: providerList(providers) });
      return row ? new Date(row.at) : null;
    },
    async setSummary(schedule) {
      set.immediate(schedule);
    },
    async removeSummary(chat) {
      return removeAll.immediate(chat);
    },
    async summaryQueued(chat, day) {
      return queued.get(chat.platform, chat.chatId, day) !== undefined;
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
