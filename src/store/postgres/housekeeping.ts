/**
 * Records kept only for a while, and the daily prune of what is no longer
 * kept: replay memory for signed requests, and the command lines behind
 * buttons whose platform limits the payload (Telegram callback_data: 1-64 bytes).
 */
import type pg from 'pg';
import type { Store } from '../types.js';

type HousekeepingMethods = Pick<Store, 'rememberRequest' | 'saveButtonPayload' | 'loadButtonPayload' | 'prune'>;

export function postgresHousekeeping(pool: pg.Pool): HousekeepingMethods {
  return {
    async rememberRequest({ key, now, expiresAt }) {
      // Inserts, or takes over an expired row; an unexpired row with the same key changes nothing (a replay).
      const result = await pool.query(
        `INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= $3`,
        [key, expiresAt, now],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async saveButtonPayload({ key, commandLine, expiresAt }) {
      await pool.query(
        `INSERT INTO button_payloads (key, command_line, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET command_line = excluded.command_line, expires_at = excluded.expires_at`,
        [key, commandLine, expiresAt],
      );
    },
    async loadButtonPayload(key, now) {
      const { rows } = await pool.query<{ command_line: string }>(
        'SELECT command_line FROM button_payloads WHERE key = $1 AND expires_at > $2',
        [key, now],
      );
      return rows[0]?.command_line ?? null;
    },
    async prune({ now, finishedBefore, auditBefore }) {
      const count = async (sql: string, value: Date) => (await pool.query(sql, [value])).rowCount ?? 0;
      // No sweep counted it in all that time, so it is in no final list any more (the reconciliation walks them all).
      await count('DELETE FROM unswept_outcomes WHERE recorded_at < $1', finishedBefore);
      return {
        outbox: await count("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND finished_at < $1", finishedBefore),
        seenRequests: await count('DELETE FROM seen_requests WHERE expires_at <= $1', now),
        buttonPayloads: await count('DELETE FROM button_payloads WHERE expires_at <= $1', now),
        audit: await count('DELETE FROM audit_log WHERE at < $1', auditBefore),
        webhookEvents: await count("DELETE FROM webhook_events WHERE status = 'finished' AND finished_at < $1", finishedBefore),
      };
    },
  };
}
