/** Replay memory for signed requests, and the daily prune of what is no longer kept. */
import type pg from 'pg';
import type { Store } from '../types.js';

export function postgresHousekeeping(pool: pg.Pool): Pick<Store, 'rememberRequest' | 'prune'> {
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
    async prune({ now, finishedBefore, auditBefore }) {
      const count = async (sql: string, value: Date) => (await pool.query(sql, [value])).rowCount ?? 0;
      return {
        outbox: await count("DELETE FROM outbox WHERE status IN ('sent', 'failed') AND finished_at < $1", finishedBefore),
        seenRequests: await count('DELETE FROM seen_requests WHERE expires_at <= $1', now),
        buttonPayloads: await count('DELETE FROM button_payloads WHERE expires_at <= $1', now),
        audit: await count('DELETE FROM audit_log WHERE at < $1', auditBefore),
      };
    },
  };
}
