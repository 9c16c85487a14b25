/** Stats reads of the index of verifications, and daily summaries (store/stats-types.ts). */
import type pg from 'pg';
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
import { inTransaction } from './transaction.js';

type StatsMethods = Omit<StatsStore, 'claimSummaries'>;

/** Empty = all: the provider filter then passes every row. */
const providerList = (providers: readonly ProviderName[]): string[] | null => (providers.length > 0 ? [...providers] : null);

export function postgresStats(pool: pg.Pool): StatsMethods {
  return {
    async verdictHistory({ from, to, providers }) {
      const { rows } = await pool.query<VerdictDbRow>(
        `SELECT ${VERDICT_COLUMNS} FROM verifications
         WHERE ${VERDICT_AT} >= $1 AND ${VERDICT_AT} < $2 AND ($3::text[] IS NULL OR provider = ANY($3::text[]))`,
        [from, to, providerList(providers)],
      );
      return rows.map(toVerdictRow);
    },
    async verdictCounts({ from, split, to, providers, bucketMs }) {
      // One pass, grouped; rows of the window before have no bar (at 0).
      const { rows } = await pool.query<VerdictGroupDbRow>(
        `SELECT CASE WHEN ${VERDICT_AT} >= $2 THEN (floor(extract(epoch FROM ${VERDICT_AT}) * 1000 / $5) * $5)::bigint ELSE 0 END AS at,
           provider, outcome, ${COUNTED_NATIVE} AS native, reason, count(*) AS count,
           string_agg(floor(extract(epoch FROM decided_at - started_at))::bigint::text, ',') FILTER (WHERE ${TIMED_VERDICT}) AS seconds
         FROM verifications
         WHERE ${VERDICT_AT} >= $1 AND ${VERDICT_AT} < $3 AND ($4::text[] IS NULL OR provider = ANY($4::text[]))
         GROUP BY 1, 2, 3, 4, 5`,
        [from, split, to, providerList(providers), bucketMs],
      );
      return { groups: rows.map(toVerdictGroup) };
    },
    async historyStart(providers) {
      const { rows } = await pool.query<{ at: Date }>(
        `SELECT ${VERDICT_AT} AS at FROM verifications
         WHERE $1::text[] IS NULL OR provider = ANY($1::text[])
         ORDER BY ${VERDICT_AT} LIMIT 1`,
        [providerList(providers)],
      );
      return rows[0] ? new Date(rows[0].at) : null;
    },
    async setSummary(schedule) {
      const { chat } = schedule;
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO summaries (platform, chat_id, at, time_zone, locale, providers, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (platform, chat_id) DO UPDATE SET at = excluded.at, time_zone = excluded.time_zone, locale = excluded.locale,
             providers = excluded.providers, created_by = excluded.created_by,
             created_at = CASE WHEN summaries.at = excluded.at AND summaries.time_zone = excluded.time_zone
               THEN summaries.created_at ELSE excluded.created_at END`,
          [chat.platform, chat.chatId, schedule.at, schedule.timeZone, schedule.locale, schedule.providers, schedule.createdBy, schedule.createdAt],
        );
        await client.query('DELETE FROM disabled_chats WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
      });
    },
    async removeSummary(chat) {
      return inTransaction(pool, async (client) => {
        const result = await client.query('DELETE FROM summaries WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
        await client.query(
          `DELETE FROM outbox WHERE platform = $1 AND chat_id = $2 AND provider = '${SUMMARY_KEY}' AND outcome = '${SUMMARY_KEY}' AND status = 'pending'`,
          [chat.platform, chat.chatId],
        );
        return (result.rowCount ?? 0) > 0;
      });
    },
    async summaryQueued(chat, day) {
      const { rows } = await pool.query(
        `SELECT 1 FROM outbox WHERE platform = $1 AND chat_id = $2 AND provider = '${SUMMARY_KEY}' AND object_id = $3 AND outcome = '${SUMMARY_KEY}'`,
        [chat.platform, chat.chatId, day],
      );
      return rows.length > 0;
    },
    async getSummary(chat) {
      const { rows } = await pool.query<SummaryRow>('SELECT * FROM summaries WHERE platform = $1 AND chat_id = $2', [chat.platform, chat.chatId]);
      return rows[0] ? toSummarySchedule(rows[0]) : null;
    },
    async listSummaries() {
      const { rows } = await pool.query<SummaryRow>('SELECT * FROM summaries ORDER BY created_at, platform, chat_id');
      return rows.map(toSummarySchedule);
    },
    async queueSummary({ chat, order, now }) {
      const result = await pool.query(
        `INSERT INTO outbox (platform, chat_id, provider, object_id, outcome, event, status, created_at, due_at, summary)
         SELECT $1::text, $2::text, '${SUMMARY_KEY}', $3::text, '${SUMMARY_KEY}', '{}'::jsonb, 'pending', $4::timestamptz, $4::timestamptz, $5::jsonb
         WHERE NOT EXISTS (SELECT 1 FROM disabled_chats WHERE platform = $1::text AND chat_id = $2::text)
         ON CONFLICT (platform, chat_id, provider, object_id, outcome) DO NOTHING`,
        [chat.platform, chat.chatId, order.day, now, JSON.stringify(order)],
      );
      return (result.rowCount ?? 0) > 0;
    },
  };
}
