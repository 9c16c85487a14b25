/**
 * The outbox: claims with leases, one worker per chat at a time, and
 * delivery results. Several replicas claim from one table: FOR UPDATE SKIP
 * LOCKED never hands a row to two of them, and a transaction advisory lock
 * runs claims one at a time so the "chat already held by another worker"
 * check reads every earlier claim (READ COMMITTED takes a fresh snapshot
 * per statement, after the lock is granted).
 */
import type pg from 'pg';
import { MAX_ERROR_LENGTH, toOutboxEntry, toQueuedAlert, type OutboxRow, type QueuedAlertRow } from '../rows.js';
import { toSummaryEntry, type SummaryOutboxRow } from '../stats-rows.js';
import { LATEST_ALERTS_SCAN, type Store } from '../types.js';
import { inTransaction, LOCK } from './transaction.js';

type OutboxMethods = Pick<
  Store,
  'claimOutbox' | 'claimSummaries' | 'markSent' | 'markRetry' | 'markFailed' | 'renewClaims' | 'outboxDepth' | 'latestAlerts'
>;

/** The newest rows by id, then one per alert (its newest row's event, its first row's time), newest first. */
const LATEST = `SELECT event, queued_at, last_id FROM (
    SELECT DISTINCT ON (provider, object_id, outcome) event, id AS last_id,
      min(created_at) OVER (PARTITION BY provider, object_id, outcome) AS queued_at
    FROM (SELECT id, provider, object_id, outcome, event, created_at FROM outbox
          WHERE review_change IS NULL AND summary IS NULL ORDER BY id DESC LIMIT $1) recent
    ORDER BY provider, object_id, outcome, id DESC) latest
  ORDER BY last_id DESC LIMIT $2`;

/**
 * Claims due rows of one kind: alerts and card updates, or daily summaries
 * (store/stats-types.ts). Due: pending and its time has come, or claimed by
 * a worker whose lease ran out (it died). Busy chat: another worker's lease
 * on any of its rows runs, or one of its rows waits out a retry time (a row
 * queued for later and never tried is quiet hours: it holds nothing),
 * whichever kind the rows are.
 */
const claimSql = (kind: string, columns: string): string => `UPDATE outbox
  SET status = 'claimed', claimed_by = $1, lease_until = $3, attempts = attempts + 1
  WHERE id IN (
    SELECT o.id FROM outbox o
    WHERE ${kind} AND o.status IN ('pending', 'claimed')
      AND ((o.status = 'pending' AND o.due_at <= $2) OR (o.status = 'claimed' AND o.lease_until <= $2))
      AND NOT EXISTS (
        SELECT 1 FROM outbox b
        WHERE b.platform = o.platform AND b.chat_id = o.chat_id AND b.status IN ('pending', 'claimed')
          AND ((b.status = 'claimed' AND b.lease_until > $2 AND b.claimed_by <> $1)
            OR (b.status = 'pending' AND b.due_at > $2 AND b.attempts > 0)))
    ORDER BY o.id
    LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING id, platform, chat_id, ${columns}`;

const CLAIM = claimSql('o.summary IS NULL', 'event, created_at, attempts, last_error, review_change, held');
const CLAIM_SUMMARIES = claimSql('o.summary IS NOT NULL', 'summary, created_at, attempts, last_error');

/** One claim at a time across replicas (the advisory lock), so each sees every earlier claim. */
async function claimRows<R>(pool: pg.Pool, sql: string, input: { worker: string; limit: number; leaseMs: number; now: Date }): Promise<R[]> {
  const { worker, limit, leaseMs, now } = input;
  if (limit <= 0) return [];
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK.namespace, LOCK.claim]);
    const result = await client.query(sql, [worker, now, new Date(now.getTime() + leaseMs), limit]);
    return result.rows as R[];
  });
}

export function postgresOutbox(pool: pg.Pool): OutboxMethods {
  return {
    async claimOutbox(input) {
      const rows = await claimRows<OutboxRow>(pool, CLAIM, input);
      return rows.map(toOutboxEntry).sort((a, b) => a.id - b.id);
    },
    async claimSummaries(input) {
      const rows = await claimRows<SummaryOutboxRow>(pool, CLAIM_SUMMARIES, input);
      return rows.map(toSummaryEntry).sort((a, b) => a.id - b.id);
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
    async latestAlerts(limit) {
      if (limit <= 0) return [];
      const { rows } = await pool.query<QueuedAlertRow>(LATEST, [LATEST_ALERTS_SCAN, limit]);
      return rows.map(toQueuedAlert);
    },
  };
}
