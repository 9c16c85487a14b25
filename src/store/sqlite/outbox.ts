/** The outbox: claims with leases, one worker per chat at a time, and delivery results. */
import type Database from 'better-sqlite3';
import { MAX_ERROR_LENGTH, toOutboxEntry, toQueuedAlert, type OutboxRow, type QueuedAlertRow } from '../rows.js';
import { toSummaryEntry, type SummaryOutboxRow } from '../stats-rows.js';
import { LATEST_ALERTS_SCAN, type Store } from '../types.js';

type OutboxMethods = Pick<
  Store,
  'claimOutbox' | 'claimSummaries' | 'markSent' | 'markRetry' | 'markFailed' | 'renewClaims' | 'outboxDepth' | 'latestAlerts'
>;

type ClaimParameters = { worker: string; now: number; until: number; limit: number };

/**
 * Claims due rows of one kind: alerts and card updates, or daily summaries
 * (store/stats-types.ts). A row is due when pending and its time has come,
 * or when its claim's lease ran out (the worker died). A chat is busy while
 * another worker's lease on any of its rows runs, or while one of its rows
 * waits out a retry time (a row queued for later, never tried, is quiet
 * hours: it holds nothing), whichever kind the rows are.
 * Busy chats are found once per claim (MATERIALIZED), not once per candidate row: with thousands of
 * rows pending, a correlated NOT EXISTS per row took over a second (npm run bench, alerts).
 */
const claimSql = (kind: string, columns: string): string =>
  `WITH busy AS MATERIALIZED (
     SELECT DISTINCT platform, chat_id FROM outbox
     WHERE status IN ('pending', 'claimed')
       AND ((status = 'claimed' AND lease_until > @now AND claimed_by <> @worker)
         OR (status = 'pending' AND due_at > @now AND attempts > 0)))
   UPDATE outbox SET status = 'claimed', claimed_by = @worker, lease_until = @until, attempts = attempts + 1
   WHERE id IN (
     SELECT o.id FROM outbox o
     WHERE ${kind} AND o.status IN ('pending', 'claimed')
       AND ((o.status = 'pending' AND o.due_at <= @now) OR (o.status = 'claimed' AND o.lease_until <= @now))
       AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.platform = o.platform AND b.chat_id = o.chat_id)
     ORDER BY o.id
     LIMIT @limit)
   RETURNING id, platform, chat_id, ${columns}`;

export function sqliteOutbox(db: Database.Database): OutboxMethods {
  const claim = db.prepare<ClaimParameters, OutboxRow & { id: number }>(
    claimSql('o.summary IS NULL', 'event, created_at, attempts, last_error, review_change, held'),
  );
  const claimDailySummaries = db.prepare<ClaimParameters, SummaryOutboxRow & { id: number }>(
    claimSql('o.summary IS NOT NULL', 'summary, created_at, attempts, last_error'),
  );
  const sent = db.prepare(
    `UPDATE outbox SET status = 'sent', finished_at = ?, claimed_by = NULL, lease_until = NULL
     WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'sent'`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET status = 'pending', due_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL
     WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'claimed')`,
  );
  const failed = db.prepare(
    `UPDATE outbox SET status = 'failed', last_error = ?, finished_at = ?, claimed_by = NULL, lease_until = NULL
     WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'claimed')`,
  );
  const renew = db.prepare(
    `UPDATE outbox SET lease_until = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'claimed' AND claimed_by = ?`,
  );
  const depth = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'claimed')");
  // The newest rows by id (the primary key, read backwards), then one per alert: SQLite takes `event`
  // from the row max(id) picked (sqlite.org/lang_select.html, "bare columns in an aggregate query").
  const latest = db.prepare<{ scan: number; limit: number }, QueuedAlertRow>(
    `SELECT event, min(created_at) AS queued_at, max(id) AS last_id FROM (
       SELECT id, provider, object_id, outcome, event, created_at FROM outbox
       WHERE review_change IS NULL AND summary IS NULL ORDER BY id DESC LIMIT @scan)
     GROUP BY provider, object_id, outcome
     ORDER BY last_id DESC LIMIT @limit`,
  );

  return {
    async claimOutbox({ worker, limit, leaseMs, now }) {
      if (limit <= 0) return [];
      const at = now.getTime();
      const rows = db
        .transaction(() => claim.all({ worker, now: at, until: at + leaseMs, limit }))
        .immediate();
      // RETURNING gives no order guarantee (sqlite.org/lang_returning.html).
      return rows.sort((a, b) => a.id - b.id).map(toOutboxEntry);
    },
    async claimSummaries({ worker, limit, leaseMs, now }) {
      if (limit <= 0) return [];
      const at = now.getTime();
      const rows = db
        .transaction(() => claimDailySummaries.all({ worker, now: at, until: at + leaseMs, limit }))
        .immediate();
      return rows.sort((a, b) => a.id - b.id).map(toSummaryEntry);
    },
    async markSent(ids, now) {
      if (ids.length > 0) sent.run(now.getTime(), JSON.stringify(ids));
    },
    async markRetry(ids, { error, retryAt }) {
      if (ids.length > 0) retry.run(retryAt.getTime(), error.slice(0, MAX_ERROR_LENGTH), JSON.stringify(ids));
    },
    async markFailed(ids, { error, now }) {
      if (ids.length > 0) failed.run(error.slice(0, MAX_ERROR_LENGTH), now.getTime(), JSON.stringify(ids));
    },
    async renewClaims(ids, { worker, leaseMs, now }) {
      if (ids.length > 0) renew.run(now.getTime() + leaseMs, JSON.stringify(ids), worker);
    },
    async outboxDepth() {
      return depth.get()?.n ?? 0;
    },
    async latestAlerts(limit) {
      return limit > 0 ? latest.all({ scan: LATEST_ALERTS_SCAN, limit }).map(toQueuedAlert) : [];
    },
  };
}
