/**
 * The outbox: claims with leases, one worker per chat at a time, and
 * delivery results. Several replicas claim from one table: FOR UPDATE SKIP
 * LOCKED never hands a row to two of them, and a transaction advisory lock
 * runs claims one at a time so the "chat already held by another worker"
 * check reads every earlier claim (READ COMMITTED takes a fresh snapshot
 * per statement, after the lock is granted).
 */
import type pg from 'pg';
import { MAX_ERROR_LENGTH, toOutboxEntry, type OutboxRow } from '../rows.js';
import type { Store } from '../types.js';
import { inTransaction, LOCK } from './transaction.js';

type OutboxMethods = Pick<Store, 'claimOutbox' | 'markSent' | 'markRetry' | 'markFailed' | 'renewClaims' | 'outboxDepth'>;

// Due: pending and its time has come, or claimed by a worker whose lease ran out (it died).
// Busy chat: another worker's lease on it runs, or one of its rows waits out a retry time (a row queued for
// later and never tried is quiet hours: it holds nothing).
const CLAIM = `UPDATE outbox SET status = 'claimed', claimed_by = $1, lease_until = $3, attempts = attempts + 1
  WHERE id IN (
    SELECT o.id FROM outbox o
    WHERE o.status IN ('pending', 'claimed')
      AND ((o.status = 'pending' AND o.due_at <= $2) OR (o.status = 'claimed' AND o.lease_until <= $2))
      AND NOT EXISTS (
        SELECT 1 FROM outbox b
        WHERE b.platform = o.platform AND b.chat_id = o.chat_id AND b.status IN ('pending', 'claimed')
          AND ((b.status = 'claimed' AND b.lease_until > $2 AND b.claimed_by <> $1)
            OR (b.status = 'pending' AND b.due_at > $2 AND b.attempts > 0)))
    ORDER BY o.id
    LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING id, platform, chat_id, event, created_at, attempts, last_error, review_change, held`;

export function postgresOutbox(pool: pg.Pool): OutboxMethods {
  return {
    async claimOutbox({ worker, limit, leaseMs, now }) {
      if (limit <= 0) return [];
      const rows = await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.namespace, LOCK.claim]);
        const result = await client.query<OutboxRow>(CLAIM, [worker, now, new Date(now.getTime() + leaseMs), limit]);
        return result.rows;
      });
      return rows.map(toOutboxEntry).sort((a, b) => a.id - b.id);
    },
    async markSent(ids, now) {
      if (ids.length === 0) return;
      await pool.query(
        `UPDATE outbox SET status = 'sent', finished_at = $1, claimed_by = NULL, lease_until = NULL
         WHERE id = ANY($2::bigint[]) AND status <> 'sent'`,
        [now, ids],
      );
    },
    async markRetry(ids, { error, retryAt }) {
      if (ids.length === 0) return;
      await pool.query(
        `UPDATE outbox SET status = 'pending', due_at = $1, last_error = $2, claimed_by = NULL, lease_until = NULL
         WHERE id = ANY($3::bigint[]) AND status IN ('pending', 'claimed')`,
        [retryAt, error.slice(0, MAX_ERROR_LENGTH), ids],
      );
    },
    async markFailed(ids, { error, now }) {
      if (ids.length === 0) return;
      await pool.query(
        `UPDATE outbox SET status = 'failed', last_error = $1, finished_at = $2, claimed_by = NULL, lease_until = NULL
         WHERE id = ANY($3::bigint[]) AND status IN ('pending', 'claimed')`,
        [error.slice(0, MAX_ERROR_LENGTH), now, ids],
      );
    },
    async renewClaims(ids, { worker, leaseMs, now }) {
      if (ids.length === 0) return;
      await pool.query(
        `UPDATE outbox SET lease_until = $1 WHERE id = ANY($2::bigint[]) AND status = 'claimed' AND claimed_by = $3`,
        [new Date(now.getTime() + leaseMs), ids, worker],
      );
    },
    async outboxDepth() {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status IN ('pending', 'claimed')");
      return rows[0]?.n ?? 0;
    },
  };
}
